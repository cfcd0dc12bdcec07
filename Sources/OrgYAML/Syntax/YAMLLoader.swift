/// Loads one YAML document into a tree of `YAMLNode`s through libyaml's event API.
///
/// libyaml is used by `YAMLEventStream` alone. Aliases are expanded (the tree shares storage, so
/// memory does not grow), but the number of nodes after expansion is bounded so an alias
/// bomb is refused instead of making later stages walk billions of nodes.
public struct YAMLLoader {
    /// Of these, the loader applies `expandedNodes` (the most nodes a document may have once
    /// every alias is expanded), `nestingDepth` and `scalarBytes`.
    public var limits: Limits

    public init(limits: Limits = .standard) {
        self.limits = limits
    }

    /// The document's root node, or the diagnostics (in `file`) that prevented loading it.
    /// The nodes' locations name no file (see `SourceLocation`). libyaml parses on a second
    /// core while this one builds the tree (`YAMLEventStream`).
    public func load(_ bytes: [UInt8], file: String) -> Result<YAMLNode, LoadFailure> {
        var state = LoadState(limits: limits)
        let loaded = bytes.withUnsafeBufferPointer { buffer in
            let stream = YAMLEventStream(buffer)
            defer { stream.finish() }
            return state.run(stream) { SyntaxErrorExplanation(Array(buffer)).explain($0) }
        }
        return loaded.mapError { LoadFailure($0.diagnostics.map { $0.inFile(file) }) }
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
    let limits: Limits

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

    init(limits: Limits) {
        self.limits = limits
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: "", line: line + 1, column: column + 1)  // The analysis names the file.
    }

    /// `explain` puts a syntax error in the words of the file, when it can.
    mutating func run(_ stream: YAMLEventStream, explain: (YAMLSyntaxFailure) -> (message: String, line: Int, column: Int)?) -> Result<
        YAMLNode, LoadFailure
    > {
        events: while true {
            let batch = stream.next()
            for event in batch.events {
                if event.kind == .streamEnd { break events }
                if let failure = handle(event, text: batch.text) {
                    return .failure(LoadFailure([failure]))
                }
            }
            if let failure = batch.failure {
                if let explained = explain(failure) {
                    return .failure(
                        LoadFailure([.error(.yamlSyntax, explained.message, at: location(line: explained.line, column: explained.column))]))
                }
                return .failure(LoadFailure([syntaxError(failure)]))
            }
            if batch.isLast { break }
        }
        guard let root else {
            return .failure(LoadFailure([.error(.emptyDocument, "the file holds no YAML document", at: location(line: 0, column: 0))]))
        }
        return .success(root)
    }

    func syntaxError(_ failure: YAMLSyntaxFailure) -> Diagnostic {
        var message = "YAML syntax error: \(failure.problem)"
        if let context = failure.context {
            message += " (\(context) at line \(failure.contextLine + 1), column \(failure.contextColumn + 1))"
        }
        return .error(.yamlSyntax, message, at: location(line: failure.problemLine, column: failure.problemColumn))
    }

    /// Handles one event; returns the diagnostic that stops loading, if any.
    mutating func handle(_ event: YAMLEvent, text: [UInt8]) -> Diagnostic? {
        let start = location(line: event.line, column: event.column)
        func string(_ range: Range<Int>?) -> String? { range.map { String(decoding: text[$0], as: UTF8.self) } }
        switch event.kind {
        case .documentStart:
            documents += 1
            if documents > 1 {
                return .error(.multipleDocuments, "org.yaml must hold exactly one YAML document; found a second one here", at: start)
            }
        case .scalar:
            if let problem = tagProblem(string(event.tag), at: start) ?? count(1, at: start) {
                return problem
            }
            if event.text.count > limits.scalarBytes {
                return .error(
                    .limitExceeded,
                    "a value of \(Limits.size(event.text.count)) is longer than the limit of \(Limits.size(limits.scalarBytes))", at: start)
            }
            let value = String(decoding: text[event.text], as: UTF8.self)
            return complete(YAMLNode(.scalar(YAMLScalar(value, style: event.style)), at: start), weight: 1, anchor: string(event.anchor))
        case .sequenceStart, .mappingStart:
            return open(
                Frame(isMapping: event.kind == .mappingStart, location: start, anchor: string(event.anchor)), tag: string(event.tag))
        case .collectionEnd:
            let frame = stack.removeLast()
            let node = YAMLNode(frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items), at: frame.location)
            return complete(node, weight: frame.weight, anchor: frame.anchor)
        case .alias:
            let name = string(event.anchor) ?? ""
            guard let anchored = anchors[name] else {
                return .error(.undefinedAlias, "alias '*\(name)' refers to no anchor defined before it", at: start)
            }
            if let problem = count(anchored.weight, at: start) {
                return problem
            }
            return complete(anchored.node, weight: anchored.weight, anchor: nil)
        case .streamEnd, .other:
            break
        }
        return nil
    }

    /// Starts a collection, within the depth and node limits.
    mutating func open(_ frame: Frame, tag: String?) -> Diagnostic? {
        let location = frame.location
        if let problem = tagProblem(tag, at: location) ?? count(1, at: location) {
            return problem
        }
        if stack.count >= limits.nestingDepth {
            return .error(.limitExceeded, "nesting is deeper than the limit of \(limits.nestingDepth) levels", at: location)
        }
        stack.append(frame)
        return nil
    }

    /// Counts nodes as they appear (an alias counts its whole expanded subtree) and refuses
    /// the document once the total passes the limit.
    mutating func count(_ nodes: Int, at location: SourceLocation) -> Diagnostic? {
        expandedNodes += nodes
        guard expandedNodes > limits.expandedNodes else { return nil }
        return .error(
            .aliasExpansionLimit,
            "the document has more than \(limits.expandedNodes) nodes once aliases are expanded; refusing it (an alias bomb?)",
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
                return .error(
                    .mergeKey, "merge keys ('<<') are not supported; write the keys out, or reuse a whole value with an alias",
                    at: node.location)
            }
            stack[top].pendingKey = node
        }
        return nil
    }

    func tagProblem(_ tag: String?, at location: SourceLocation) -> Diagnostic? {
        guard let tag, tag != "!" else { return nil }
        return .error(.yamlTag, "YAML tags ('\(tag)') are not supported in org.yaml; remove the tag", at: location)
    }
}
