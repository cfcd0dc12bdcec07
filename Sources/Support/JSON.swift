import Foundation

/// Deterministic JSON through Codable: sorted keys, no escaped slashes, a final newline. A
/// document too large to hold whole is written through `JSONStream` in the same layout.
public enum JSON {
    /// Two-space indentation, `"key" : value`.
    public static func encode<T: Encodable>(_ value: T) -> String {
        encode(value, [.prettyPrinted])
    }

    /// One line, for a stream of JSON objects.
    public static func line<T: Encodable>(_ value: T) -> String {
        encode(value, [])
    }

    /// One line without a final newline: a request's body.
    public static func bytes<T: Encodable>(_ value: T) -> [UInt8] {
        Array(encoded(value, []))
    }

    private static func encode<T: Encodable>(_ value: T, _ formatting: JSONEncoder.OutputFormatting) -> String {
        String(decoding: encoded(value, formatting), as: UTF8.self) + "\n"
    }

    /// The encoder's bytes, pretty-printed or on one line, without a final newline.
    static func encoded(_ value: some Encodable, pretty: Bool) -> Data {
        encoded(value, pretty ? [.prettyPrinted] : [])
    }

    private static func encoded<T: Encodable>(_ value: T, _ formatting: JSONEncoder.OutputFormatting) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting.union([.sortedKeys, .withoutEscapingSlashes])
        // Plain strings, numbers, booleans and arrays: encoding cannot fail.
        return try! encoder.encode(value)
    }
}

/// A JSON member's key known only when the program runs (a field a table names).
public struct JSONKey: CodingKey {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
    public init(_ name: String) { stringValue = name }
}

/// A JSON value of any shape, the one form of JSON in orgprofile: built in code (the editor
/// schema, the access page's tables, a CloudFormation or Terraform resource), read where the
/// shape is not known (an AWS answer's pages, joined before it is decoded), or a policy
/// document (`JSONValue+Policy` in OrgYAML: how IAM compares two).
public indirect enum JSONValue: Codable, Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    case string(String)
    case integer(Int)
    /// A number that is not an integer (a timestamp in seconds).
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null
    /// Another resource's attribute in an infrastructure template: by logical ID in
    /// CloudFormation (written `{"Fn::GetAtt": [id, attribute]}`), by address in Terraform
    /// (which resolves it first). Never read.
    case reference(String, attribute: String)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { first, _ in first }))
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .integer(number)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([JSONValue].self) {
            self = .array(items)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .integer(let number): try container.encode(number)
        case .number(let number): try container.encode(number)
        case .bool(let flag): try container.encode(flag)
        case .array(let items): try container.encode(items)
        case .object(let fields): try container.encode(fields)
        case .null: try container.encodeNil()
        case .reference(let id, let attribute): try container.encode(["Fn::GetAtt": [id, attribute]])
        }
    }

    /// The text of a `.string`, else nil.
    public var text: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// Each reference replaced by what `replace` makes of it.
    public func resolvingReferences(_ replace: (String, String) -> JSONValue) -> JSONValue {
        switch self {
        case .string, .integer, .number, .bool, .null: self
        case .array(let items): .array(items.map { $0.resolvingReferences(replace) })
        case .object(let fields): .object(fields.mapValues { $0.resolvingReferences(replace) })
        case .reference(let id, let attribute): replace(id, attribute)
        }
    }

    /// The resources it refers to, in the order written (an object's in key order).
    public var references: [String] {
        switch self {
        case .string, .integer, .number, .bool, .null: []
        case .array(let items): items.flatMap(\.references)
        case .object(let fields): fields.keys.sorted().flatMap { fields[$0]!.references }
        case .reference(let id, _): [id]
        }
    }
}
