/// Text for a terminal: every control character (C0, DEL, C1) and every bidirectional
/// override or isolate (U+202A-U+202E, U+2066-U+2069) in a value is shown as a visible
/// escape such as `\u{1B}`, so a name or an AWS message cannot move the cursor, retitle the
/// window, clear the screen, start a line of its own or reorder what is shown around it.
/// Tabs stay (they only move to the next column).
public enum TerminalText {
    /// Whether a scalar would act on a terminal or reorder text instead of being shown.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: scalar != "\t"
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The value with each unsafe scalar written as `\u{HEX}`.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                output.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// At most `limit` characters of the text's first line, escaped, with `…` where it was cut:
    /// how a message from elsewhere (an AWS error) is quoted.
    public static func firstLine(_ text: String, limit: Int = 300) -> String {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        let trimmed = String(lines.first ?? "").trimmingBlanks()
        let cut = trimmed.count > limit || lines.dropFirst().contains { !String($0).trimmingBlanks().isEmpty }
        return escaped(String(trimmed.prefix(limit))) + (cut ? " …" : "")
    }
}

extension String {
    /// The text without spaces and tabs at either end.
    fileprivate func trimmingBlanks() -> String {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
