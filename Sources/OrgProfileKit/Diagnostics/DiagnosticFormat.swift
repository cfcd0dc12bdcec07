import Foundation

/// How diagnostics are printed: for people (`text`), for tools (`json`, one object per
/// line), or as GitHub Actions workflow commands (`github`) that annotate a pull request.
public enum DiagnosticFormat: String, CaseIterable, Sendable {
    case text, json, github

    /// The diagnostics, one line each (and one per note), each ending in a newline.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        var output = ""
        for diagnostic in diagnostics {
            output += line(diagnostic.severity, diagnostic.code, diagnostic.message, diagnostic.location)
            for note in diagnostic.notes {
                output += line(.note, diagnostic.code, note.message, note.location)
            }
        }
        return output
    }

    private func line(_ severity: Diagnostic.Severity, _ code: DiagnosticCode, _ message: String, _ location: SourceLocation?) -> String {
        switch self {
        case .text:
            guard let location else { return "orgprofile: \(severity.rawValue): \(message)\n" }
            return "\(location): \(severity.rawValue): \(message)\n"
        case .json:
            var object: [String: Any] = ["severity": severity.rawValue, "code": code.rawValue, "message": message]
            if let location {
                object["file"] = location.file
                object["line"] = location.line
                object["column"] = location.column
            }
            // Strings and integers only: serialization cannot fail.
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self) + "\n"
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
            return "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
        }
    }

    /// GitHub's escaping for a workflow command's message.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// GitHub's escaping for a workflow command's property value.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
