/// An AWS config or credentials file, read the way the AWS CLI reads it and kept byte for
/// byte, so that an edit changes only the lines it means to change.
///
/// The rules are botocore's, which uses Python's `configparser.RawConfigParser` in strict
/// mode: `=` or `:` separate keys from values; `#` and `;` start a comment only as the
/// first character of a line (after indentation); a line indented deeper than the key it
/// follows continues that key's value; a duplicate section or key (keys compare without
/// case) makes the whole file unreadable, as does a line that is none of these; and the
/// upper-case `[DEFAULT]` section lends its keys to every other section.
public struct ConfigFile: Sendable {
    public struct Line: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case blank
            case comment
            /// `[NAME]`: the index of the section in `sections`.
            case section(Int)
            case option
            /// A line continuing the value of the option above it.
            case continuation
        }

        /// The line without its line ending.
        public var text: String
        /// `\n`, `\r\n`, `\r`, or empty on a last line without one.
        public var ending: String
        public var kind: Kind
    }

    public struct Option: Sendable, Equatable {
        /// Lower-cased, as the AWS CLI compares keys.
        public var key: String
        /// The value with continuation lines joined by `\n`, as the AWS CLI sees it.
        public var value: String
        /// 0-based index of the option's first line.
        public var line: Int
    }

    public struct Section: Sendable, Equatable {
        /// The text between the brackets, e.g. `profile dev` or `sso-session acme`.
        public var name: String
        /// 0-based index of the header line.
        public var line: Int
        /// 0-based index of the section's last option or continuation line (the header's
        /// when it has none). Comments and blank lines after it belong to no section here.
        public var lastLine: Int
        public var options: [Option]
    }

    public var lines: [Line]
    /// The sections in file order; `[DEFAULT]` is not among them.
    public var sections: [Section]
    /// The keys of `[DEFAULT]`, which every section inherits.
    public var defaults: [Option]

    /// The exact bytes of the file.
    public var bytes: [UInt8] {
        var bytes: [UInt8] = []
        for line in lines {
            bytes += Array(line.text.utf8)
            bytes += Array(line.ending.utf8)
        }
        return bytes
    }

    /// Why the AWS CLI would refuse the file, and on which line (1-based).
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String

        public var description: String { "line \(line): \(message)" }
    }
}

extension ConfigFile {
    /// Reads a file by the AWS CLI's rules; throws the first problem that makes the AWS CLI
    /// refuse the whole file.
    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> ConfigFile {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ParseError(line: 1, message: "the file is not valid UTF-8")
        }
        var parser = ConfigParser(lines: splitLines(text))
        return try parser.run()
    }

    /// Lines as Python's universal newlines mode splits them: at `\n`, `\r\n` and `\r`.
    static func splitLines(_ text: String) -> [Line] {
        var lines: [Line] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var index = start
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                var end = scalars.index(after: index)
                if scalar == "\r", end < scalars.endIndex, scalars[end] == "\n" { end = scalars.index(after: end) }
                lines.append(Line(text: String(scalars[start..<index]), ending: String(scalars[index..<end]), kind: .blank))
                start = end
                index = end
            } else {
                index = scalars.index(after: index)
            }
        }
        if start < scalars.endIndex {
            lines.append(Line(text: String(scalars[start...]), ending: "", kind: .blank))
        }
        return lines
    }
}

/// Python's `str.isspace`, `strip` and the like, which the AWS CLI's parser relies on.
enum PythonText {
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
    }

    static func strip(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return Substring(scalars[first...last])
    }

    static func rstrip(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[...last])
    }

    /// `str.splitlines()`: every line boundary Python knows, without the boundaries.
    static func splitLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var index = start
        let breaks: Set<UInt32> = [0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029]
        while index < scalars.endIndex {
            if breaks.contains(scalars[index].value) {
                lines.append(Substring(scalars[start..<index]))
                var next = scalars.index(after: index)
                if scalars[index] == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                start = next
                index = next
            } else {
                index = scalars.index(after: index)
            }
        }
        if start < scalars.endIndex { lines.append(Substring(scalars[start...])) }
        return lines
    }
}
