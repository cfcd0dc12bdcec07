/// The most org.yaml may hold. Each limit is far beyond a real organisation and keeps a
/// hostile or broken file from taking unbounded time or memory; crossing one is the
/// `limit-exceeded` error (docs/security.md).
public struct Limits: Sendable, Equatable {
    public var fileBytes = 16 << 20
    public var nestingDepth = 64
    /// Nodes once every alias is expanded.
    public var expandedNodes = 5_000_000
    public var scalarBytes = 64 << 10
    public var users = 100_000
    public var accounts = 10_000
    public var groups = 10_000
    public var roles = 2_000
    /// Profiles one user or group may get.
    public var profilesPerPrincipal = 10_000

    public init() {}

    public static let standard = Limits()

    /// `1.5 MiB`, `16 MiB`, `512 bytes`
    package static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1 << 20 { return bytes % 1024 == 0 ? "\(bytes >> 10) KiB" : "\(bytes * 10 / 1024 / 10).\(bytes * 10 / 1024 % 10) KiB" }
        return bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes * 10 / (1 << 20) / 10).\(bytes * 10 / (1 << 20) % 10) MiB"
    }
}
