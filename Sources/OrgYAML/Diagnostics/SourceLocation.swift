/// A position in a source file: 1-based line and column, as editors count them.
///
/// Every node and value read from org.yaml carries one, so it is small and counts no
/// references: its line and column are 32 bits (a larger one is clamped), and the nodes'
/// locations name no file (a name longer than 15 bytes would be retained and released on
/// every copy). The analysis of a file names it on what it reports (`Diagnostic.inFile`).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The file's name as the user gave it (never made absolute); empty on org.yaml's nodes
    /// until the analysis names it.
    public let file: String
    private let storedLine, storedColumn: Int32

    public var line: Int { Int(storedLine) }
    public var column: Int { Int(storedColumn) }

    public init(file: String, line: Int, column: Int) {
        self.file = file
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    /// The same place in `file`, when it names no file yet.
    public func inFile(_ file: String) -> SourceLocation {
        self.file.isEmpty ? SourceLocation(file: file, line: line, column: column) : self
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        return (lhs.storedLine, lhs.storedColumn) < (rhs.storedLine, rhs.storedColumn)
    }

    /// `FILE:LINE:COLUMN`
    public var description: String { "\(file):\(line):\(column)" }
}

/// A value together with the place in org.yaml it was written.
public struct Located<Value> {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
extension Located: Sendable where Value: Sendable {}
