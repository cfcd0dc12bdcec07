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
