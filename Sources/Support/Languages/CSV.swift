/// CSV as RFC 4180 writes it (CRLF line ends; a field with a comma, quote or line break
/// quoted, its quotes doubled), closed against spreadsheet formula injection as OWASP
/// advises: a field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
/// prefixed with `'`, so a spreadsheet shows it as text instead of evaluating it.
public enum CSV {
    /// One field, ready to be joined with commas.
    public static func field(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record: its fields and the CRLF that ends it.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }
}
