/// Where an entry of org.yaml is written, found in the text itself, so that removing it takes
/// away exactly its own bytes: an item of a block list is its lines (from the `-` to its last
/// line indented deeper; comments after that last line stay), a key of a block mapping is its
/// lines likewise, and an item or key of a flow collection (`[a, {group: b, until: ...}]`) is
/// its text with one comma beside it. Positions are libyaml's (columns count characters).
struct EntryText {
    private let bytes: [UInt8]
    /// The offset where each line starts; one more, past the end.
    private let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        if starts.last != bytes.count { starts.append(bytes.count) }
        lineStarts = starts
    }

    /// The bytes removing the entry takes away; nil when it is not written in a form read here
    /// (an entry that carries an anchor, a list item on the line after its `-`).
    func removal(of entry: TimeBoundGrant.Entry) -> Range<Int>? {
        switch entry {
        case .item(let location):
            guard let start = offset(location), bytes[start] != .ampersand else { return nil }
            let line = location.line - 1
            let before = bytes[lineStarts[line]..<start]
            if let dash = before.lastIndex(where: { $0 != .space }), bytes[dash] == .dash, dash < start - 1,
                bytes[lineStarts[line]..<dash].allSatisfy({ $0 == .space })
            {
                return lineStarts[line]..<lineStarts[lastLine(of: line, deeperThan: dash - lineStarts[line]) + 1]
            }
            return flowRemoval(start)
        case .pair(let key):
            guard let start = offset(key), bytes[start] != .ampersand else { return nil }
            let line = key.line - 1
            guard bytes[lineStarts[line]..<start].allSatisfy({ $0 == .space }) else { return flowRemoval(start) }
            return lineStarts[line]..<lineStarts[lastLine(of: line, deeperThan: start - lineStarts[line]) + 1]
        }
    }

    /// The offset of a line and column; nil outside the text.
    private func offset(_ location: SourceLocation) -> Int? {
        guard location.line >= 1, location.line < lineStarts.count else { return nil }
        var offset = lineStarts[location.line - 1]
        var characters = 1
        while characters < location.column {
            guard offset < bytes.count, bytes[offset] != .newline else { return nil }
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            characters += 1
        }
        return offset < bytes.count ? offset : nil
    }

    /// The last line of a block entry that starts on `line` with its marker (the `-`, or the
    /// key) at `column`: the last line with content indented deeper before a line that is not.
    private func lastLine(of line: Int, deeperThan column: Int) -> Int {
        var last = line
        for next in (line + 1)..<(lineStarts.count - 1) {
            var first = lineStarts[next]
            while first < lineStarts[next + 1], bytes[first] == .space { first += 1 }
            guard first < lineStarts[next + 1], ![.newline, .carriageReturn, .hash].contains(bytes[first]) else { continue }
            guard first - lineStarts[next] > column else { break }
            last = next
        }
        return last
    }

    /// An item or key of a flow collection starting at `start` (its value a flow collection or
    /// a scalar on its line), with the comma after it, or else the one before it.
    private func flowRemoval(_ start: Int) -> Range<Int>? {
        guard let previous = previousSignificant(before: start), [.openBracket, .openBrace, .comma].contains(bytes[previous]),
            let end = flowEnd(from: start)
        else { return nil }
        var after = end
        while after < bytes.count, bytes[after] == .space || bytes[after] == .newline || bytes[after] == .carriageReturn {
            after += 1
        }
        var range: Range<Int>
        if after < bytes.count, bytes[after] == .comma {
            var through = after + 1
            while through < bytes.count, bytes[through] == .space { through += 1 }
            range = start..<through
        } else if bytes[previous] == .comma {
            range = previous..<end
        } else {
            range = start..<end
        }
        // An item alone on its lines takes the lines with it.
        let lineStart = (bytes[..<range.lowerBound].lastIndex(of: .newline) ?? -1) + 1
        if bytes[lineStart..<range.lowerBound].allSatisfy({ $0 == .space }) {
            var lineEnd = range.upperBound
            while lineEnd < bytes.count, bytes[lineEnd] == .space || bytes[lineEnd] == .carriageReturn { lineEnd += 1 }
            if lineEnd < bytes.count, bytes[lineEnd] == .newline { range = lineStart..<(lineEnd + 1) }
        }
        return range
    }

    /// The offset of the last byte before `offset` that is not a space or a line break.
    private func previousSignificant(before offset: Int) -> Int? {
        bytes[..<offset].lastIndex { ![.space, .newline, .carriageReturn].contains($0) }
    }

    /// Where the flow entry starting at `start` ends: past the bracket that closes the
    /// collection opened there, or past its key's value when it is a key (`super_admin: {...}`).
    private func flowEnd(from start: Int) -> Int? {
        var depth = 0
        var offset = start
        var quote: UInt8?
        while offset < bytes.count {
            let byte = bytes[offset]
            if let open = quote {
                if byte == .backslash, open == .doubleQuote {
                    offset += 1
                } else if byte == open {
                    if open == .singleQuote, offset + 1 < bytes.count, bytes[offset + 1] == .singleQuote {
                        offset += 1
                    } else {
                        quote = nil
                    }
                }
            } else {
                switch byte {
                case .singleQuote, .doubleQuote: quote = byte
                case .openBrace, .openBracket: depth += 1
                case .closeBrace, .closeBracket:
                    if depth == 0 { return offset }
                    depth -= 1
                    if depth == 0 { return offset + 1 }
                case .comma where depth == 0: return offset
                case .hash where offset > start && bytes[offset - 1] == .space:
                    while offset < bytes.count, bytes[offset] != .newline { offset += 1 }
                    continue
                default: break
                }
            }
            offset += 1
        }
        return nil
    }
}

extension UInt8 {
    // The bytes that mark the structure of YAML's text.
    fileprivate static let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    fileprivate static let dash = UInt8(ascii: "-"), hash = UInt8(ascii: "#"), ampersand = UInt8(ascii: "&"), comma = UInt8(ascii: ",")
    fileprivate static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    fileprivate static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    fileprivate static let singleQuote = UInt8(ascii: "'"), doubleQuote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
}
