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
    /// The list of files is the manifest's first member, and as orgprofile writes it (see
    /// `ManifestStream`) it ends at the first line that is exactly `  ]`: only that head is
    /// read and decoded, never the profile lists after it (most of the file). A manifest
    /// laid out any other way is decoded whole.
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
        let opening = Array("{\n  \"files\" : [".utf8)
        var head: [UInt8] = []
        var lineStart = 0
        while true {
            let piece = try file.read(1 << 16)
            head += piece
            if head.count >= opening.count, !head.starts(with: opening) { break }
            // The list ends at the first line that is exactly `  ]` (then `,` or the end).
            while let newline = head[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = head[lineStart..<newline]
                lineStart = newline + 1
                if line.count >= 3, line.starts(with: "  ]".utf8), line.count == 3 || line.last == UInt8(ascii: ",") {
                    let json = Data(head[..<(line.startIndex + 3)] + Array("\n}".utf8))
                    return (try? JSONDecoder().decode(Head.self, from: json))?.files.map(\.path)
                }
            }
            if piece.isEmpty { return nil }
        }
        try file.rewind()
        var whole: [UInt8] = []
        while case let piece = try file.read(1 << 16), !piece.isEmpty { whole += piece }
        return (try? JSONDecoder().decode(Whole.self, from: Data(whole)))?.files.map(\.path)
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
