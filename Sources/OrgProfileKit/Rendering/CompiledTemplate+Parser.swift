import OrgYAML

/// Reading template text into `CompiledTemplate` instructions, following swift-mustache's parser
/// step by step (line starts, standalone tags, the whitespace before a tag), so that the two
/// produce the same bytes; and checking every tag against the documented context on the way,
/// so that a name the context does not have is an error, never an empty string in a config.
extension CompiledTemplate {
    struct Parser {
        typealias FieldType = TemplateContext.FieldType

        let characters: [Character]
        var position = 0
        /// The open scopes, innermost last: their schema (nil for a string section) and whether
        /// the section iterates a list (the helpers need one).
        var scopes: [(schema: TemplateContext.ObjectSchema?, isList: Bool)] = [(TemplateContext.Fields.root, false)]
        private(set) var instructions: [Instruction] = []
        private(set) var literals: [UInt8] = []
        private(set) var fieldOffsets: [Int32] = []
        /// What is wrong with the template, in the order found, at character positions. Names
        /// and misplaced tags are recorded and reading goes on; a tag that cannot be read to
        /// its end stops it.
        private(set) var problems: [(code: DiagnosticCode, message: String, position: Int)] = []

        init(bytes: [UInt8]) {
            characters = Array(String(decoding: bytes, as: UTF8.self))
        }

        var atEnd: Bool { position >= characters.count }

        private var current: Character { characters[position] }

        private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")

        /// Appends the instructions up to the close tag of `name` (or the end, for the top
        /// level); false where reading cannot go on. `opened`: where the section's tag starts.
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
                    guard let tagName = readName() else { return unreadable(tag) }
                    if isStandalone(newLine) { setNewLine = true } else { flushWhitespace() }
                    let found = lookup(tagName, at: tag)
                    let pushed = inverted ? nil : found.flatMap(Self.scope)
                    if let pushed { scopes.append(pushed) }
                    let opening = instructions.count
                    instructions.append(.inverted(.missing, end: 0))
                    let parsed = parseSection(name: tagName, newLine: setNewLine, opened: tag)
                    if pushed != nil { scopes.removeLast() }
                    guard parsed else { return false }
                    let (path, end) = (found?.path ?? .missing, Int32(instructions.count))
                    instructions[opening] = inverted ? .inverted(path, end: end) : .section(path, end: end)
                case "/":
                    position += 1
                    guard let tagName = readName() else { return unreadable(tag) }
                    if let name, tagName == name {
                        if !isStandalone(newLine) { flushWhitespace() }
                        return true
                    }
                    if let name {
                        problem(.templateError, "'{{/\(tagName)}}' closes section '\(name)'; close that one first", at: tag)
                    } else {
                        problem(.templateError, "'{{/\(tagName)}}' closes a section that is not open", at: tag)
                    }
                case "!", "%":
                    let isPragma = current == "%"
                    position += 1
                    let body = position
                    guard skipToTagEnd() else { return unreadable(tag) }
                    let pragma = String(characters[body..<(position - 2)]).trimmingCharacters(in: .whitespaces)
                    if isPragma, !pragma.hasPrefix("CONTENT_TYPE:") {
                        problem(
                            .templateSyntax,
                            "unknown pragma '\(pragma)'; orgprofile templates know only {{% CONTENT_TYPE: TEXT }} (and need none)",
                            at: tag)
                    }
                    setNewLine = isStandalone(newLine)
                case "{":
                    flushWhitespace()
                    position += 1
                    guard let tagName = readName(), !atEnd, current == "}" else {
                        return unreadable(tag, "a '{{{' tag ends with '}}}' right after its name")
                    }
                    position += 1
                    value(tagName, at: tag)
                case "&":
                    flushWhitespace()
                    position += 1
                    guard let tagName = readName() else { return unreadable(tag) }
                    value(tagName, at: tag)
                case ">", "<", "$", "=":
                    problem(
                        .templateError,
                        "'{{\(current)...}}' tags (partials, inheritance, delimiter changes) are not supported in orgprofile templates",
                        at: tag)
                    guard skipToTagEnd() else { return unreadable(tag) }
                default:
                    flushWhitespace()
                    guard let tagName = readName() else { return unreadable(tag) }
                    value(tagName, at: tag)
                }
                newLine = setNewLine
            }
            guard let name else { return true }
            problem(.templateError, "section '\(name)' is never closed; add {{/\(name)}}", at: opened)
            return true
        }

        private mutating func problem(_ code: DiagnosticCode, _ message: String, at position: Int) {
            problems.append((code, message, position))
        }

        /// A tag that cannot be read to its end, which stops the reading: never closed at all,
        /// or not closed where Mustache expects (right after the name). Always false.
        private mutating func unreadable(_ tag: Int, _ message: String = "this tag is not closed with '}}' after its name") -> Bool {
            let closed = characters[min(tag + 2, characters.count)...].indices.contains {
                characters[$0] == "}" && $0 + 1 < characters.count && characters[$0 + 1] == "}"
            }
            if closed {
                problem(.templateSyntax, message, at: tag)
            } else {
                problem(.templateError, "this tag is never closed with '}}'", at: tag)
            }
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

        /// A value tag: a string, a flag or a helper; lists and objects have no text.
        private mutating func value(_ name: String, at tag: Int) {
            let found = lookup(name, at: tag)
            switch found?.type {
            case .list?: problem(.templateError, "'\(name)' is a list; use it as a section: {{#\(name)}}...{{/\(name)}}", at: tag)
            case .object?, .optionalObject?:
                problem(.templateError, "'\(name)' is an object; use one of its fields, such as {{\(name).name}}", at: tag)
            default: break
            }
            instructions.append(.value(found?.path ?? .missing, .none))
        }

        /// The scope a section opens: a list's or an object's fields, or a string's (none);
        /// nil for a boolean or a helper, which open no scope.
        private static func scope(_ found: (path: Path, type: FieldType)) -> (schema: TemplateContext.ObjectSchema?, isList: Bool)? {
            guard case .fields = found.path else { return nil }
            switch found.type {
            case .list(let fields): return (TemplateContext.ObjectSchema(fields), true)
            case .object(let fields), .optionalObject(let fields): return (TemplateContext.ObjectSchema(fields), false)
            case .string, .optionalString: return (nil, false)
            case .bool: return nil
            }
        }

        /// Like Mustache: the first part of a dotted name from the innermost scope that has
        /// it, the rest down through objects. Nil, after recording why, for a name the
        /// context does not have or orgprofile does not support.
        private mutating func lookup(_ name: String, at tag: Int) -> (path: Path, type: FieldType)? {
            func refuse(_ message: String) -> (path: Path, type: FieldType)? {
                problem(.templateError, message, at: tag)
                return nil
            }
            if name.isEmpty { return refuse("empty tag") }
            if name.hasPrefix(".") {
                return refuse("'\(name)' is not supported in orgprofile templates; use the field's name, such as {{name}}")
            }
            if name.hasSuffix("()") {
                guard let helper = Helper(rawValue: String(name.dropLast(2))) else {
                    return refuse("unknown helper '\(name)'; orgprofile templates know first(), last(), index(), even() and odd()")
                }
                guard scopes.contains(where: \.isList) else {
                    return refuse("'\(name)' is only available inside a list section such as {{#profiles}}")
                }
                return (.helper(helper), .bool)
            }
            if name.contains("(") { return refuse("transforms such as '\(name)' are not supported in orgprofile templates") }
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if parts.contains(where: \.isEmpty) { return refuse("'\(name)' is not a name") }
            guard let scope = scopes.indices.last(where: { scopes[$0].schema?.index(parts[0]) != nil }) else {
                let visible = Set(scopes.compactMap { $0.schema?.names }.joined()).sorted()
                return refuse(
                    "'\(parts[0])' is not in the template context (see docs/templates.md)\(Suggestion.hint(for: parts[0], in: visible))")
            }
            var object = scopes[scope].schema!
            var index = object.index(parts[0])!
            var indices = [index]
            for (offset, part) in parts.enumerated().dropFirst() {
                let path = parts[..<offset].joined(separator: ".")
                switch object.types[index] {
                case .object(let fields), .optionalObject(let fields):
                    let child = TemplateContext.ObjectSchema(fields)
                    guard let next = child.index(part) else {
                        return refuse(
                            "'\(path)' has no field '\(part)' (see docs/templates.md)\(Suggestion.hint(for: part, in: child.names))")
                    }
                    (object, index) = (child, next)
                    indices.append(next)
                default:
                    return refuse("'\(path)' has no fields; '\(name)' cannot be looked up")
                }
            }
            let start = Int32(fieldOffsets.count)
            fieldOffsets += indices.map(Int32.init)
            return (.fields(scope: Int32(scopes.count - 1 - scope), start: start, count: Int32(indices.count)), object.types[index])
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
                if position + 1 == characters.count { problem(.templateSyntax, "the template ends with a lone '{'", at: position) }
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
