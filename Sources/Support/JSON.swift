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

    /// One line without a final newline: a request's body.
    public static func bytes<T: Encodable>(_ value: T) -> [UInt8] {
        Array(encoded(value, []))
    }

    /// The value as `encode` writes it, nested `depth` levels deep in a larger document
    /// (every line indented by two spaces a level, blank lines left blank, as JSONEncoder
    /// writes a whole document), without a final newline: a list item of a document that is
    /// written an item at a time, so it never has to be in memory whole.
    public static func element<T: Encodable>(_ value: T, depth: Int) -> String {
        let encoded = encoded(value, [.prettyPrinted])
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count + encoded.count / 8)
        let indent = [UInt8](repeating: UInt8(ascii: " "), count: 2 * depth)
        encoded.withUnsafeBytes { raw in
            var lineStart = true
            for byte in raw {
                if lineStart, byte != UInt8(ascii: "\n") { bytes += indent }
                bytes.append(byte)
                lineStart = byte == UInt8(ascii: "\n")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func encode<T: Encodable>(_ value: T, _ formatting: JSONEncoder.OutputFormatting) -> String {
        String(decoding: encoded(value, formatting), as: UTF8.self) + "\n"
    }

    private static func encoded<T: Encodable>(_ value: T, _ formatting: JSONEncoder.OutputFormatting) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting.union([.sortedKeys, .withoutEscapingSlashes])
        // Plain strings, numbers, booleans and arrays: encoding cannot fail.
        return try! encoder.encode(value)
    }
}

/// A JSON value of any shape: built in code (the editor schema, the access page's tables),
/// or read where the shape is not known (an AWS answer's pages, joined before it is decoded).
public indirect enum JSONValue: Codable, Sendable, Equatable {
    case string(String)
    case integer(Int)
    /// A number that is not an integer (a timestamp in seconds).
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

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
        }
    }

    /// The text of a `.string`, else nil.
    public var text: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
