import Foundation
import Support

/// An IAM policy document as a `JSONValue`, in the form IAM compares: every scalar a string, as
/// YAML's text is (IAM reads `"true"` and `"10"` in a condition as it reads `true` and `10`).
extension JSONValue {
    /// A policy written as YAML in org.yaml; of a key written twice, the first (the rules
    /// report the second).
    public init(policy node: YAMLNode) {
        switch node.content {
        case .scalar(let scalar):
            self = .string(scalar.text)
        case .sequence(let items):
            self = .array(items.map(JSONValue.init(policy:)))
        case .mapping(let pairs):
            var object: [String: JSONValue] = [:]
            for pair in pairs {
                if let key = pair.key.scalar?.text, object[key] == nil { object[key] = JSONValue(policy: pair.value) }
            }
            self = .object(object)
        }
    }

    /// A policy as IAM returns it (JSON text), its values as written (`normalizedPolicy`
    /// compares `10` and `"10"` alike); nil when the text is not JSON.
    public init?(policyText text: String) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return nil }
        self = value
    }

    /// Every scalar as the text IAM compares it as: `10`, `true`, and null as "".
    public var scalarsAsText: JSONValue {
        switch self {
        case .string, .reference: self
        case .integer(let number): .string(String(number))
        case .number(let number): .string(String(number))
        case .bool(let flag): .string(flag ? "true" : "false")
        case .null: .string("")
        case .array(let items): .array(items.map(\.scalarsAsText))
        case .object(let fields): .object(fields.mapValues(\.scalarsAsText))
        }
    }

    /// The same policy as IAM reads it, in one form: every scalar as text, a list's items
    /// sorted (IAM reads `Statement`, `Action`, `Resource` and condition values as sets) and a
    /// one-element list as its element, so documents IAM treats alike are equal, however they
    /// were written.
    public var normalizedPolicy: JSONValue {
        switch self {
        case .object(let fields): return .object(fields.mapValues(\.normalizedPolicy))
        case .array(let items):
            let sorted = items.map(\.normalizedPolicy).sorted { $0.canonicalText < $1.canonicalText }
            return sorted.count == 1 ? sorted[0] : .array(sorted)
        default: return scalarsAsText
        }
    }

    /// The canonical text: keys sorted, no white space outside strings.
    public var canonicalText: String { String(JSON.line(self).dropLast()) }
}
