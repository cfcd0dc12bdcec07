/// The keys of one YAML mapping, checked against the keys org.yaml allows there.
///
/// Building it reports duplicate keys (pointing at both), unknown keys (with a
/// "did you mean"), and keys that are not plain strings; what remains is looked up by name.
struct MappingFields {
    /// The first occurrence of each allowed key, in file order. A handful at most, so a
    /// linear search beats hashing.
    private var pairs: [(key: String, pair: YAMLPair)] = []
    /// Where the mapping is owned from (its key in the parent), for "missing key" errors.
    let owner: SourceLocation
    /// How messages name this mapping, e.g. "account 'infrastructure'".
    let context: String
    /// Allowed keys that are not there but that an unknown key was taken for ("did you
    /// mean"): the unknown key's error is their only one.
    private(set) var misspelt: Set<String> = []

    /// `extensionPrefix`: keys starting with it are accepted and ignored (`x-` at the top of
    /// org.yaml, a place to define anchors).
    init(
        _ mapping: [YAMLPair], allowed: [String], extensionPrefix: String? = nil, context: String, owner: SourceLocation,
        diagnostics: inout DiagnosticList
    ) {
        self.owner = owner
        self.context = context
        for pair in mapping {
            guard let key = pair.key.scalar?.text, !(pair.key.scalar?.isNull ?? true) else {
                diagnostics.append(
                    .error(.wrongType, "keys in \(context) must be strings, found \(pair.key.kindDescription)", at: pair.key.location))
                continue
            }
            if let first = self[key] {
                diagnostics.append(
                    .error(
                        .duplicateKey, "duplicate key '\(key)' in \(context)", at: pair.key.location,
                        notes: [.init("'\(key)' is first defined here", at: first.key.location)]))
                continue
            }
            if let extensionPrefix, key.hasPrefix(extensionPrefix) {
                continue
            }
            guard allowed.contains(key) else {
                diagnostics.append(
                    .error(
                        .unknownKey, "unknown key '\(key)' in \(context)\(Suggestion.hint(for: key, in: allowed))", at: pair.key.location))
                if let meant = Suggestion.closest(to: key, in: allowed) { misspelt.insert(meant) }
                continue
            }
            pairs.append((key, pair))
        }
        misspelt.subtract(pairs.map(\.key))
    }

    subscript(key: String) -> YAMLPair? { pairs.first { $0.key == key }?.pair }

    /// The value of a required key; reports it missing otherwise (unless a misspelling of
    /// it was reported).
    func required(_ key: String, diagnostics: inout DiagnosticList) -> YAMLPair? {
        if let pair = self[key] { return pair }
        if !misspelt.contains(key) {
            diagnostics.append(.error(.missingKey, "\(context) is missing the required key '\(key)'", at: owner))
        }
        return nil
    }
}

/// One entry of a mapping of names: the name, its value, and the pair's position in the mapping.
typealias NamedEntry = (name: Located<String>, value: YAMLNode, index: Int)

/// Reading the entries of a mapping whose keys are names the user chose (accounts,
/// roles, groups, users), reporting duplicate names.
enum NamedEntries {
    static func read(_ node: YAMLNode, what: String, diagnostics: inout DiagnosticList) -> [NamedEntry] {
        let pairs: [YAMLPair]
        switch node.content {
        case .mapping(let mapping): pairs = mapping
        case .scalar(let scalar) where scalar.isNull: return []
        default:
            diagnostics.append(
                .error(.wrongType, "\(what) must be a mapping of names to entries, found \(node.kindDescription)", at: node.location))
            return []
        }
        var seen: [String: SourceLocation] = [:]
        seen.reserveCapacity(pairs.count)
        var entries: [NamedEntry] = []
        entries.reserveCapacity(pairs.count)
        for (index, pair) in pairs.enumerated() {
            guard let scalar = pair.key.scalar, !scalar.isNull else {
                diagnostics.append(
                    .error(.wrongType, "names in \(what) must be strings, found \(pair.key.kindDescription)", at: pair.key.location))
                continue
            }
            if let first = seen[scalar.text] {
                diagnostics.append(
                    .error(
                        .duplicateKey, "duplicate key '\(scalar.text)' in \(what)", at: pair.key.location,
                        notes: [.init("'\(scalar.text)' is first defined here", at: first)]))
                continue
            }
            seen[scalar.text] = pair.key.location
            entries.append((Located(scalar.text, at: pair.key.location), pair.value, index))
        }
        return entries
    }
}
