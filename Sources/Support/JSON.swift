import Foundation

/// Deterministic JSON through Codable, for everything but the large `manifest.json`
/// (`ManifestStream`): sorted keys, no escaped slashes, a final newline.
public enum JSON {
    /// Two-space indentation, `"key" : value`.
    public static func encode<T: Encodable>(_ value: T) -> String {
        encode(value, [.prettyPrinted])
    }

    /// One line, for a stream of JSON objects.
    public static func line<T: Encodable>(_ value: T) -> String {
        encode(value, [])
    }

    private static func encode<T: Encodable>(_ value: T, _ formatting: JSONEncoder.OutputFormatting) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting.union([.sortedKeys, .withoutEscapingSlashes])
        // Plain strings, numbers, booleans and arrays: encoding cannot fail.
        return String(decoding: try! encoder.encode(value), as: UTF8.self) + "\n"
    }
}

/// A JSON value built in code (the editor schema, the access page's tables): encoded by
/// `JSON` like any Encodable.
public indirect enum JSONValue: Encodable, Sendable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .integer(let number): try container.encode(number)
        case .bool(let flag): try container.encode(flag)
        case .array(let items): try container.encode(items)
        case .object(let fields): try container.encode(fields)
        }
    }
}
