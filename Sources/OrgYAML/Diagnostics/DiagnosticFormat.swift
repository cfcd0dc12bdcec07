import Foundation
import Support

/// How diagnostics are printed: for people (`text`), for tools (`json`, one object per
/// line), or as GitHub Actions workflow commands (`github`) that annotate a pull request.
public enum DiagnosticFormat: String, CaseIterable, Sendable {
    case text, json, github

    /// The diagnostics, one line each (and one per note), each ending in a newline.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        render(diagnostics, terminal: nil)
    }

    /// As `render(_:)`; in the text format for a terminal, each line is followed by the
    /// source line it points at with a caret under the column, and coloured if the terminal
    /// shows colour.
    public func render(_ diagnostics: [Diagnostic], terminal: Terminal?) -> String {
        var output = ""
        for diagnostic in diagnostics {
            output += line(diagnostic.severity, diagnostic.code, diagnostic.message, diagnostic.location, terminal)
            for note in diagnostic.notes {
                output += line(.note, diagnostic.code, note.message, note.location, terminal)
            }
        }
        return output
    }

    /// What a terminal gets beyond plain text.
    public struct Terminal: Sendable {
        public var style: TerminalStyle
        /// The files whose lines may be quoted, by name as locations give it, with the
        /// offset where each line starts.
        var sources: [String: (bytes: [UInt8], lineStarts: [Int])]

        public init(color: Bool, sources: [String: [UInt8]]) {
            style = TerminalStyle(enabled: color)
            self.sources = sources.mapValues { bytes in
                (bytes, [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 })
            }
        }

        /// `   23 |     groups: [developer]` and a caret line under the column; empty when
        /// the file or line is unknown.
        func excerpt(at location: SourceLocation) -> String {
            guard let source = sources[location.file], let text = Self.line(location.line, of: source) else { return "" }
            let number = String(location.line)
            let gutter = String(repeating: " ", count: max(0, 5 - number.count))
            // The caret follows the line's own tabs, so it stands under the column in any tab width.
            let lead = text.prefix(max(0, location.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            return "\(gutter)\(number) | \(TerminalText.escaped(String(text)))\n"
                + String(repeating: " ", count: gutter.count + number.count)
                + " | \(lead)\(style.apply(.green, "^"))\n"
        }

        /// The 1-based line of a file, without its line break.
        static func line(_ number: Int, of source: (bytes: [UInt8], lineStarts: [Int])) -> Substring? {
            guard number >= 1, number <= source.lineStarts.count else { return nil }
            let start = source.lineStarts[number - 1]
            let end = number < source.lineStarts.count ? source.lineStarts[number] - 1 : source.bytes.count
            guard start <= end, start < source.bytes.count || start == end && number < source.lineStarts.count else { return nil }
            return Substring(String(decoding: source.bytes[start..<end], as: UTF8.self)).trimmingTrailingReturn()
        }
    }

    /// `2 errors, 1 warning`: the count a run with problems ends with; nil without problems.
    public static func tally(errors: Int, warnings: Int) -> String? {
        guard errors + warnings > 0 else { return nil }
        func count(_ number: Int, _ word: String) -> String { "\(number) \(word)\(number == 1 ? "" : "s")" }
        return [errors > 0 ? count(errors, "error") : nil, warnings > 0 ? count(warnings, "warning") : nil].compactMap { $0 }.joined(
            separator: ", ")
    }

    private func line(
        _ severity: Diagnostic.Severity, _ code: DiagnosticCode, _ message: String, _ location: SourceLocation?, _ terminal: Terminal?
    ) -> String {
        switch self {
        case .text:
            let style = terminal?.style ?? TerminalStyle(enabled: false)
            let color: TerminalStyle.Color =
                switch severity {
                case .error: .boldRed
                case .warning: .boldYellow
                case .note: .boldCyan
                }
            let label = style.apply(color, "\(severity.rawValue):")
            // A message quotes values (names, AWS's words): shown, never acted on by a terminal.
            let message = TerminalText.escaped(message)
            guard let location else { return "\(style.apply(.bold, "orgprofile:")) \(label) \(message)\n" }
            return "\(style.apply(.bold, TerminalText.escaped("\(location):"))) \(label) \(message)\n"
                + (terminal?.excerpt(at: location) ?? "")
        case .json:
            struct Line: Encodable {
                var severity, code, message: String
                var file: String?
                var line, column: Int?
            }
            return JSON.line(
                Line(
                    severity: severity.rawValue, code: code.rawValue, message: message, file: location?.file, line: location?.line,
                    column: location?.column))
        case .github:
            let command =
                switch severity {
                case .error: "error"
                case .warning: "warning"
                case .note: "notice"
                }
            var properties: [String] = []
            if let location {
                properties += ["file=\(Self.escapeProperty(location.file))", "line=\(location.line)", "col=\(location.column)"]
            }
            properties.append("title=\(Self.escapeProperty(code.rawValue))")
            // A CI log is a terminal too: values quoted in the message are shown, not sent.
            return "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(TerminalText.escaped(message)))\n"
        }
    }

    /// GitHub's escaping for a workflow command's message.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(
            of: "\n", with: "%0A")
    }

    /// GitHub's escaping for a workflow command's property value.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

extension Substring {
    /// The line without a carriage return at its end (a CRLF file).
    func trimmingTrailingReturn() -> Substring {
        last == "\r" ? dropLast() : self
    }
}
