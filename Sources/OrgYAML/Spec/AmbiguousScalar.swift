/// Plain scalars that orgprofile reads as text but other YAML tools read as something else,
/// as yamllint's `truthy` and `octal` rules find them: YAML 1.1 (PyYAML, many CI scripts)
/// reads `no` as false, `012345670123` as the octal number 1402433619 and `1:20` as 80; YAML
/// 1.2 tools read `0123456789` as the number 123456789. A value read differently by the
/// script that edits org.yaml and by orgprofile is a bug waiting for a rewrite.
enum AmbiguousScalar {
    /// What other YAML tools read `text`, written plain, as; nil when they read it as text
    /// too (or as a number with the same digits).
    static func otherReading(of text: String) -> String? {
        guard let first = text.utf8.first else { return nil }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            return number(text)
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "o"), UInt8(ascii: "O"),
            UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return boolean(text)
        default:
            return nil
        }
    }

    private static func boolean(_ text: String) -> String? {
        switch text {
        case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE":
            "YAML 1.1 tools (PyYAML, many CI scripts) read it as the boolean true"
        case "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE":
            "YAML 1.1 tools (PyYAML, many CI scripts) read it as the boolean false"
        default: nil
        }
    }

    private static func number(_ text: String) -> String? {
        let sign = text.first == "-" || text.first == "+" ? String(text.first!) : ""
        let digits = text.dropFirst(sign.count).filter { $0 != "_" }
        guard !digits.isEmpty else { return nil }
        if digits.allSatisfy(\.isASCIIDigit) {
            guard digits.count > 1, digits.first == "0" else { return nil }
            if digits.allSatisfy({ $0 < "8" }), let value = Int(digits, radix: 8) {
                return "YAML 1.1 tools (PyYAML, many CI scripts) read it as the octal number \(sign == "-" ? "-" : "")\(value)"
            }
            let kept = digits.drop { $0 == "0" }
            return "YAML 1.2 tools read it as the number \(sign == "-" ? "-" : "")\(kept.isEmpty ? "0" : kept), without its leading zero"
        }
        // Sexagesimal integers: digits, then groups of `:` and one or two digits below 60.
        let parts = digits.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count > 1, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }), parts[0].first != "0",
            parts.dropFirst().allSatisfy({ $0.count <= 2 && Int($0)! < 60 })
        else { return nil }
        let value = parts.reduce(0) { $0 * 60 + Int($1)! }
        return "YAML 1.1 tools (PyYAML, many CI scripts) read it as the sexagesimal number \(sign == "-" ? "-" : "")\(value)"
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
