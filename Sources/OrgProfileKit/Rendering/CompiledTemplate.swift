/// A checked template compiled for fast rendering: the tags are resolved once against the
/// documented context, so rendering appends bytes and indexes typed values, with no name
/// lookups, dictionaries or dynamic casts per tag.
///
/// The text and whitespace rules are swift-mustache's own (standalone section, inverted,
/// comment and pragma lines are removed; its quirks included), for the tags orgprofile
/// supports; the tests render every template both ways and compare the bytes.
struct CompiledTemplate: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case value(Path)
        case section(Path, [Node])
        case inverted(Path, [Node])
    }

    /// Where a name's value is: a scope counted from the innermost (0), then field indices
    /// down through objects; or a sequence helper of the innermost list.
    enum Path: Sendable, Equatable {
        case fields(scope: Int, indices: [Int])
        case helper(Helper)
        /// A name the schema does not have (only possible for names the checker refused).
        case missing
    }

    enum Helper: String, Sendable {
        case first, last, index, even, odd
    }

    let nodes: [Node]

    /// Compiles template text that `TemplateChecker` accepted; nil for text swift-mustache
    /// would not parse either (the caller reports swift-mustache's error).
    init?(_ text: String, schema: [String: TemplateContext.FieldType] = TemplateContext.schema) {
        var parser = Parser(bytes: Array(text.utf8), root: TemplateContext.ObjectSchema(schema))
        guard let nodes = parser.parseSection(name: nil, newLine: true), parser.atEnd else { return nil }
        self.nodes = nodes
    }

    /// The rendered bytes for one context.
    func render(_ root: TemplateContext.Object) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        var scopes: [Scope] = [.object(root)]
        Self.render(nodes, into: &output, scopes: &scopes, sequence: nil)
        return output
    }

    /// A rendering scope: an object whose fields names resolve into, or a string section
    /// (which has none).
    enum Scope {
        case object(TemplateContext.Object)
        case string
    }

    struct Sequence {
        var index: Int
        var count: Int
    }

    private static func render(_ nodes: [Node], into output: inout [UInt8], scopes: inout [Scope], sequence: Sequence?) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .value(let path):
                switch resolve(path, scopes, sequence) {
                case .text(let text): output.append(contentsOf: text.utf8)
                case .flag(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
                case .number(let number): output.append(contentsOf: String(number).utf8)
                case .absent, .list, .object: break
                }
            case .section(let path, let children):
                switch resolve(path, scopes, sequence) {
                case .list(let items):
                    for (index, item) in items.enumerated() {
                        scopes.append(.object(item))
                        render(children, into: &output, scopes: &scopes, sequence: Sequence(index: index, count: items.count))
                        scopes.removeLast()
                    }
                case .flag(true):
                    render(children, into: &output, scopes: &scopes, sequence: sequence)
                case .text:
                    scopes.append(.string)
                    render(children, into: &output, scopes: &scopes, sequence: sequence)
                    scopes.removeLast()
                case .object(let object):
                    scopes.append(.object(object))
                    render(children, into: &output, scopes: &scopes, sequence: sequence)
                    scopes.removeLast()
                case .number:
                    render(children, into: &output, scopes: &scopes, sequence: sequence)
                case .flag(false), .absent:
                    break
                }
            case .inverted(let path, let children):
                switch resolve(path, scopes, sequence) {
                case .list(let items) where items.isEmpty:
                    render(children, into: &output, scopes: &scopes, sequence: sequence)
                case .flag(false), .absent:
                    render(children, into: &output, scopes: &scopes, sequence: sequence)
                default:
                    break
                }
            }
        }
    }

    private static func resolve(_ path: Path, _ scopes: [Scope], _ sequence: Sequence?) -> TemplateContext.Value {
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
        case .fields(let scope, let indices):
            guard case .object(var object) = scopes[scopes.count - 1 - scope] else { return .absent }
            for (position, index) in indices.enumerated() {
                let value = object.fields[index]
                if position == indices.count - 1 { return value }
                guard case .object(let child) = value else { return .absent }
                object = child
            }
            return .absent
        }
    }
}
