import Foundation

/// libyaml's syntax errors in the words of the file: what is on the line and what the
/// person should do, at libyaml's position. Used only once a parse has failed.
struct SyntaxErrorExplanation {
    let lines: [Substring]

    init(_ bytes: [UInt8]) {
        lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The message for a failure, at libyaml's 0-based line and column. Nil for a failure it
    /// has no better words for.
    func explain(_ failure: YAMLSyntaxFailure) -> (message: String, line: Int, column: Int)? {
        if let tab = tab(near: failure.problemLine) {
            let place = tab.line == failure.problemLine ? "this line" : "line \(tab.line + 1)"
            return (
                "a tab character indents \(place) (column \(tab.column + 1)); YAML indents with spaces only: replace the tab with spaces",
                failure.problemLine, failure.problemColumn
            )
        }
        if failure.problem == "did not find expected key", failure.context == "while parsing a block mapping" {
            return wrongIndentation(failure).map { ($0, failure.problemLine, failure.problemColumn) }
        }
        if failure.problem == "mapping values are not allowed in this context" {
            return continuation(failure)
        }
        return nil
    }

    /// A key indented deeper than a `key: value` line above it: YAML reads it as more of
    /// that value, then finds a `:` it cannot place. When the line above is itself the odd
    /// one out (dedented to the level of the entry it belongs to: right under that entry's
    /// `name:` line, or between keys indented like the one below), the message points at it
    /// instead, at its own line.
    private func continuation(_ failure: YAMLSyntaxFailure) -> (message: String, line: Int, column: Int)? {
        guard lines.indices.contains(failure.problemLine), let key = Self.key(lines[failure.problemLine]) else { return nil }
        let indentation = Self.indentation(lines[failure.problemLine])
        guard let index = previousLine(before: failure.problemLine), let above = Self.key(lines[index]),
            Self.indentation(lines[index]) < indentation, !Self.valueAfterKey(lines[index]).isEmpty
        else { return nil }
        let spaces = Self.indentation(lines[index])
        let count = { (count: Int) in "\(count) space\(count == 1 ? "" : "s")" }
        if let before = previousLine(before: index), let neighbour = Self.key(lines[before]) {
            if Self.indentation(lines[before]) == spaces, Self.valueAfterKey(lines[before]).isEmpty {
                return (
                    "'\(above)' is indented by \(count(spaces)), like '\(neighbour)' above it, so YAML reads it as an entry beside "
                        + "'\(neighbour)', not a key of it; indent it by \(count(indentation)), like '\(key)' below it",
                    index, spaces
                )
            }
            if Self.indentation(lines[before]) == indentation {
                return (
                    "'\(above)' is indented by \(count(spaces)), less than '\(neighbour)' above it and '\(key)' below it, so YAML "
                        + "reads it as a new entry, not a key beside them; indent it by \(count(indentation)), like them",
                    index, spaces
                )
            }
        }
        return (
            "'\(key)' is indented more than '\(above)' on line \(index + 1), which already has a value, so YAML reads it as more of that value; "
                + "indent it by \(count(spaces)), like '\(above)', to make it a key beside it",
            failure.problemLine, failure.problemColumn
        )
    }

    /// What follows `key:` on a line, without spaces and comments.
    static func valueAfterKey(_ line: Substring) -> Substring {
        guard let colon = line.firstIndex(of: ":") else { return "" }
        var value = line[line.index(after: colon)...].drop { $0 == " " }
        if value.hasPrefix("#") { value = value.prefix(0) }
        return value
    }

    /// A tab in the indentation of the failing line or of the line before it (libyaml
    /// sometimes stops at the end of the line before).
    private func tab(near line: Int) -> (line: Int, column: Int)? {
        for candidate in [line, line - 1] where lines.indices.contains(candidate) {
            let text = lines[candidate]
            let indentation = text.prefix { $0 == " " || $0 == "\t" }
            if let offset = indentation.firstIndex(of: "\t") {
                return (candidate, text.distance(from: text.startIndex, to: offset))
            }
        }
        return nil
    }

    /// A key that is not lined up with the keys of the mapping it follows.
    private func wrongIndentation(_ failure: YAMLSyntaxFailure) -> String? {
        guard lines.indices.contains(failure.problemLine) else { return nil }
        let line = lines[failure.problemLine]
        let indentation = Self.indentation(line)
        let key = Self.key(line)
        let expected = failure.contextColumn
        let block = owner(ofMappingAt: failure.contextLine, column: expected)
        let what = key.map { "'\($0)'" } ?? "this line"
        let spaces = { (count: Int) in "\(count) space\(count == 1 ? "" : "s")" }
        if expected == 0 {
            return
                "\(what) is indented by \(spaces(indentation)), but it follows top-level keys, which are not indented; remove the indentation to make it a top-level key, or indent it under the key it belongs to"
        }
        // Dedented from a deeper mapping to a level between it and the one it is in.
        if let above = previousLine(before: failure.problemLine), Self.indentation(lines[above]) > indentation, indentation > expected {
            let deeper = Self.indentation(lines[above])
            let inner = owner(ofMappingAt: above, column: deeper)
            return
                "\(what) is indented by \(spaces(indentation)), between the keys of \(inner) (\(spaces(deeper))) and those of \(block) (\(spaces(expected))); "
                + "indent it by \(spaces(deeper)) to make it a key of \(inner), or by \(spaces(expected)) for \(block)"
        }
        if indentation > expected {
            return "\(what) is indented by \(spaces(indentation)), but the keys of \(block) above it are indented by \(spaces(expected)); "
                + "indent it by \(spaces(expected)) to make it a key of \(block), or check the line above it"
        }
        return
            "\(what) is indented by \(spaces(indentation)), which matches no mapping above it; the keys of \(block) are indented by \(spaces(expected))"
    }

    /// The nearest line above that is neither blank nor a comment.
    private func previousLine(before line: Int) -> Int? {
        var index = line - 1
        while index >= 0 {
            let trimmed = lines[index].drop { $0 == " " }
            if !trimmed.isEmpty, !trimmed.hasPrefix("#") { return index }
            index -= 1
        }
        return nil
    }

    /// `'infra' (line 7)` for a mapping whose first key is on `line`, from the key above it
    /// that is indented less; `the top level of the file` at column 0.
    private func owner(ofMappingAt line: Int, column: Int) -> String {
        guard column > 0 else { return "the top level of the file" }
        var index = line - 1
        while index >= 0 {
            let text = lines[index]
            let trimmed = text.drop { $0 == " " }
            if !trimmed.isEmpty, !trimmed.hasPrefix("#"), Self.indentation(text) < column {
                if let key = Self.key(text) { return "'\(key)' (line \(index + 1))" }
                break
            }
            index -= 1
        }
        return "the mapping that begins on line \(line + 1)"
    }

    static func indentation(_ line: Substring) -> Int {
        line.prefix { $0 == " " }.count
    }

    /// The key a line starts, if it looks like `key:` or `- key:`.
    static func key(_ line: Substring) -> String? {
        var text = line.drop { $0 == " " }
        if text.hasPrefix("- ") { text = text.dropFirst(2).drop { $0 == " " } }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon].trimmingCharacters(in: .whitespaces)
        return key.isEmpty || key.contains(" ") && !key.hasPrefix("\"")
            ? nil : key.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    }
}
