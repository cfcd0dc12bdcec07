/// Diagnostics as a stage collects them, as a compiler's error limit works: of each code and
/// severity the first `limit` are kept, the rest only counted, so a file with millions of
/// entries that make the same mistake costs a count, not millions of messages in memory.
public struct DiagnosticList: Sendable {
    /// How many of one code and severity are shown.
    public static let limitPerCode = 100

    private struct Key: Hashable, Sendable {
        var severity: Diagnostic.Severity
        var code: DiagnosticCode
    }

    public private(set) var kept: [Diagnostic] = []
    private var keptCount: [Key: Int] = [:]
    /// Past the limit: how many, in the order their codes first went past it.
    private var hidden: [(key: Key, count: Int)] = []
    private var hiddenIndex: [Key: Int] = [:]

    public init() {}

    public init(_ diagnostics: [Diagnostic]) {
        append(contentsOf: diagnostics)
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        let key = Key(severity: diagnostic.severity, code: diagnostic.code)
        let count = keptCount[key, default: 0]
        if count < Self.limitPerCode {
            keptCount[key] = count + 1
            kept.append(diagnostic)
        } else {
            hide(key, 1)
        }
    }

    public mutating func append(contentsOf diagnostics: some Sequence<Diagnostic>) {
        for diagnostic in diagnostics { append(diagnostic) }
    }

    /// Another stage's list: its kept ones appended (and limited), its counts added.
    public mutating func append(_ other: DiagnosticList) {
        append(contentsOf: other.kept)
        for (key, count) in other.hidden { hide(key, count) }
    }

    private mutating func hide(_ key: Key, _ count: Int) {
        if let index = hiddenIndex[key] {
            hidden[index].count += count
        } else {
            hiddenIndex[key] = hidden.count
            hidden.append((key, count))
        }
    }

    public static func += (list: inout DiagnosticList, diagnostics: [Diagnostic]) {
        list.append(contentsOf: diagnostics)
    }

    public var isEmpty: Bool { kept.isEmpty }

    /// What is printed: the kept diagnostics with their places in `file`, in file order, the
    /// first `limitPerCode` of each code and severity, then one line per code counting the rest.
    public func finished(inFile file: String) -> [Diagnostic] {
        var shown = DiagnosticList()
        shown.append(contentsOf: kept.map { $0.inFile(file) }.sortedByLocation())
        for (key, count) in hidden { shown.hide(key, count) }
        return shown.kept
            + shown.hidden.map { key, count in
                Diagnostic(
                    key.severity, key.code,
                    "\(count) more \(key.code.rawValue) \(key.severity.rawValue)\(count == 1 ? "" : "s") not shown (the first \(Self.limitPerCode) are)",
                    at: nil)
            }
    }
}
