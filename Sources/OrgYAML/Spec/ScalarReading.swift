/// Reading typed values out of nodes. org.yaml takes a scalar's text as written: there are
/// no numbers, `name: no` is the string "no", and only `true` and `false` are booleans.
extension SpecDecoder {
    /// A string value: any non-null scalar, its text as written. A plain one that other YAML
    /// tools read as a boolean or a number is a warning (`AmbiguousScalar`).
    mutating func string(_ node: YAMLNode, _ what: @autoclosure () -> String) -> Located<String>? {
        guard let scalar = node.scalar, !scalar.isNull else {
            diagnostics.append(.error(.wrongType, "\(what()) must be a string, found \(node.kindDescription)", at: node.location))
            return nil
        }
        if scalar.style == .plain, let other = AmbiguousScalar.otherReading(of: scalar.text) {
            diagnostics.append(
                .warning(
                    .ambiguousScalar,
                    "\(what()) is the text '\(scalar.text)' to orgprofile, but \(other); quote it: \"\(scalar.text)\"",
                    at: node.location))
        }
        if let unsafe = NameRules.firstUnsafeScalar(in: scalar.text) {
            diagnostics.append(
                .error(
                    .unsafeValue,
                    "\(what()) contains \(NameRules.describe(unsafe)), which is not allowed in a value written to an output file",
                    at: node.location))
        }
        return Located(scalar.text, at: node.location)
    }

    /// A boolean: a plain `true` or `false`. YAML 1.1's `yes`/`no`/`on`/`off` are refused
    /// with a hint, because other YAML tools read them differently.
    mutating func bool(_ node: YAMLNode, _ what: @autoclosure () -> String) -> Located<Bool>? {
        guard let scalar = node.scalar, !scalar.isNull else {
            diagnostics.append(.error(.wrongType, "\(what()) must be true or false, found \(node.kindDescription)", at: node.location))
            return nil
        }
        if scalar.style == .plain {
            switch scalar.text {
            case "true": return Located(true, at: node.location)
            case "false": return Located(false, at: node.location)
            default: break
            }
            let lowered = scalar.text.lowercased()
            let meaning: String? =
                switch lowered {
                case "yes", "y", "on", "true": "true"
                case "no", "n", "off", "false": "false"
                default: nil
                }
            if let meaning {
                diagnostics.append(
                    .error(
                        .invalidBoolean,
                        "\(what()) must be true or false, found '\(scalar.text)'; write '\(meaning)' (YAML tools disagree on what '\(scalar.text)' means)",
                        at: node.location))
                return nil
            }
        }
        diagnostics.append(.error(.wrongType, "\(what()) must be true or false, found '\(scalar.text)'", at: node.location))
        return nil
    }

    /// The `key: value` pairs of a mapping of strings, each key once (a second one is an error
    /// pointing at the first). `emptyValues`: a null value reads as "".
    mutating func stringPairs(_ pairs: [YAMLPair], key noun: String, in what: String, emptyValues: Bool = false) -> [(
        key: Located<String>, value: Located<String>
    )] {
        var seen: [String: SourceLocation] = [:]
        var result: [(key: Located<String>, value: Located<String>)] = []
        for pair in pairs {
            guard let key = string(pair.key, "a \(noun) name in \(what)") else { continue }
            if let first = seen[key.value] {
                diagnostics.append(
                    .error(
                        .duplicateKey, "duplicate key '\(key.value)' in \(what)", at: key.location,
                        notes: [.init("'\(key.value)' is first defined here", at: first)]))
                continue
            }
            seen[key.value] = key.location
            let value =
                emptyValues && pair.value.scalar?.isNull == true
                ? Located("", at: pair.value.location) : string(pair.value, "\(noun) '\(key.value)' in \(what)")
            if let value { result.append((key, value)) }
        }
        return result
    }

    /// A list of strings. A single string is not a list: it would hide a forgotten `[ ]`.
    mutating func stringList(_ node: YAMLNode, _ what: @autoclosure () -> String) -> [Located<String>] {
        items(node, what()).compactMap { string($0, "each entry of \(what())") }
    }

    /// The items of a list value; null reads as an empty list. `shape` says what the list
    /// holds, for the error when it is not one.
    mutating func items(_ node: YAMLNode, _ what: @autoclosure () -> String, shape: String = "a list") -> [YAMLNode] {
        switch node.content {
        case .sequence(let items):
            return items
        case .scalar(let scalar) where scalar.isNull:
            return []
        default:
            diagnostics.append(.error(.wrongType, "\(what()) must be \(shape), found \(node.kindDescription)", at: node.location))
            return []
        }
    }

    /// The pairs of a mapping value; null reads as an empty mapping (`Developer:` alone).
    mutating func mapping(_ node: YAMLNode, _ what: @autoclosure () -> String) -> [YAMLPair]? {
        switch node.content {
        case .mapping(let pairs): return pairs
        case .scalar(let scalar) where scalar.isNull: return []
        default:
            diagnostics.append(.error(.wrongType, "\(what()) must be a mapping, found \(node.kindDescription)", at: node.location))
            return nil
        }
    }

    /// The checked keys of a mapping value, or nil when it is not a mapping.
    mutating func fields(_ node: YAMLNode, allowed: [String], context: String, owner: SourceLocation) -> MappingFields? {
        guard let pairs = mapping(node, context) else { return nil }
        return MappingFields(pairs, allowed: allowed, context: context, owner: owner, diagnostics: &diagnostics)
    }

    /// The string value of an optional key.
    mutating func optionalString(_ fields: MappingFields, _ key: String) -> Located<String>? {
        fields[key].flatMap { string($0.value, "'\(key)' in \(fields.context)") }
    }

    /// The string value of a required key.
    mutating func requiredString(_ fields: MappingFields, _ key: String) -> Located<String>? {
        fields.required(key, diagnostics: &diagnostics).flatMap { string($0.value, "'\(key)' in \(fields.context)") }
    }

    mutating func optionalBool(_ fields: MappingFields, _ key: String) -> Located<Bool>? {
        fields[key].flatMap { bool($0.value, "'\(key)' in \(fields.context)") }
    }
}
