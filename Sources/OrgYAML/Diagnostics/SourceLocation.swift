import Foundation

/// A position in a source file: 1-based line and column, as editors count them.
///
/// A location is copied with every node and value read from org.yaml, so it is small and
/// counts no references: the file is a number in a registry of file names (a `String`
/// longer than 15 bytes would be retained and released, atomically, on each copy), and the
/// three numbers are 32 bits (12 bytes instead of 24; a larger line or column is clamped).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    private let fileNumber, storedLine, storedColumn: Int32

    public var line: Int { Int(storedLine) }
    public var column: Int { Int(storedColumn) }

    public init(file: String, line: Int, column: Int) {
        self.init(fileNumber: FileNames.shared.number(of: file), line: line, column: column)
    }

    /// For many locations in one file: `FileNames.shared.number(of:)` once, then this.
    init(fileNumber: Int, line: Int, column: Int) {
        self.fileNumber = Int32(fileNumber)
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    /// The file's name as the user gave it (never made absolute).
    public var file: String { FileNames.shared.name(Int(fileNumber)) }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.fileNumber != rhs.fileNumber { return lhs.file < rhs.file }
        return (lhs.storedLine, lhs.storedColumn) < (rhs.storedLine, rhs.storedColumn)
    }

    /// `FILE:LINE:COLUMN`
    public var description: String { "\(file):\(line):\(column)" }
}

/// Every file name a location has named in this process, numbered in the order first seen
/// (one number per distinct name, so equal numbers mean equal names).
final class FileNames: @unchecked Sendable {
    static let shared = FileNames()

    private let lock = NSLock()
    private var names: [String] = []
    private var numbers: [String: Int] = [:]

    func number(of name: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if let number = numbers[name] { return number }
        names.append(name)
        numbers[name] = names.count - 1
        return names.count - 1
    }

    func name(_ number: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        return names[number]
    }
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
