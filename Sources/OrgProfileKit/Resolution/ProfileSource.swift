import OrgYAML

/// Where a principal's profile comes from, as a reviewer asks "why does bob have this?".
/// In JSON: `{"kind": "group", "name": "developers"}`, `{"kind": "direct"}`,
/// `{"kind": "user_management"}`.
public enum ProfileSource: Hashable, Sendable, Comparable, Encodable {
    /// The principal's own `assignments` (a user's, or a group's for its team config), and
    /// the selector that chose the account when one did.
    case direct(via: AccountSelection.Reason? = nil)
    /// An assignment of a group the user is a member of.
    case group(String, via: AccountSelection.Reason? = nil)
    /// The `user_management` profile.
    case userManagement

    /// A few words: `group platform`, `direct assignment`, `user management`, and the
    /// selector after a comma: `group sre, OU Workloads/Prod`.
    public var description: String {
        switch self {
        case .direct(let via): "direct assignment" + Self.suffix(via)
        case .group(let name, let via): "group \(name)" + Self.suffix(via)
        case .userManagement: "user management"
        }
    }

    private static func suffix(_ via: AccountSelection.Reason?) -> String {
        via?.selectorDescription.map { ", \($0)" } ?? ""
    }

    /// One word for machine-readable output: `direct`, `group`, `user_management`.
    public var kind: String {
        switch self {
        case .direct: "direct"
        case .group: "group"
        case .userManagement: "user_management"
        }
    }

    /// The selector that chose the account, when one did (not a name, not `"*"`).
    public var selector: AccountSelection.Reason? {
        switch self {
        case .direct(let via), .group(_, let via): via?.selectorDescription == nil ? nil : via
        case .userManagement: nil
        }
    }

    /// The same source, without its selector.
    var withoutSelector: ProfileSource {
        switch self {
        case .direct: .direct()
        case .group(let name, _): .group(name)
        case .userManagement: self
        }
    }

    /// Direct, then groups by name, then user management.
    public static func < (lhs: ProfileSource, rhs: ProfileSource) -> Bool {
        func key(_ source: ProfileSource) -> (Int, String, String) {
            switch source {
            case .direct(let via): (0, "", via?.selectorDescription ?? "")
            case .group(let name, let via): (1, name, via?.selectorDescription ?? "")
            case .userManagement: (2, "", "")
            }
        }
        return key(lhs) < key(rhs)
    }

    enum CodingKeys: String, CodingKey {
        case kind, name, ou, tags
    }

    /// `{"kind": "group", "name": "sre", "ou": "Workloads/Prod"}`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        if case .group(let name, _) = self { try container.encode(name, forKey: .name) }
        switch selector {
        case .ou(let path)?: try container.encode(path, forKey: .ou)
        case .tags(let tags)?: try container.encode(tags, forKey: .tags)
        case .named?, .every?, nil: break
        }
    }
}

/// A `ProfileSource` as two numbers of one model: the group (its index among the model's
/// groups, or `own` or `userManagement`) and why its account was chosen (an index into the
/// model's selection reasons). `AccessModel.source(_:)` says it in words.
public struct ProfileOrigin: Hashable, Sendable {
    public static let own: Int32 = -1
    public static let userManagement: Int32 = -2

    public let group: Int32
    public let via: Int32
}
