import Foundation

/// Checks a template's tags against the documented context before it is used.
///
/// swift-mustache renders an unknown name as an empty string, which would quietly drop a
/// line from every published config; here an unknown name is an error with its line.
/// Only the tags orgprofile supports are accepted: variables, sections, inverted sections,
/// comments, the content-type pragma, and the sequence helpers `first()`, `last()`,
/// `index()`, `even()`, `odd()` inside a list.
struct TemplateChecker {
    typealias FieldType = TemplateContext.FieldType

    let file: String
    let text: String
    private var diagnostics: [Diagnostic] = []

    /// One open section: its name, where it opened, and the fields it brings into scope.
    private struct Scope {
        var name: String
        var location: SourceLocation
        var fields: [String: FieldType]?
        var isList: Bool
    }

    static func check(_ text: String, file: String, schema: [String: FieldType] = TemplateContext.schema) -> [Diagnostic] {
        var checker = TemplateChecker(file: file, text: text)
        checker.run(schema: schema)
        return checker.diagnostics
    }

    private init(file: String, text: String) {
        self.file = file
        self.text = text
    }

    private mutating func run(schema: [String: FieldType]) {
        var scopes = [Scope(name: "", location: SourceLocation(file: file, line: 1, column: 1), fields: schema, isList: false)]
        for tag in Self.tags(in: text, file: file) {
            guard tag.isClosed else {
                error("this tag is never closed with '}}'", tag.location)
                continue
            }
            let body = tag.body
            guard let sigil = body.first else {
                error("empty tag", tag.location)
                continue
            }
            switch sigil {
            case "!":
                continue
            case "%":
                continue
            case ">", "<", "$", "=":
                error(
                    "'{{\(sigil)...}}' tags (partials, inheritance, delimiter changes) are not supported in orgprofile templates",
                    tag.location)
            case "#", "^":
                let name = body.dropFirst().trimmingSpaces
                let type = resolve(name, in: scopes, at: tag.location)
                var scope = Scope(name: name, location: tag.location, fields: nil, isList: false)
                if sigil == "#" {
                    switch type {
                    case .list(let fields)?: (scope.fields, scope.isList) = (fields, true)
                    case .object(let fields)?, .optionalObject(let fields)?: scope.fields = fields
                    default: break
                    }
                }
                scopes.append(scope)
            case "/":
                let name = body.dropFirst().trimmingSpaces
                if scopes.count == 1 {
                    error("'{{/\(name)}}' closes a section that is not open", tag.location)
                } else if scopes.last!.name != name {
                    error("'{{/\(name)}}' closes section '\(scopes.last!.name)'; close that one first", tag.location)
                } else {
                    scopes.removeLast()
                }
            default:
                let name = (sigil == "&" ? body.dropFirst().trimmingSpaces : body.trimmingSpaces)
                switch resolve(name, in: scopes, at: tag.location) {
                case .list?: error("'\(name)' is a list; use it as a section: {{#\(name)}}...{{/\(name)}}", tag.location)
                case .object?, .optionalObject?:
                    error("'\(name)' is an object; use one of its fields, such as {{\(name).name}}", tag.location)
                default: break
                }
            }
        }
        for scope in scopes.dropFirst() {
            error("section '\(scope.name)' is never closed; add {{/\(scope.name)}}", scope.location)
        }
    }

    /// The type a name refers to, or nil after reporting it (or for names whose type is the
    /// current item, such as `.`).
    private mutating func resolve(_ name: String, in scopes: [Scope], at location: SourceLocation) -> FieldType? {
        if name == "." || name.hasPrefix(".") {
            error("'\(name)' is not supported in orgprofile templates; use the field's name, such as {{name}}", location)
            return nil
        }
        if name.hasSuffix("()") {
            let helper = String(name.dropLast(2))
            guard ["first", "last", "index", "even", "odd"].contains(helper) else {
                error("unknown helper '\(name)'; orgprofile templates know first(), last(), index(), even() and odd()", location)
                return nil
            }
            if !scopes.contains(where: \.isList) {
                error("'\(name)' is only available inside a list section such as {{#profiles}}", location)
            }
            return .bool
        }
        if name.contains("(") {
            error("transforms such as '\(name)' are not supported in orgprofile templates", location)
            return nil
        }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else {
            error("'\(name)' is not a name", location)
            return nil
        }
        guard var type = scopes.reversed().lazy.compactMap({ $0.fields?[parts[0]] }).first else {
            let visible = scopes.compactMap(\.fields).flatMap(\.keys)
            error(
                "'\(parts[0])' is not in the template context\(Suggestion.hint(for: parts[0], in: Set(visible).sorted())); see docs/templates.md",
                location)
            return nil
        }
        var path = parts[0]
        for part in parts.dropFirst() {
            switch type {
            case .object(let fields), .optionalObject(let fields):
                guard let child = fields[part] else {
                    error(
                        "'\(path)' has no field '\(part)'\(Suggestion.hint(for: part, in: fields.keys.sorted())); see docs/templates.md",
                        location)
                    return nil
                }
                type = child
                path += ".\(part)"
            default:
                error("'\(path)' has no fields; '\(name)' cannot be looked up", location)
                return nil
            }
        }
        return type
    }

    private mutating func error(_ message: String, _ location: SourceLocation) {
        diagnostics.append(.error(.templateError, message, at: location))
    }

    /// A `{{...}}` or `{{{...}}}` tag: its body without the braces, and where it starts.
    /// (A triple mustache is unescaped, which in plain-text templates changes nothing.)
    struct Tag {
        var body: Substring
        var location: SourceLocation
        var isClosed: Bool
    }

    /// The tags of a template in order, with 1-based line and column of their `{{`.
    static func tags(in text: String, file: String) -> [Tag] {
        var tags: [Tag] = []
        var line = 1
        var lineStart = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\n" {
                line += 1
                index = text.index(after: index)
                lineStart = index
                continue
            }
            guard text[index...].hasPrefix("{{") else {
                index = text.index(after: index)
                continue
            }
            let location = SourceLocation(file: file, line: line, column: text.distance(from: lineStart, to: index) + 1)
            let isTriple = text[index...].hasPrefix("{{{")
            let open = text.index(index, offsetBy: isTriple ? 3 : 2)
            let closer = isTriple ? "}}}" : "}}"
            guard let close = text[open...].range(of: closer) else {
                tags.append(Tag(body: "", location: location, isClosed: false))
                break
            }
            tags.append(Tag(body: text[open..<close.lowerBound], location: location, isClosed: true))
            for scalar in text[index..<close.upperBound] where scalar == "\n" { line += 1 }
            if let lastNewline = text[index..<close.upperBound].lastIndex(of: "\n") {
                lineStart = text.index(after: lastNewline)
            }
            index = close.upperBound
        }
        return tags
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
