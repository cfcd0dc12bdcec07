import OrgYAML
import Support

/// What a change does to a role's definition (the permission set org.yaml defines): each
/// attribute that differs, whether it grants power, and who holds the role. A reviewer
/// approving "no access changes" must not approve `Action: "*"` in an inline policy.
public struct RoleDefinitionChange: Equatable, Sendable, Encodable {
    public struct Attribute: Equatable, Sendable, Encodable {
        /// The org.yaml key: `inline_policy`, `managed_policies`, `session_duration`, ...
        public var key: String
        /// `'PT4H' -> 'PT8H'`, `+ arn:...`, `changed`: the change in a few words.
        public var change: String
        /// It can grant power: a policy attached or changed, a boundary changed or removed.
        public var isPrivileged: Bool

        enum CodingKeys: String, CodingKey {
            case change
            case key = "attribute"
            case isPrivileged = "privileged"
        }
    }

    public var role: String
    /// The role was not defined before (orgprofile now manages its permission set), or is no longer.
    public var becomesDefined: Bool
    public var noLongerDefined: Bool
    public var attributes: [Attribute]
    /// The inline policies as IAM reads them, as a unified diff, when they differ.
    public var policyDiff: String?
    /// Who holds the role after the change (before it, when it is no longer declared).
    public var users: [String]
    public var groups: [String]
    /// For a role becoming defined, with `diff --snapshot`: what deploying its definition
    /// would change in Identity Center, one finding each (the first line says it, an inline
    /// policy's diff follows), and each part the snapshot could not read; nil without one.
    public var deployment: [String]?

    public var isPrivileged: Bool { becomesDefined || attributes.contains(where: \.isPrivileged) }

    enum CodingKeys: String, CodingKey {
        case role, privileged, users, groups
        case becomesDefined = "becomes_defined"
        case noLongerDefined = "no_longer_defined"
        case attributes = "changes"
        case policyDiff = "inline_policy_diff"
        case deployment
    }

    /// As `diff --format json` lists it (docs/ci.md), `privileged` included.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        try container.encode(isPrivileged, forKey: .privileged)
        try container.encode(becomesDefined, forKey: .becomesDefined)
        try container.encode(noLongerDefined, forKey: .noLongerDefined)
        try container.encode(attributes, forKey: .attributes)
        try container.encodeIfPresent(policyDiff, forKey: .policyDiff)
        try container.encode(users, forKey: .users)
        try container.encode(groups, forKey: .groups)
        try container.encodeIfPresent(deployment, forKey: .deployment)
    }

    /// `held by 2 users (alice, bob) and 1 group (developers)`, or `held by nobody`.
    public var holders: String {
        let parts = [(users, "user"), (groups, "group")].filter { !$0.0.isEmpty }.map { names, kind in
            "\(names.count) \(kind)\(names.count == 1 ? "" : "s") (\(names.joined(separator: ", ")))"
        }
        return parts.isEmpty ? "held by nobody" : "held by " + parts.joined(separator: " and ")
    }

    /// The roles whose definition differs between two models, by name.
    static func changes(old: AccessModel?, new: AccessModel) -> [RoleDefinitionChange] {
        let before = Dictionary((old?.roles ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [RoleDefinitionChange] = []
        var holdersNeeded: [Int] = []
        for role in new.roles {
            let was = before[role.name]
            // A role new in this change with no definition has nothing to compare.
            guard was?.definition != role.definition, was != nil || role.definition != nil else { continue }
            var change = RoleDefinitionChange(
                role: role.name, becomesDefined: role.definition != nil && was?.definition == nil,
                noLongerDefined: role.definition == nil && was?.definition != nil, attributes: [], policyDiff: nil, users: [],
                groups: [])
            (change.attributes, change.policyDiff) = Self.attributes(was?.definition, role.definition)
            changes.append(change)
            holdersNeeded.append(changes.count - 1)
        }
        guard !changes.isEmpty else { return [] }
        // Who holds each changed role: one pass over everyone's profiles.
        let index = Dictionary(changes.enumerated().map { ($1.role, $0) }, uniquingKeysWith: { first, _ in first })
        for principal in new.principals {
            let held = Set(new.profiles(for: principal).compactMap { index[$0.role.name] })
            for number in held.sorted() {
                if principal.kind == .user {
                    changes[number].users.append(principal.name)
                } else {
                    changes[number].groups.append(principal.name)
                }
            }
        }
        return changes.sorted { ($0.isPrivileged ? 0 : 1, $0.role) < ($1.isPrivileged ? 0 : 1, $1.role) }
    }

    /// Each attribute that differs, and the inline policies' diff.
    static func attributes(_ old: PermissionSet?, _ new: PermissionSet?) -> ([Attribute], String?) {
        var attributes: [Attribute] = []
        func text(_ key: String, _ was: String?, _ now: String?) {
            guard was != now else { return }
            attributes.append(
                .init(key: key, change: "\(was.map { "'\($0)'" } ?? "none") -> \(now.map { "'\($0)'" } ?? "none")", isPrivileged: false))
        }
        /// What a list gains and loses; a policy gained can grant power.
        func list(_ key: String, _ was: [String], _ now: [String], grants: Bool = true) {
            for item in Set(now).subtracting(was).sorted() { attributes.append(.init(key: key, change: "+ \(item)", isPrivileged: grants)) }
            for item in Set(was).subtracting(now).sorted() { attributes.append(.init(key: key, change: "- \(item)", isPrivileged: false)) }
        }
        for attribute in PermissionSetText.all { text(attribute.key, old?.texts[attribute.key], new?.texts[attribute.key]) }
        let (was, now) = (old ?? PermissionSet(), new ?? PermissionSet())
        var diff: String?
        for part in PermissionSetPart.allCases where !part.same(was, now) {
            switch part {
            case .managedPolicies, .customerManagedPolicies, .tags:
                list(part.key, part.items(was), part.items(now), grants: part.canGrant)
            case .permissionsBoundary:
                let boundary = { (set: PermissionSet) in set.permissionsBoundary?.shown }
                // A boundary only narrows: one removed or replaced can widen what the role allows.
                attributes.append(
                    .init(
                        key: part.key, change: "\(boundary(was) ?? "none") -> \(boundary(now) ?? "none")",
                        isPrivileged: was.permissionsBoundary != nil))
            case .inlinePolicy:
                let policies = (was.inlinePolicy?.normalizedPolicy, now.inlinePolicy?.normalizedPolicy)
                let lines = { (policy: JSONValue?) in Array((policy.map(JSON.encode) ?? "").utf8) }
                diff = UnifiedDiff.diff(old: lines(policies.0), new: lines(policies.1), path: "inline-policy.json")
                let change = policies.0 == nil ? "added" : policies.1 == nil ? "removed" : "changed"
                // Until the policy catalogue can tell a narrowing, any change that leaves a policy counts.
                attributes.append(.init(key: part.key, change: change, isPrivileged: policies.1 != nil))
            }
        }
        return (attributes, diff)
    }
}
