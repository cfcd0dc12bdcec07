import Crypto
import FileSafety
import Foundation
import OrgYAML

/// `manifest.json`: every file `compile` wrote with its sha256, and each principal's
/// profiles. It is also how the next `compile` knows which files it owns. `ManifestStream`
/// writes it in pieces; this is the document it writes, whole.
public struct Manifest: Encodable, Sendable {
    public static let fileName = "manifest.json"

    public struct File: Codable, Equatable, Sendable {
        public var path: String
        public var sha256: String
    }

    public var generator: String
    public var source: String
    /// Sorted by path.
    public var files: [File]
    /// Profiles by user name, each list sorted by profile name.
    public var users: [String: [Profile]]
    public var groups: [String: [Profile]]

    /// The paths a manifest file lists, in its order; nil when it is not a manifest.
    ///
    /// orgprofile writes the list of files as the manifest's first member, in JSONEncoder's
    /// layout (see `ManifestStream`), before the profile lists that are most of the file. A
    /// manifest that opens so is read up to the end of that list, found by following the
    /// JSON's strings and brackets, and the list is decoded; nothing after it is read. A
    /// manifest that opens any other way was not written by orgprofile as it is, and is
    /// decoded whole, every member a manifest has required.
    static func files(in file: borrowing FileReader) throws -> [String]? {
        /// What a manifest must hold to be one: each profile needs only its name here.
        struct Whole: Decodable {
            struct Named: Decodable { var name: String }
            var generator: String
            var source: String
            var files: [File]
            var users: [String: [Named]]
            var groups: [String: [Named]]
        }
        /// Its head alone: the list of files.
        struct Head: Decodable { var files: [File] }
        let opening = Array("{\n  \"files\" : ".utf8)
        var head: [UInt8] = []
        var list = JSONValueEnd()
        while true {
            let piece = try file.read(1 << 16)
            head += piece
            if head.count >= opening.count, !head.starts(with: opening) { break }
            if head.count > opening.count, let end = list.scan(head, from: max(opening.count, head.count - piece.count)) {
                let json = Data(head[..<end] + Array("\n}".utf8))
                return (try? JSONDecoder().decode(Head.self, from: json))?.files.map(\.path)
            }
            if piece.isEmpty { return nil }
        }
        try file.rewind()
        var whole: [UInt8] = []
        while case let piece = try file.read(1 << 16), !piece.isEmpty { whole += piece }
        return (try? JSONDecoder().decode(Whole.self, from: Data(whole)))?.files.map(\.path)
    }

    /// Where one JSON value ends, found a piece at a time by following its strings (and
    /// their escapes) and its brackets; what lies between is left to the decoder.
    struct JSONValueEnd {
        private var open: [UInt8] = []
        private var inString = false
        private var escaped = false
        private var started = false
        private var failed = false

        /// The offset just after the value that starts at or after `from` in `bytes` (the
        /// bytes before `from` were scanned by earlier calls), or nil when it has not ended
        /// yet or is no array or object.
        mutating func scan(_ bytes: [UInt8], from: Int) -> Int? {
            guard !failed else { return nil }
            for index in from..<bytes.count {
                let byte = bytes[index]
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    continue
                case UInt8(ascii: "\""):
                    inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    open.append(byte)
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    guard open.popLast() == (byte == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")) else {
                        failed = true
                        return nil
                    }
                    if open.isEmpty { return index + 1 }
                default:
                    break
                }
                if !started {
                    started = true
                    if open.isEmpty {
                        failed = true
                        return nil
                    }
                }
            }
            return nil
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lowercase hex, as `sha256sum` prints it.
    static func sha256(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: 2 * SHA256.byteCount) { hex in
            for (index, byte) in SHA256.hash(data: bytes).enumerated() {
                hex[2 * index] = hexDigits[Int(byte >> 4)]
                hex[2 * index + 1] = hexDigits[Int(byte & 0xF)]
            }
            return 2 * SHA256.byteCount
        }
    }

    /// Whether a path from a manifest names a file compile could have written: exactly
    /// `users/NAME/FILE` or `groups/NAME/FILE` with safe names. Anything else is never deleted.
    static func isOwnedPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "users" || parts[0] == "groups" else { return false }
        return NameRules.isUserName(String(parts[1])) && TemplateSet.isSafeFileName(String(parts[2]))
    }
}
