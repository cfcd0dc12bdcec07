import Testing

@testable import OrgYAML

@Suite struct YAMLLoaderTests {
    func load(_ text: String, loader: YAMLLoader = YAMLLoader()) -> Result<YAMLNode, LoadFailure> {
        loader.load(Array(text.utf8), file: "t.yaml")
    }

    func root(_ text: String) throws -> YAMLNode {
        try load(text).get()
    }

    func messages(_ text: String, loader: YAMLLoader = YAMLLoader()) -> [String] {
        guard case .failure(let failure) = load(text, loader: loader) else { return [] }
        return failure.diagnostics.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-"): \($0.code.rawValue): \($0.message)" }
    }

    /// Syntax errors in the words of the file, at libyaml's position.
    @Test func syntaxErrorsSayWhatIsWrongWithTheLine() {
        #expect(
            messages("a:\n\tb: c\n") == [
                "2:1: yaml-syntax: a tab character indents this line (column 1); YAML indents with spaces only: replace the tab with spaces"
            ])
        #expect(
            messages("a:\n  \tb: c\n") == [
                "2:3: yaml-syntax: a tab character indents this line (column 3); YAML indents with spaces only: replace the tab with spaces"
            ])
        #expect(
            messages("accounts:\n  infra:\n    id: \"1\"\n    settings:\n      output: json\n     name: Infra\n") == [
                "6:6: yaml-syntax: 'name' is indented by 5 spaces, between the keys of 'settings' (line 4) (6 spaces) and those of 'infra' (line 2) (4 spaces); indent it by 6 spaces to make it a key of 'settings' (line 4), or by 4 spaces for 'infra' (line 2)"
            ])
        #expect(
            messages("accounts:\n  infra:\n    id: \"1\"\n   name: Infra\n") == [
                "4:4: yaml-syntax: 'name' is indented by 3 spaces, between the keys of 'infra' (line 2) (4 spaces) and those of 'accounts' (line 1) (2 spaces); indent it by 4 spaces to make it a key of 'infra' (line 2), or by 2 spaces for 'accounts' (line 1)"
            ])
        #expect(
            messages("accounts:\n  infra:\n    id: x\n      name: Infra\n") == [
                "4:11: yaml-syntax: 'name' is indented more than 'id' on line 3, which already has a value, so YAML reads it as more of that value; indent it by 4 spaces, like 'id', to make it a key beside it"
            ])
        // Only the user's `name:` dedented: it is the odd one out, not the keys under it.
        #expect(
            messages("users:\n  alice:\n  name: Alice\n    email: alice@acme.example\n  bob:\n    name: Bob\n") == [
                "3:3: yaml-syntax: 'name' is indented by 2 spaces, like 'alice' above it, so YAML reads it as an entry beside 'alice', not a key of it; indent it by 4 spaces, like 'email' below it"
            ])
        #expect(
            messages("users:\n  alice:\n    email: alice@acme.example\n  name: Alice\n    groups: [dev]\n") == [
                "4:3: yaml-syntax: 'name' is indented by 2 spaces, less than 'email' above it and 'groups' below it, so YAML reads it as a new entry, not a key beside them; indent it by 4 spaces, like them"
            ])
        #expect(
            messages("version: 1\nsso_session:\n  name: x\n project: acme\n") == [
                "4:2: yaml-syntax: 'project' is indented by 1 space, but it follows top-level keys, which are not indented; remove the indentation to make it a top-level key, or indent it under the key it belongs to"
            ])
    }

    @Test func keepsPositionsAndOrder() throws {
        let node = try root("a: 1\nb:\n  - x\n  - 'y'\n")
        guard case .mapping(let pairs) = node.content else {
            Issue.record("not a mapping")
            return
        }
        #expect(pairs.map { $0.key.scalar?.text } == ["a", "b"])
        #expect(pairs[0].value.location.line == 1 && pairs[0].value.location.column == 4)
        guard case .sequence(let items) = pairs[1].value.content else {
            Issue.record("not a list")
            return
        }
        #expect(items[1].location.line == 4 && items[1].location.column == 5)
        #expect(items[1].scalar == YAMLScalar("y", style: .singleQuoted))
    }

    @Test func scalarsAreKeptAsWritten() throws {
        let node = try root("id: 012345678901\nf: 1.2e11\nn: no\ne:\nq: \"true\"\n")
        guard case .mapping(let pairs) = node.content else {
            Issue.record("not a mapping")
            return
        }
        #expect(pairs.map { $0.value.scalar!.text } == ["012345678901", "1.2e11", "no", "", "true"])
        #expect(pairs[3].value.scalar!.isNull)
        #expect(pairs[4].value.scalar!.style == .doubleQuoted)
    }

    @Test func keepsDuplicateKeysForTheDecoder() throws {
        let node = try root("a: 1\na: 2\n")
        guard case .mapping(let pairs) = node.content else {
            Issue.record("not a mapping")
            return
        }
        #expect(pairs.count == 2)
    }

    @Test func expandsAliases() throws {
        let node = try root("x: &list [a, b]\ny: *list\n")
        guard case .mapping(let pairs) = node.content, case .sequence(let items) = pairs[1].value.content else {
            Issue.record("unexpected shape")
            return
        }
        #expect(items.map { $0.scalar?.text } == ["a", "b"])
    }

    @Test func refusesAnAliasBomb() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(
            messages(text) == [
                "7:25: alias-expansion-limit: the document has more than 5000000 nodes once aliases are expanded; refusing it (an alias bomb?)"
            ])
    }

    @Test func countsExpandedNodesAgainstTheLimit() {
        var limits = Limits.standard
        limits.expandedNodes = 10
        let loader = YAMLLoader(limits: limits)
        #expect(
            messages("a: &a [1, 2, 3]\nb: *a\nc: *a\n", loader: loader) == [
                "2:4: alias-expansion-limit: the document has more than 10 nodes once aliases are expanded; refusing it (an alias bomb?)"
            ])
        #expect(messages("a: &a [1, 2]\nb: *a\n", loader: loader).isEmpty)
    }

    @Test func reportsUndefinedAliases() {
        #expect(messages("a: *nope\n") == ["1:4: undefined-alias: alias '*nope' refers to no anchor defined before it"])
    }

    @Test func reportsSyntaxErrorsWithLibyamlsPosition() {
        #expect(
            messages("a: [1, 2\nb: 3\n") == [
                "2:2: yaml-syntax: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 4)"
            ])
        #expect(messages("a: b: c\n") == ["1:5: yaml-syntax: YAML syntax error: mapping values are not allowed in this context"])
    }

    @Test func refusesASecondDocument() {
        #expect(
            messages("a: 1\n---\nb: 2\n") == [
                "2:1: multiple-documents: org.yaml must hold exactly one YAML document; found a second one here"
            ])
        #expect(messages("---\na: 1\n").isEmpty)
    }

    @Test func refusesMergeKeysAndTags() {
        #expect(
            messages("base: &b {x: 1}\nc:\n  <<: *b\n") == [
                "3:3: merge-key: merge keys ('<<') are not supported; write the keys out, or reuse a whole value with an alias"
            ])
        #expect(
            messages("a: !!str 1\n") == ["1:4: yaml-tag: YAML tags ('tag:yaml.org,2002:str') are not supported in org.yaml; remove the tag"]
        )
    }

    @Test func refusesAnEmptyFile() {
        #expect(messages("") == ["1:1: empty-document: the file holds no YAML document"])
        #expect(messages("# only a comment\n") == ["1:1: empty-document: the file holds no YAML document"])
    }

    @Test func refusesDeepNesting() {
        var limits = Limits.standard
        limits.nestingDepth = 64
        let text = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        #expect(
            messages(text, loader: YAMLLoader(limits: limits)) == ["1:65: limit-exceeded: nesting is deeper than the limit of 64 levels"])
    }

    /// libyaml parses ahead on another thread in batches of events; what the loader reports
    /// must not depend on where a batch ends.
    @Test func documentsLongerThanABatchLoadTheSame() throws {
        let entries = 3 * YAMLEventStream.batchSize
        let text = (0..<entries).map { "k\($0): v\($0)\n" }.joined()
        guard case .mapping(let pairs) = try root(text).content else {
            Issue.record("not a mapping")
            return
        }
        #expect(pairs.count == entries)
        #expect(pairs.last?.value.scalar?.text == "v\(entries - 1)" && pairs.last?.key.location.line == entries)
        // A syntax error many batches in is reported where it is.
        #expect(
            messages(text + "x: [1\n") == [
                "\(entries + 2):1: yaml-syntax: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line \(entries + 1), column 4)"
            ])
        // An error early on stops loading while libyaml is still parsing: reported, and the
        // parser stops (the test would hang otherwise).
        #expect(
            messages("a: !!str 1\n" + text) == [
                "1:4: yaml-tag: YAML tags ('tag:yaml.org,2002:str') are not supported in org.yaml; remove the tag"
            ])
    }
}
