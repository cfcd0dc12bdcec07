import Foundation
import Support

/// The credentials every request is signed with, taken once and taken again before they
/// expire: from the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
/// `AWS_SESSION_TOKEN`), or from whatever resolves them for the AWS CLI (`fetch`: `aws
/// configure export-credentials`, which knows SSO, role chains, web identity and
/// `credential_process`). Safe to share between threads.
public final class CredentialSource: @unchecked Sendable {
    /// Taken again when less than this is left: a request signed now must still be valid
    /// when AWS reads it, and a long read goes on for minutes.
    static let margin: TimeInterval = 5 * 60

    private let fetch: @Sendable () throws -> AWSCredentials
    private let lock = NSLock()
    private var cached: AWSCredentials?

    public init(fetch: @escaping @Sendable () throws -> AWSCredentials) {
        self.fetch = fetch
    }

    /// The environment's long-term or temporary keys, when both parts are set.
    public static func environment(_ environment: [String: String]) -> CredentialSource? {
        guard let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty, let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty
        else { return nil }
        let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        let credentials = AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token)
        return CredentialSource { credentials }
    }

    /// Valid credentials, fetched again when they expire within `margin` of `now`.
    public func current(now: Date = Date()) throws -> AWSCredentials {
        try lock.withLock {
            if let cached, cached.expiration.map({ $0.timeIntervalSince(now) > Self.margin }) ?? true { return cached }
            let fresh = try fetch()
            cached = fresh
            return fresh
        }
    }

    /// Starts with credentials already fetched.
    public func prime(_ credentials: AWSCredentials) {
        lock.withLock { cached = credentials }
    }

    /// Forgets what it holds (AWS said they expired), so the next request fetches them again.
    public func expire() {
        lock.withLock { cached = nil }
    }

    /// The AWS CLI's `credential_process` format, which `aws configure export-credentials
    /// --format process` prints: `{"Version": 1, "AccessKeyId", "SecretAccessKey",
    /// "SessionToken", "Expiration"}`. nil for anything else.
    public static func decodeProcessOutput(_ bytes: [UInt8]) -> AWSCredentials? {
        struct Output: Decodable {
            var Version: Int
            var AccessKeyId: String
            var SecretAccessKey: String
            var SessionToken: String?
            var Expiration: String?
        }
        guard let output = try? JSONDecoder().decode(Output.self, from: Data(bytes)), output.Version == 1 else { return nil }
        var expiration: Date?
        if let text = output.Expiration {
            guard let date = UTCTime.parse(text) else { return nil }
            expiration = date
        }
        return AWSCredentials(
            accessKeyID: output.AccessKeyId, secretAccessKey: output.SecretAccessKey, sessionToken: output.SessionToken,
            expiration: expiration)
    }
}
