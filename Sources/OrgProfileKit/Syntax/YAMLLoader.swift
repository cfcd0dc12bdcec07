import CLibYAML

/// Loads one YAML document into a tree of `YAMLNode`s through libyaml's event API.
///
/// This is the only user of libyaml. Aliases are expanded (the tree shares storage, so
/// memory does not grow), but the number of nodes after expansion is bounded so an alias
/// bomb is refused instead of making later stages walk billions of nodes.
public struct YAMLLoader {
    /// The most nodes a document may have once every alias is expanded.
    public var maximumExpandedNodes: Int
    /// The deepest nesting of mappings and sequences accepted.
    public var maximumDepth: Int
    /// The longest scalar accepted, in bytes.
    public var maximumScalarBytes: Int

    public init(limits: Limits = .standard) {
        maximumExpandedNodes = limits.expandedNodes
        maximumDepth = limits.nestingDepth
        maximumScalarBytes = limits.scalarBytes
    }

    public init(maximumExpandedNodes: Int = Limits.standard.expandedNodes, maximumDepth: Int = Limits.standard.nestingDepth) {
        self.init()
        self.maximumExpandedNodes = maximumExpandedNodes
        self.maximumDepth = maximumDepth
    }

    /// The document's root node, or the diagnostics that prevented loading it.
    public func load(_ bytes: [UInt8], file: String) -> Result<YAMLNode, LoadFailure> {
        var state = LoadState(file: file, maximumExpandedNodes: maximumExpandedNodes, maximumDepth: maximumDepth, maximumScalarBytes: maximumScalarBytes)
        return bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return .failure(LoadFailure([.error(.yamlSyntax, "libyaml could not start", at: nil)]))
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            return state.run(&parser)
        }
    }
}

/// The diagnostics explaining why a document could not be loaded.
public struct LoadFailure: Error {
    public var diagnostics: [Diagnostic]

    init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}

/// The event loop's working state: open collections, anchors and the expansion count.
private struct LoadState {
    let file: String
    let maximumExpandedNodes: Int
    let maximumDepth: Int
    let maximumScalarBytes: Int

    /// A collection that has started but not ended. A struct mutated in place on the
    /// stack, so appending a child never copies its siblings.
    struct Frame {
        var isMapping: Bool
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        var location: SourceLocation
        var anchor: String?
        /// The collection's size once expanded: itself and every node below it.
        var weight = 1
    }

    var stack: [Frame] = []
    /// Completed anchored nodes and their expanded node count.
    var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
    var expandedNodes = 0
    var root: YAMLNode?
    var documents = 0
    var diagnostics: [Diagnostic] = []

    init(file: String, maximumExpandedNodes: Int, maximumDepth: Int, maximumScalarBytes: Int) {
        self.file = file
        self.maximumExpandedNodes = maximumExpandedNodes
        self.maximumDepth = maximumDepth
        self.maximumScalarBytes = maximumScalarBytes
    }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    mutating func run(_ parser: inout yaml_parser_t) -> Result<YAMLNode, LoadFailure> {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return .failure(LoadFailure([syntaxError(parser)]))
            }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { break }
            if let failure = handle(event) {
                return .failure(LoadFailure([failure]))
            }
        }
        guard let root else {
            return .failure(LoadFailure([.error(.emptyDocument, "the file holds no YAML document", at: SourceLocation(file: file, line: 1, column: 1))]))
        }
        return .success(root)
    }

    func syntaxError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var message = "YAML syntax error: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
        }
        return .error(.yamlSyntax, message, at: location(parser.problem_mark))
    }

    /// Handles one event; returns the diagnostic that stops loading, if any.
    mutating func handle(_ event: yaml_event_t) -> Diagnostic? {
        let start = location(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                return .error(.multipleDocuments, "org.yaml must hold exactly one YAML document; found a second one here", at: start)
            }
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            if let problem = tagProblem(data.tag, at: start) ?? count(1, at: start) {
                return problem
            }
            if data.length > maximumScalarBytes {
                return .error(.limitExceeded, "a value of \(Limits.size(data.length)) is longer than the limit of \(Limits.size(maximumScalarBytes))", at: start)
            }
            let text = data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self) } ?? ""
            let node = YAMLNode(.scalar(YAMLScalar(text, style: Self.style(data.style))), at: start)
            return complete(node, weight: 1, anchor: Self.string(data.anchor))
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return open(Frame(isMapping: false, location: start, anchor: Self.string(data.anchor)), tag: data.tag)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return open(Frame(isMapping: true, location: start, anchor: Self.string(data.anchor)), tag: data.tag)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            let node = YAMLNode(frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items), at: frame.location)
            return complete(node, weight: frame.weight, anchor: frame.anchor)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                return .error(.undefinedAlias, "alias '*\(name)' refers to no anchor defined before it", at: start)
            }
            if let problem = count(anchored.weight, at: start) {
                return problem
            }
            return complete(anchored.node, weight: anchored.weight, anchor: nil)
        default:
            break
        }
        return nil
    }

    /// Starts a collection, within the depth and node limits.
    mutating func open(_ frame: Frame, tag: UnsafeMutablePointer<yaml_char_t>?) -> Diagnostic? {
        let location = frame.location
        if let problem = tagProblem(tag, at: location) ?? count(1, at: location) {
            return problem
        }
        if stack.count >= maximumDepth {
            return .error(.limitExceeded, "nesting is deeper than the limit of \(maximumDepth) levels", at: location)
        }
        stack.append(frame)
        return nil
    }

    /// Counts nodes as they appear (an alias counts its whole expanded subtree) and refuses
    /// the document once the total passes the limit.
    mutating func count(_ nodes: Int, at location: SourceLocation) -> Diagnostic? {
        expandedNodes += nodes
        guard expandedNodes > maximumExpandedNodes else { return nil }
        return .error(
            .aliasExpansionLimit,
            "the document has more than \(maximumExpandedNodes) nodes once aliases are expanded; refusing it (an alias bomb?)",
            at: location)
    }

    /// Adds a finished node to its parent (or makes it the root) and records its anchor.
    /// `weight` is the node's size once expanded, which an alias to it will count again.
    mutating func complete(_ node: YAMLNode, weight: Int, anchor: String?) -> Diagnostic? {
        if let anchor {
            anchors[anchor] = (node, weight)
        }
        guard !stack.isEmpty else {
            root = node
            return nil
        }
        let top = stack.count - 1
        stack[top].weight += weight
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            stack[top].pairs.append(YAMLPair(key: key, value: node))
            stack[top].pendingKey = nil
        } else {
            if let scalar = node.scalar, scalar.style == .plain, scalar.text == "<<" {
                return .error(.mergeKey, "merge keys ('<<') are not supported; write the keys out, or reuse a whole value with an alias", at: node.location)
            }
            stack[top].pendingKey = node
        }
        return nil
    }

    func tagProblem(_ tag: UnsafeMutablePointer<yaml_char_t>?, at location: SourceLocation) -> Diagnostic? {
        guard let tag = Self.string(tag), tag != "!" else { return nil }
        return .error(.yamlTag, "YAML tags ('\(tag)') are not supported in org.yaml; remove the tag", at: location)
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
