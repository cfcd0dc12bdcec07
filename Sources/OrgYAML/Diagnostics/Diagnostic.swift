/// One problem found in an input: data, printed only at the edge.
public struct Diagnostic: Error, Hashable, Sendable {
    public enum Severity: String, Sendable {
        case error, warning, note
    }

    /// A secondary location that explains the diagnostic, such as the first of two duplicates.
    public struct Note: Hashable, Sendable {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation?) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    /// A stable kebab-case name, such as `unknown-role`; see docs/diagnostics.md.
    public var code: DiagnosticCode
    public var message: String
    /// Where the problem is; nil for problems with no place in a file (an unreadable file).
    public var location: SourceLocation?
    public var notes: [Note]

    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String,
        at location: SourceLocation?, notes: [Note] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
    }

    public static func error(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation?, notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(.error, code, message, at: location, notes: notes)
    }

    public static func warning(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation?, notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location, notes: notes)
    }
}

extension Diagnostic {
    /// The same diagnostic, its places (and its notes') in `file` where they name no file yet.
    public func inFile(_ file: String) -> Diagnostic {
        var named = self
        named.location = location?.inFile(file)
        for index in named.notes.indices { named.notes[index].location = notes[index].location?.inFile(file) }
        return named
    }
}

extension Diagnostic: CustomStringConvertible {
    /// The compiler format: `FILE:LINE:COLUMN: error: MESSAGE`, then one line per note.
    public var description: String {
        String(DiagnosticFormat.text.render([self]).dropLast())
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// File order: by location, then as reported; diagnostics without a location first.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { lhs, rhs in
            switch (lhs.element.location, rhs.element.location) {
            case (nil, nil): return lhs.offset < rhs.offset
            case (nil, _): return true
            case (_, nil): return false
            case (let l?, let r?): return l == r ? lhs.offset < rhs.offset : l < r
            }
        }.map(\.element)
    }
}
