import Support

/// Where each value tag of a Markdown template stands, found from the template's own text
/// (context-aware escaping, as Go's html/template does for HTML): in a fenced code block or
/// an inline code span a value is code content; elsewhere it is inline text, written through
/// `Markdown.text`, so no value makes a heading, a list item, a link, raw HTML or a table cell.
enum MarkdownContext {
    /// Sets the escape of every value instruction from the literal text before it, read in
    /// template order: a line starting with three backquotes opens or closes a fence; an odd
    /// number of backquotes earlier on the line means an open code span; a line starting
    /// with `|` is a table row.
    static func assign(_ instructions: inout [CompiledTemplate.Instruction], literals: [UInt8]) {
        var inFence = false
        var line: [UInt8] = []
        var backquotes = 0
        for index in instructions.indices {
            switch instructions[index] {
            case .text(let start, let count):
                for byte in literals[Int(start)..<Int(start + count)] {
                    if byte == UInt8(ascii: "\n") {
                        if line.drop(while: { $0 == UInt8(ascii: " ") }).starts(with: "```".utf8) { inFence.toggle() }
                        line.removeAll(keepingCapacity: true)
                        backquotes = 0
                        continue
                    }
                    line.append(byte)
                    if byte == UInt8(ascii: "`") { backquotes += 1 }
                }
            case .value(let path, _):
                let inTable = line.first == UInt8(ascii: "|")
                let escape: CompiledTemplate.Escape =
                    inFence || backquotes % 2 == 1
                    ? .markdownCode(inTable: inTable && !inFence)
                    : .markdownText(startsLine: line.allSatisfy { $0 == UInt8(ascii: " ") })
                instructions[index] = .value(path, escape)
                // The value stands on the line: it is no fence marker, and starts no line of its own.
                line.append(UInt8(ascii: "x"))
            case .section, .inverted:
                break
            }
        }
    }

    /// Whether the value's bytes come out of their escape as they are (`Markdown.isPlain`).
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>, _ escape: CompiledTemplate.Escape) -> Bool {
        if case .markdownText(startsLine: true) = escape { return Markdown.isPlain(bytes, startsLine: true) }
        return Markdown.isPlain(bytes, startsLine: false)
    }

    static func escaped(_ value: String, _ escape: CompiledTemplate.Escape) -> String {
        switch escape {
        case .none: value
        case .markdownText(let startsLine): Markdown.text(value, startsLine: startsLine)
        case .markdownCode(let inTable): Markdown.codeContent(value, inTable: inTable)
        }
    }
}
