/// A JSON document written a piece at a time, so that a large one (the manifest, a report, a
/// diff, the access page's data) is never whole in memory as values: the one writer of
/// streamed JSON. `.pretty` lays a document out exactly as `JSON.encode` lays out a whole one
/// (JSONEncoder's layout: two-space indentation, `"key" : value`, a blank line in an empty
/// container), `.compact` as `JSON.line` does. Keys are written in the order given: the caller
/// writes them sorted, as `JSON` sorts them. With `htmlSafe`, every `<` is written `\u003c`,
/// so the JSON can stand inside an HTML `<script>` element.
///
/// The caller takes `bytes` away whenever it likes (`take()`), to hand a piece on.
public struct JSONStream {
    public enum Layout: Sendable { case pretty, compact }

    /// What is written and not yet taken.
    public var bytes: [UInt8] = []
    public let layout: Layout
    public let htmlSafe: Bool
    /// Each open container: its closing bracket, and whether it holds an element yet.
    private var open: [(close: UInt8, filled: Bool)] = []
    /// A key was written: the next value is its value, with no separator before it.
    private var afterKey = false

    /// What comes before the first element of a container at each depth, and before each
    /// next one (pretty: a newline and the indentation; compact: nothing, and a comma).
    private let firstSeparators: [[UInt8]]
    private let nextSeparators: [[UInt8]]

    public init(_ layout: Layout, htmlSafe: Bool = false) {
        self.layout = layout
        self.htmlSafe = htmlSafe
        let depths = 0..<Self.indents.count
        firstSeparators = depths.map { layout == .pretty ? Self.newline + Self.indents[$0] : [] }
        nextSeparators = depths.map { layout == .pretty ? Self.nextLine + Self.indents[$0] : [UInt8(ascii: ",")] }
    }

    public mutating func openObject() {
        beginValue()
        bytes.append(UInt8(ascii: "{"))
        open.append((UInt8(ascii: "}"), false))
    }

    public mutating func openArray() {
        beginValue()
        bytes.append(UInt8(ascii: "["))
        open.append((UInt8(ascii: "]"), false))
    }

    /// Closes the innermost open object or array; a pretty document's last line ends with a
    /// newline, as `JSON.encode` ends it.
    public mutating func close() {
        let (bracket, filled) = open.removeLast()
        if layout == .pretty {
            bytes += filled ? Self.newline : Self.blankLine
            bytes += Self.indent(open.count)
        }
        bytes.append(bracket)
        if open.isEmpty, layout == .pretty { bytes.append(UInt8(ascii: "\n")) }
    }

    /// A member's key; its value is whatever is written next.
    public mutating func key(_ name: String) {
        beginValue()
        appendString(name)
        bytes += layout == .pretty ? Self.keySeparator : [UInt8(ascii: ":")]
        afterKey = true
    }

    public mutating func string(_ text: String) {
        beginValue()
        appendString(text)
    }

    public mutating func integer(_ number: some BinaryInteger) {
        beginValue()
        bytes += String(number).utf8
    }

    /// Any value, through the encoder, laid out at its depth.
    public mutating func value(_ value: some Encodable) {
        beginValue()
        bytes += encoding(value)
    }

    /// A value's bytes as `value` would write them here (at this depth): for a value written
    /// many times, encoded once (`append(encoded:)`).
    public func encoding(_ value: some Encodable) -> [UInt8] {
        let encoded = JSON.encoded(value, pretty: layout == .pretty)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count + encoded.count / 4)
        let indent = Self.indent(open.count)
        encoded.withUnsafeBytes { raw in
            let all = raw.bindMemory(to: UInt8.self)
            var start = 0
            while true {
                let end = all[start...].firstIndex(of: UInt8(ascii: "\n")) ?? all.count
                // Every line after the first indented to this depth; JSONEncoder leaves the
                // line of an empty container empty.
                if start > 0, end > start { bytes += indent }
                bytes += all[start..<end]
                guard end < all.count else { break }
                bytes.append(UInt8(ascii: "\n"))
                start = end + 1
            }
        }
        return safe(bytes)
    }

    /// A value encoded before by `encoding`, at the same depth.
    public mutating func append(encoded: [UInt8]) {
        beginValue()
        bytes += encoded
    }

    /// What is written so far, handed over; the stream goes on empty.
    public mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// The separator and indentation an element needs in its container.
    private mutating func beginValue() {
        if afterKey {
            afterKey = false
            return
        }
        let depth = open.count
        guard depth > 0 else { return }
        let filled = open[depth - 1].filled
        if depth < firstSeparators.count {
            bytes += filled ? nextSeparators[depth] : firstSeparators[depth]
        } else if layout == .pretty {
            bytes += (filled ? Self.nextLine : Self.newline) + Self.indent(depth)
        } else if filled {
            bytes.append(UInt8(ascii: ","))
        }
        open[depth - 1].filled = true
    }

    /// As it is between quotes when nothing in it needs escaping (names, paths and digests
    /// never do); through the encoder otherwise.
    private mutating func appendString(_ text: String) {
        let plain = text.utf8.allSatisfy {
            $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") && !(htmlSafe && $0 == UInt8(ascii: "<"))
        }
        if plain {
            bytes.append(UInt8(ascii: "\""))
            bytes += text.utf8
            bytes.append(UInt8(ascii: "\""))
        } else {
            bytes += safe(Array(JSON.line(text).utf8.dropLast()))
        }
    }

    /// `<` as `\u003c` when the JSON is for HTML: it stands only inside strings, where the
    /// escape means the same character.
    private func safe(_ encoded: [UInt8]) -> [UInt8] {
        guard htmlSafe, encoded.contains(UInt8(ascii: "<")) else { return encoded }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(encoded.count + 10)
        for byte in encoded {
            if byte == UInt8(ascii: "<") { escaped += Self.escapedLessThan } else { escaped.append(byte) }
        }
        return escaped
    }

    private static let escapedLessThan = Array("\\u003c".utf8)
    private static let newline = Array("\n".utf8)
    private static let nextLine = Array(",\n".utf8)
    private static let blankLine = Array("\n\n".utf8)
    private static let keySeparator = Array(" : ".utf8)
    /// Two spaces a level; the first levels made once.
    private static func indent(_ depth: Int) -> [UInt8] {
        depth < indents.count ? indents[depth] : Array(repeating: UInt8(ascii: " "), count: 2 * depth)
    }

    private static let indents = (0..<8).map { Array(repeating: UInt8(ascii: " "), count: 2 * $0) }
}
