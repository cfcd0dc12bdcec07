import OrgYAML

/// A checked template compiled for fast rendering: a flat list of instructions whose names
/// were resolved once against the documented context, so rendering appends bytes and reads
/// slots by offset, with no name lookups, dictionaries, dynamic casts or reference counting
/// per tag (everything it touches is a plain value read through a buffer pointer).
///
/// The text and whitespace rules are swift-mustache's own (standalone section, inverted,
/// comment and pragma lines are removed; its quirks included), for the tags orgprofile
/// supports; the tests render every template both ways and compare the bytes.
struct CompiledTemplate: Sendable {
    /// One instruction. A section's children are the instructions after it, up to `end`.
    enum Instruction: Sendable, Equatable {
        /// Literal bytes: `count` of `literals` from `start`.
        case text(start: Int32, count: Int32)
        case value(Path, Escape)
        case section(Path, end: Int32)
        case inverted(Path, end: Int32)
    }

    /// Where a name's value is: a scope counted from the innermost (0), then `count` field
    /// offsets from `fieldOffsets[start]` down through objects; or a sequence helper of the
    /// innermost list.
    enum Path: Sendable, Equatable {
        case fields(scope: Int32, start: Int32, count: Int32)
        case helper(Helper)
        /// A name the schema does not have (in a template that was refused).
        case missing
    }

    enum Helper: String, Sendable {
        case first, last, index, even, odd
    }

    /// The language a template writes, from its output file's name: Markdown for `*.md`,
    /// text as it is for the rest (the config, whose values the validator keeps to one safe line).
    enum Language: Sendable {
        case text, markdown

        init(fileName: String) { self = fileName.hasSuffix(".md") ? .markdown : .text }
    }

    /// How a value is written where its tag stands: through the Markdown writer as inline
    /// text, or as the content of a code span or fenced block (`MarkdownContext`).
    enum Escape: Sendable, Equatable {
        case none
        /// Inline text; `startsLine`: nothing but blanks before it on its line.
        case markdownText(startsLine: Bool)
        case markdownCode(inTable: Bool)
    }

    let instructions: [Instruction]
    let literals: [UInt8]
    let fieldOffsets: [Int32]

    /// Compiles template text, checking every tag against the context's schema; where the
    /// text is not a template orgprofile can render (a name the context does not have, a tag
    /// it does not support, or Mustache that swift-mustache, which the tests render with,
    /// would not parse either), the problems as diagnostics at their line and column of `file`.
    static func compile(_ text: String, file: String, language: Language = .text, diagnostics: inout [Diagnostic])
        -> CompiledTemplate?
    {
        var parser = Parser(bytes: Array(text.utf8))
        guard parser.parseSection(name: nil, newLine: true), parser.problems.isEmpty else {
            diagnostics += parser.problems.map { problem in
                let (line, column) = parser.lineAndColumn(of: problem.position)
                let message = problem.code == .templateSyntax ? "template syntax error: \(problem.message)" : problem.message
                return Diagnostic.error(problem.code, message, at: SourceLocation(file: file, line: line, column: column))
            }
            return nil
        }
        var instructions = parser.instructions
        if language == .markdown { MarkdownContext.assign(&instructions, literals: parser.literals) }
        return CompiledTemplate(instructions: instructions, literals: parser.literals, fieldOffsets: parser.fieldOffsets)
    }

    init?(_ text: String, language: Language = .text) {
        var diagnostics: [Diagnostic] = []
        guard let compiled = Self.compile(text, file: "", language: language, diagnostics: &diagnostics) else { return nil }
        self = compiled
    }

    private init(instructions: [Instruction], literals: [UInt8], fieldOffsets: [Int32]) {
        (self.instructions, self.literals, self.fieldOffsets) = (instructions, literals, fieldOffsets)
    }

    /// The rendered bytes for one context.
    func render(_ values: TemplateContext.Values) -> [UInt8] {
        var output: [UInt8] = []
        render(values, into: &output)
        return output
    }

    /// Appends the rendered bytes for one context to `output`.
    func render(_ values: TemplateContext.Values, into output: inout [UInt8]) {
        instructions.withUnsafeBufferPointer { instructions in
            literals.withUnsafeBufferPointer { literals in
                fieldOffsets.withUnsafeBufferPointer { fieldOffsets in
                    values.slots.withUnsafeBufferPointer { slots in
                        values.text.withUnsafeBufferPointer { text in
                            var run = Run(
                                instructions: instructions, literals: literals, fieldOffsets: fieldOffsets, slots: slots, text: text)
                            run.render(0..<instructions.count, into: &output, sequence: nil)
                        }
                    }
                }
            }
        }
    }

    /// The position in a list section, for the helpers.
    private struct Sequence {
        var index: Int32
        var count: Int32
    }

    /// One rendering: the buffers it reads and the open scopes (an object's first slot, or
    /// -1 for a string section, which has no fields), innermost last.
    private struct Run {
        let instructions: UnsafeBufferPointer<Instruction>
        let literals: UnsafeBufferPointer<UInt8>
        let fieldOffsets: UnsafeBufferPointer<Int32>
        let slots: UnsafeBufferPointer<TemplateContext.Slot>
        let text: UnsafeBufferPointer<UInt8>
        var scopes: [Int32] = [TemplateContext.Values.root]

        mutating func render(_ range: Range<Int>, into output: inout [UInt8], sequence: Sequence?) {
            var position = range.lowerBound
            while position < range.upperBound {
                let instruction = instructions[position]
                position += 1
                switch instruction {
                case .text(let start, let count):
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: literals[Int(start)..<Int(start + count)]))
                case .value(let path, let escape):
                    switch resolve(path, sequence) {
                    case .text(let start, let count):
                        let bytes = UnsafeBufferPointer(rebasing: text[Int(start)..<Int(start + count)])
                        if escape == .none || MarkdownContext.isPlain(bytes, escape) {
                            output.append(contentsOf: bytes)
                        } else {
                            output.append(contentsOf: MarkdownContext.escaped(String(decoding: bytes, as: UTF8.self), escape).utf8)
                        }
                    case .flag(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
                    case .number(let number): output.append(contentsOf: String(number).utf8)
                    case .absent, .list, .object: break
                    }
                case .section(let path, let end):
                    let children = position..<Int(end)
                    position = Int(end)
                    switch resolve(path, sequence) {
                    case .list(let first, let count, let stride):
                        for index in 0..<count {
                            scopes.append(first + index * stride)
                            render(children, into: &output, sequence: Sequence(index: index, count: count))
                            scopes.removeLast()
                        }
                    case .flag(true):
                        render(children, into: &output, sequence: sequence)
                    case .text:
                        scopes.append(-1)
                        render(children, into: &output, sequence: sequence)
                        scopes.removeLast()
                    case .object(let first):
                        scopes.append(first)
                        render(children, into: &output, sequence: sequence)
                        scopes.removeLast()
                    case .number:
                        render(children, into: &output, sequence: sequence)
                    case .flag(false), .absent:
                        break
                    }
                case .inverted(let path, let end):
                    let children = position..<Int(end)
                    position = Int(end)
                    switch resolve(path, sequence) {
                    case .list(_, 0, _), .flag(false), .absent:
                        render(children, into: &output, sequence: sequence)
                    default:
                        break
                    }
                }
            }
        }

        /// The slot a path names.
        private func resolve(_ path: Path, _ sequence: Sequence?) -> TemplateContext.Slot {
            switch path {
            case .missing:
                return .absent
            case .helper(let helper):
                guard let sequence else { return .absent }
                switch helper {
                case .first: return .flag(sequence.index == 0)
                case .last: return .flag(sequence.index == sequence.count - 1)
                case .index: return .number(sequence.index)
                case .even: return .flag(sequence.index % 2 == 0)
                case .odd: return .flag(sequence.index % 2 == 1)
                }
            case .fields(let scope, let start, let count):
                var object = scopes[scopes.count - 1 - Int(scope)]
                guard object >= 0 else { return .absent }
                for step in Int(start)..<Int(start + count) {
                    let slot = slots[Int(object + fieldOffsets[step])]
                    if step == Int(start + count) - 1 { return slot }
                    guard case .object(let child) = slot else { return .absent }
                    object = child
                }
                return .absent
            }
        }
    }
}
