import Foundation

/// An access key, its secret and, for temporary credentials, a session token and when they
/// expire. Never printed: its description names the key's first four characters only (an
/// access key ID's kind, `AKIA` or `ASIA`), so a credential cannot reach a log, an error
/// message or a file through string interpolation.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials stop working; nil for long-term keys.
    public var expiration: Date?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        (self.accessKeyID, self.secretAccessKey, self.sessionToken, self.expiration) =
            (accessKeyID, secretAccessKey, sessionToken, expiration)
    }

    public var description: String { "AWS credentials \(accessKeyID.prefix(4))..." }
    public var debugDescription: String { description }
}
