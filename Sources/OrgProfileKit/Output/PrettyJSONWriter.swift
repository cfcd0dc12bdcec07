/// Writes `manifest.json`, one token at a time, so that a large document is produced in
/// pieces instead of built as a value first. The caller writes keys in sorted order.
///
/// The format, the layout `JSON.encode` gives small documents: two-space indentation,
/// `"key" : value`, an empty object or array as an opening bracket, an empty line and the
/// closing bracket; `"` `\` and control characters escaped (`\b \f \n \r \t`, else
/// `\u00XX`), everything else written as it is.
struct PrettyJSONWriter {
    private(set) var bytes: [UInt8] = []
    /// For each open object or array: whether it has an element yet.
    private var open: [Bool] = []
    /// Set after a key: the next value follows it on the same line.
    private var afterKey = false

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// A writer for one value that stands inside `depth` open containers, to be copied into
    /// them later with `value(written:)`: it starts with the value itself, not a line break.
    init(valueAtDepth depth: Int) {
        open = Array(repeating: true, count: depth)
        afterKey = true
    }

    /// A value a `init(valueAtDepth:)` writer wrote, as the next element.
    mutating func value(written: UnsafeBufferPointer<UInt8>) {
        beginValue()
        bytes.append(contentsOf: written)
    }

    /// Takes the bytes written so far, leaving the writer's state (its open brackets) as it is.
    mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    mutating func beginObject() {
        beginValue()
        bytes.append(UInt8(ascii: "{"))
        open.append(false)
    }
    mutating func endObject() { end(UInt8(ascii: "}")) }
    mutating func beginArray() {
        beginValue()
        bytes.append(UInt8(ascii: "["))
        open.append(false)
    }
    mutating func endArray() { end(UInt8(ascii: "]")) }

    mutating func key(_ key: String) {
        self.key(key.utf8)
    }

    /// A key given as UTF-8 bytes.
    mutating func key(_ key: some Collection<UInt8>) {
        beginValue()
        quoted(key)
        bytes.append(contentsOf: " : ".utf8)
        afterKey = true
    }

    /// `"key" : "value"`
    mutating func field(_ key: String, _ value: String) {
        field(key.utf8, value.utf8)
    }

    /// `"key" : "value"`, both given as UTF-8 bytes.
    mutating func field(_ key: some Collection<UInt8>, _ value: some Collection<UInt8>) {
        self.key(key)
        beginValue()
        quoted(value)
    }

    /// Starts an element: after a key, nothing; else a comma after the previous element, a
    /// line break and the indentation.
    private mutating func beginValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = open.indices.last else { return }
        if open[last] { bytes.append(UInt8(ascii: ",")) }
        open[last] = true
        bytes.append(UInt8(ascii: "\n"))
        indent(open.count)
    }

    private mutating func end(_ bracket: UInt8) {
        let hadElements = open.removeLast()
        bytes.append(UInt8(ascii: "\n"))
        if !hadElements { bytes.append(UInt8(ascii: "\n")) }
        indent(open.count)
        bytes.append(bracket)
    }

    private mutating func indent(_ level: Int) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func quoted(_ text: some Collection<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        defer { bytes.append(UInt8(ascii: "\"")) }
        // Most strings need no escape: copied whole.
        var needsEscape = false
        for byte in text where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { needsEscape = true }
        guard needsEscape else {
            bytes.append(contentsOf: text)
            return
        }
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
            case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
            case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
            case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
            case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
    }
}

extension PrettyJSONWriter {
    /// The line break JSONEncoder's output does not have and orgprofile's files end with.
    mutating func finalNewline() {
        bytes.append(UInt8(ascii: "\n"))
    }
}
