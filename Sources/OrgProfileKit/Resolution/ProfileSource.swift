/// Where a principal's profile comes from, as a reviewer asks "why does bob have this?".
/// In JSON: `{"kind": "group", "name": "developers"}`, `{"kind": "direct"}`,
/// `{"kind": "user_management"}`.
public enum ProfileSource: Hashable, Sendable, Comparable, Encodable {
    /// The principal's own `assignments` (a user's, or a group's for its team config).
    case direct
    /// An assignment of a group the user is a member of.
    case group(String)
    /// The `user_management` profile.
    case userManagement

    /// A few words: `group platform`, `direct assignment`, `user management`.
    public var description: String {
        switch self {
        case .direct: "direct assignment"
        case .group(let name): "group \(name)"
        case .userManagement: "user management"
        }
    }

    /// One word for machine-readable output: `direct`, `group`, `user_management`.
    public var kind: String {
        switch self {
        case .direct: "direct"
        case .group: "group"
        case .userManagement: "user_management"
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind, name
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        if case .group(let name) = self { try container.encode(name, forKey: .name) }
    }
}
