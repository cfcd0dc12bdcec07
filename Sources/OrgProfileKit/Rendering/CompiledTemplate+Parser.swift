/// Reading template text into `CompiledTemplate` instructions, following swift-mustache's parser
/// step by step (line starts, standalone tags, the whitespace before a tag), so that the two
/// produce the same bytes.
extension CompiledTemplate {
    struct Parser {
        let characters: [Character]
        var position = 0
        /// The schemas of the open scopes, innermost last; nil for a string section.
        var scopes: [TemplateContext.ObjectSchema?]
        /// Whether the innermost open section iterates a list (the helpers need one).
        var inList: [Bool] = [false]
        private(set) var instructions: [Instruction] = []
        private(set) var literals: [UInt8] = []
        private(set) var fieldOffsets: [Int32] = []
        /// Why the text is not a template orgprofile can render, and where (a character
        /// position): the first problem found.
        private(set) var failure: (position: Int, message: String)?

        init(bytes: [UInt8], root: TemplateContext.ObjectSchema) {
            characters = Array(String(decoding: bytes, as: UTF8.self))
            scopes = [root]
        }

        var atEnd: Bool { position >= characters.count }

        private var current: Character { characters[position] }

        private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")

        /// Appends the instructions up to the close tag of `name` (or the end, for the top
        /// level); false, with `failure` set, where swift-mustache would throw or orgprofile
        /// does not support the tag. `opened`: where the section's tag starts.
        mutating func parseSection(name: String?, newLine initialNewLine: Bool, opened: Int = 0) -> Bool {
            /// The last text instruction this section appended.
            var lastText: Int?
            /// Literal text, joined to the text of the instruction just before it when that is
            /// this section's (not the end of a nested section).
            func append(_ text: String) {
                let start = Int32(literals.count)
                literals.append(contentsOf: text.utf8)
                if lastText == instructions.count - 1, case .text(let previous, let count) = instructions.last! {
                    instructions[instructions.count - 1] = .text(start: previous, count: count + Int32(text.utf8.count))
                } else {
                    lastText = instructions.count
                    instructions.append(.text(start: start, count: Int32(text.utf8.count)))
                }
            }
            var newLine = initialNewLine
            var whitespaceBefore = ""
            while !atEnd {
                if newLine { whitespaceBefore = read { $0 == " " || $0 == "\t" } }
                let text = readUntilTagOrNewline()
                if failure != nil { return false }
                if !atEnd, current.isNewline {
                    append(whitespaceBefore + text + String(current))
                    newLine = true
                    position += 1
                    continue
                }
                if !text.isEmpty {
                    append(whitespaceBefore + text)
                    whitespaceBefore = ""
                    newLine = false
                }
                if atEnd { break }
                var setNewLine = false
                func flushWhitespace() {
                    if !whitespaceBefore.isEmpty {
                        append(whitespaceBefore)
                        whitespaceBefore = ""
                    }
                }
                // Just past the tag's `{{`.
                let tag = position - 2
                switch current {
                case "#", "^":
                    let inverted = current == "^"
                    position += 1
                    guard let tagName = readName() else { return fail(Self.unclosedName, at: tag) }
                    if isStandalone(newLine) { setNewLine = true } else { flushWhitespace() }
                    let path = resolve(tagName)
                    let pushed = inverted ? nil : scope(for: tagName, path)
                    if let pushed {
                        scopes.append(pushed.schema)
                        inList.append(pushed.isList)
                    }
                    let opening = instructions.count
                    instructions.append(.inverted(path, end: 0))
                    let parsed = parseSection(name: tagName, newLine: setNewLine, opened: tag)
                    if pushed != nil {
                        scopes.removeLast()
                        inList.removeLast()
                    }
                    guard parsed else { return false }
                    let end = Int32(instructions.count)
                    instructions[opening] = inverted ? .inverted(path, end: end) : .section(path, end: end)
                case "/":
                    position += 1
                    guard let tagName = readName() else { return fail(Self.unclosedName, at: tag) }
                    guard let name else { return fail("'{{/\(tagName)}}' closes a section that is not open", at: tag) }
                    guard tagName == name else { return fail("'{{/\(tagName)}}' closes section '\(name)'; close that one first", at: tag) }
                    if !isStandalone(newLine) { flushWhitespace() }
                    return true
                case "!", "%":
                    let isPragma = current == "%"
                    position += 1
                    let body = position
                    guard skipToTagEnd() else { return fail("this tag is never closed with '}}'", at: tag) }
                    if isPragma {
                        let pragma = String(characters[body..<(position - 2)]).trimmingCharacters(in: .whitespaces)
                        guard pragma.hasPrefix("CONTENT_TYPE:") else {
                            return fail(
                                "unknown pragma '\(pragma)'; orgprofile templates know only {{% CONTENT_TYPE: TEXT }} (and need none)",
                                at: tag)
                        }
                    }
                    setNewLine = isStandalone(newLine)
                case "{":
                    flushWhitespace()
                    position += 1
                    guard let tagName = readName(), !atEnd, current == "}" else {
                        return fail("a '{{{' tag ends with '}}}' right after its name", at: tag)
                    }
                    position += 1
                    instructions.append(.value(resolve(tagName)))
                case "&":
                    flushWhitespace()
                    position += 1
                    guard let tagName = readName() else { return fail(Self.unclosedName, at: tag) }
                    instructions.append(.value(resolve(tagName)))
                case ">", "<", "$", "=":
                    return fail(
                        "'{{\(current)...}}' tags (partials, inheritance, delimiter changes) are not supported in orgprofile templates",
                        at: tag)
                default:
                    flushWhitespace()
                    guard let tagName = readName() else { return fail(Self.unclosedName, at: tag) }
                    instructions.append(.value(resolve(tagName)))
                }
                newLine = setNewLine
            }
            guard let name else { return true }
            return fail("section '\(name)' is never closed; add {{/\(name)}}", at: opened)
        }

        private static let unclosedName = "this tag is not closed with '}}' after its name"

        /// Records the first problem (the innermost, as the sections unwind); always false.
        private mutating func fail(_ message: String, at position: Int) -> Bool {
            if failure == nil { failure = (position, message) }
            return false
        }

        /// The 1-based line and column of a character position.
        func lineAndColumn(of position: Int) -> (line: Int, column: Int) {
            var (line, lineStart) = (1, 0)
            for index in 0..<min(position, characters.count) where characters[index].isNewline {
                (line, lineStart) = (line + 1, index + 1)
            }
            return (line, position - lineStart + 1)
        }

        // MARK: Names

        /// The scope a section opens: a list's or an object's fields, or a string's (none);
        /// nil for a boolean or a helper, which open no scope.
        private func scope(for name: String, _ path: Path) -> (schema: TemplateContext.ObjectSchema?, isList: Bool)? {
            guard case .fields = path, let type = type(of: name) else { return nil }
            switch type {
            case .list(let fields): return (TemplateContext.ObjectSchema(fields), true)
            case .object(let fields), .optionalObject(let fields): return (TemplateContext.ObjectSchema(fields), false)
            case .string, .optionalString: return (nil, false)
            case .bool: return nil
            }
        }

        /// Like Mustache: the first part of a dotted name from the innermost scope that has
        /// it, the rest down through objects.
        private mutating func resolve(_ name: String) -> Path {
            if name.hasSuffix("()"), let helper = Helper(rawValue: String(name.dropLast(2))) {
                return .helper(helper)
            }
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            for (depth, schema) in scopes.reversed().enumerated() {
                guard let schema, var index = schema.index(parts[0]) else { continue }
                var indices = [index]
                var object = schema
                for part in parts.dropFirst() {
                    guard let child = object.child(index), let next = child.index(part) else { return .missing }
                    indices.append(next)
                    object = child
                    index = next
                }
                let start = Int32(fieldOffsets.count)
                fieldOffsets += indices.map(Int32.init)
                return .fields(scope: Int32(depth), start: start, count: Int32(indices.count))
            }
            return .missing
        }

        private func type(of name: String) -> TemplateContext.FieldType? {
            let parts = name.split(separator: ".").map(String.init)
            for schema in scopes.reversed() {
                guard let schema, var index = schema.index(parts[0]) else { continue }
                var object = schema
                for part in parts.dropFirst() {
                    guard let child = object.child(index), let next = child.index(part) else { return nil }
                    object = child
                    index = next
                }
                return object.types[index]
            }
            return nil
        }

        // MARK: Characters

        private mutating func read(while predicate: (Character) -> Bool) -> String {
            let start = position
            while !atEnd, predicate(current) { position += 1 }
            return String(characters[start..<position])
        }

        /// Text up to a line break (not consumed) or up to and including `{{`.
        private mutating func readUntilTagOrNewline() -> String {
            var text = ""
            while !atEnd {
                text += read { $0 != "\n" && $0 != "\r\n" && $0 != "{" }
                if atEnd || current.isNewline { break }
                if position + 1 < characters.count, characters[position + 1] == "{" {
                    position += 2
                    break
                }
                // Mustache refuses a template whose last character is a lone `{`.
                if position + 1 == characters.count { _ = fail("the template ends with a lone '{'", at: position) }
                text.append("{")
                position += 1
            }
            return text
        }

        /// A tag's name and its closing `}}`; nil where swift-mustache would throw.
        private mutating func readName() -> String? {
            _ = read { $0.isWhitespace }
            let name = read { Self.nameCharacters.contains($0) }
            _ = read { $0.isWhitespace }
            guard readCloser() else { return nil }
            if name.contains("("), !(name.hasSuffix("()") && Helper(rawValue: String(name.dropLast(2))) != nil) { return nil }
            return name
        }

        private mutating func readCloser() -> Bool {
            guard position + 1 < characters.count, characters[position] == "}", characters[position + 1] == "}" else { return false }
            position += 2
            return true
        }

        /// Skips a comment's or a pragma's body and its `}}`.
        private mutating func skipToTagEnd() -> Bool {
            while position + 1 < characters.count {
                if characters[position] == "}", characters[position + 1] == "}" {
                    position += 2
                    return true
                }
                position += 1
            }
            return false
        }

        /// A tag alone on its line: the rest of the line (spaces, tabs, the line break) is
        /// consumed and the tag renders nothing, not even its line.
        private mutating func isStandalone(_ newLine: Bool) -> Bool {
            guard newLine else { return false }
            if atEnd { return true }
            var probe = position
            while probe < characters.count, characters[probe] == " " || characters[probe] == "\t" { probe += 1 }
            guard probe < characters.count, characters[probe].isNewline else { return false }
            position = probe + 1
            return true
        }
    }
}
