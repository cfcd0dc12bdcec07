import Support

/// The lexical rules for names and values in org.yaml, hand-written so that checking a
/// large org costs a pass over its characters and nothing more.
public enum NameRules {
    public static let maximumSlugLength = 32

    /// Lowercase letters, digits and single hyphens; starts with a letter, ends with a letter
    /// or digit; at most 32 characters. Used for the project, session, account, group and
    /// suffix names that become parts of profile names and folder names.
    public static func isSlug(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last, bytes.count <= maximumSlugLength else { return false }
        guard isLowercaseLetter(first), last != UInt8(ascii: "-") else { return false }
        var previous: UInt8 = 0
        for byte in bytes {
            let isHyphen = byte == UInt8(ascii: "-")
            guard isLowercaseLetter(byte) || isDigit(byte) || isHyphen else { return false }
            if isHyphen && previous == UInt8(ascii: "-") { return false }
            previous = byte
        }
        return true
    }

    static let slugRule =
        "lowercase letters, digits and single hyphens, starting with a letter, not ending with a hyphen, at most 32 characters"

    /// 1-64 of letters, digits and `. _ @ + -`, not starting with `.` or `-` (so a user name
    /// is always a safe folder name).
    public static func isUserName(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, bytes.count <= 64 else { return false }
        guard first != UInt8(ascii: "."), first != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { isLetter($0) || isDigit($0) || "._@+-".utf8.contains($0) }
    }

    static let userNameRule = "1 to 64 letters, digits and . _ @ + -, not starting with '.' or '-'"

    /// An IAM Identity Center permission set name: 1-32 of letters, digits and `+ = , . @ _ -`.
    static func isPermissionSetName(_ text: String) -> Bool {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= 32 else { return false }
        return bytes.allSatisfy { isLetter($0) || isDigit($0) || "+=,.@_-".utf8.contains($0) }
    }

    /// Exactly twelve ASCII digits.
    static func isAccountID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy(isDigit)
    }

    /// An AWS region code such as `us-west-2`, `us-gov-west-1` or `eusc-de-east-1`: a 2-4
    /// letter prefix, one to three lowercase words, and a number.
    static func isRegion(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (3...5).contains(parts.count) else { return false }
        guard let prefix = parts.first, (2...4).contains(prefix.count), prefix.utf8.allSatisfy(isLowercaseLetter) else { return false }
        guard let number = parts.last, (1...2).contains(number.count), number.utf8.allSatisfy(isDigit), number.first != "0" else {
            return false
        }
        return parts.dropFirst().dropLast().allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(isLowercaseLetter) }
    }

    /// An AWS config key as the AWS CLI writes them: lowercase letters, digits and `_`,
    /// starting with a letter.
    static func isSettingKey(_ text: String) -> Bool {
        guard let first = text.utf8.first, isLowercaseLetter(first) else { return false }
        return text.utf8.allSatisfy { isLowercaseLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// An OAuth scope such as `sso:account:access`: letters, digits and `: _ . - /`.
    static func isScope(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { isLetter($0) || isDigit($0) || ":_.-/".utf8.contains($0) }
    }

    /// The first scalar of a value that no output may carry: a control character (C0, DEL,
    /// C1, tab included), a line or paragraph separator, or a bidirectional override or
    /// isolate (U+202A-U+202E, U+2066-U+2069), which makes text read differently from how it
    /// is stored. Every string org.yaml holds is checked once, where it is read.
    public static func firstUnsafeScalar(in text: String) -> Unicode.Scalar? {
        // Printable ASCII, the common case, needs no look at scalars.
        guard !text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        return text.unicodeScalars.first { scalar in
            scalar == "\t" || TerminalText.isUnsafe(scalar) || scalar == "\u{2028}" || scalar == "\u{2029}"
        }
    }

    /// `U+0007 (a control character)`: what an unsafe scalar is, for a message.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let kind =
            switch scalar.value {
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: "a line break"
            case 0x202A...0x202E, 0x2066...0x2069: "a bidirectional control, which shows text in another order than it is stored"
            default: "a control character"
            }
        return "\(code) (\(kind))"
    }

    static func isLowercaseLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    public static func isLetter(_ byte: UInt8) -> Bool {
        isLowercaseLetter(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
    public static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
