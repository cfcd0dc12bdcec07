/// A command line for a POSIX shell, as a person copies it from a message or a log: a word
/// made only of characters no shell treats specially stays as it is, any other is written in
/// single quotes (a quote inside as `'\''`), so that no value runs as code or splits in two.
public enum Shell {
    public static func quoted(_ word: String) -> String {
        let plain =
            !word.isEmpty
            && word.unicodeScalars.allSatisfy { $0.isASCII && (isAlphanumeric($0) || "-_./=:@+,".unicodeScalars.contains($0)) }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The words, each quoted as it needs, joined by spaces.
    public static func command(_ words: [String]) -> String {
        words.map(quoted).joined(separator: " ")
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
