import Crypto
import Foundation

/// `manifest.json`: every file `compile` wrote with its sha256, and each principal's
/// profiles. It is also how the next `compile` knows which files it owns.
public struct Manifest: Codable, Equatable, Sendable {
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
    public var users: [String: [ProfileSummary]]
    public var groups: [String: [ProfileSummary]]

    /// Deterministic JSON: sorted keys, two-space indentation, trailing newline.
    public func encoded() -> [UInt8] {
        Array(JSON.encode(self).utf8)
    }

    public static func decode(_ bytes: [UInt8]) -> Manifest? {
        try? JSONDecoder().decode(Manifest.self, from: Data(bytes))
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Whether a path from a manifest names a file compile could have written: exactly
    /// `users/NAME/FILE` or `groups/NAME/FILE` with safe names. Anything else is never deleted.
    static func isOwnedPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "users" || parts[0] == "groups" else { return false }
        return NameRules.isUserName(String(parts[1])) && TemplateSet.isSafeFileName(String(parts[2]))
    }
}
