import Support

/// A JSON value of an IAM policy document written as YAML in org.yaml: what IAM takes, in one
/// canonical form (keys sorted, no white space outside strings), so that the same policy is
/// always the same text. Every scalar is a string, as YAML's text is: IAM reads `"true"` and
/// `"10"` in a condition as it reads `true` and `10`.
public indirect enum PolicyJSON: Codable, Sendable, Equatable {
    case string(String)
    case array([PolicyJSON])
    case object([String: PolicyJSON])

    /// The node as JSON; of a key written twice, the first (the rules report the second).
    public init(_ node: YAMLNode) {
        switch node.content {
        case .scalar(let scalar):
            self = .string(scalar.text)
        case .sequence(let items):
            self = .array(items.map(PolicyJSON.init))
        case .mapping(let pairs):
            var object: [String: PolicyJSON] = [:]
            for pair in pairs {
                if let key = pair.key.scalar?.text, object[key] == nil { object[key] = PolicyJSON(pair.value) }
            }
            self = .object(object)
        }
    }

    /// A policy as IAM returns it (JSON text): numbers and booleans read as the text IAM
    /// compares them as (`10`, `true`), null as "".
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let flag = try? container.decode(Bool.self) {
            self = .string(flag ? "true" : "false")
        } else if let number = try? container.decode(Int.self) {
            self = .string(String(number))
        } else if let number = try? container.decode(Double.self) {
            self = .string(String(number))
        } else if let items = try? container.decode([PolicyJSON].self) {
            self = .array(items)
        } else if let fields = try? container.decode([String: PolicyJSON].self) {
            self = .object(fields)
        } else if container.decodeNil() {
            self = .string("")
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .array(let items): try container.encode(items)
        case .object(let fields): try container.encode(fields)
        }
    }

    /// The same policy as IAM reads it, in one form: a list's items sorted (IAM reads
    /// `Statement`, `Action`, `Resource` and condition values as sets) and a one-element list
    /// as its element, so documents IAM treats alike are equal, however they were written.
    public var normalized: PolicyJSON {
        switch self {
        case .string: return self
        case .object(let fields): return .object(fields.mapValues(\.normalized))
        case .array(let items):
            let sorted = items.map(\.normalized).sorted { $0.text < $1.text }
            return sorted.count == 1 ? sorted[0] : .array(sorted)
        }
    }

    /// The canonical text: keys sorted, no white space outside strings.
    public var text: String { String(JSON.line(self).dropLast()) }
}
