import Foundation
import OrgYAML

/// What org.yaml declares, as Identity Center would hold it: who exists, who is in which
/// group, and which (principal, permission set, account) assignments it takes. What `drift`
/// compares with the live state, and what the assignments compiler (issue 12) turns into
/// resources.
extension AccessModel {
    /// A user or group as Identity Center knows it.
    public struct DeclaredPrincipal: Sendable {
        /// Its key, display name, e-mail and description in org.yaml.
        public var principal: Principal
        /// The user name or group display name in Identity Center.
        public var identityCenterName: String
        public var disabled: Bool
        public var location: SourceLocation

        public var kind: Principal.Kind { principal.kind }
        /// The key in org.yaml.
        public var name: String { principal.name }
    }

    /// One assignment org.yaml takes: a principal holds a permission set on an account.
    public struct DeclaredAssignment: Sendable, Hashable {
        public var principalKind: Principal.Kind
        /// The principal's key in org.yaml.
        public var principal: String
        /// The account's key and ID.
        public var account: String
        public var accountID: String
        public var role: String
        /// Where org.yaml grants it (for user management, the flag that gives it).
        public var location: SourceLocation
        /// Which user-management target it is, if it is one.
        public var userManagement: UserManagementKind?
        /// When org.yaml's grant ends (`until`); nil when it lasts.
        public var end: Date?
    }

    /// A user's membership of a group, where org.yaml states it.
    public struct DeclaredMembership: Sendable {
        public var user: String
        public var group: String
        public var location: SourceLocation
        /// When the membership ends (`until`); nil when it lasts.
        public var end: Date?
    }

    /// Every group, then every user (disabled ones too), in org.yaml order.
    public var declaredPrincipals: [DeclaredPrincipal] {
        (groupEntries + userEntries).map { entry in
            DeclaredPrincipal(
                principal: entry.principal, identityCenterName: entry.identityCenterName, disabled: entry.disabled,
                location: entry.location)
        }
    }

    /// The assignments org.yaml takes, each once: every group's assignments to the group,
    /// every enabled user's own assignments to the user, and the user-management grants to
    /// whom carries the flag (a group with `user_management: true`, a user with
    /// `user_management: true`, a super admin's Organization Management grant to the user).
    /// A disabled user takes none.
    public var declaredAssignments: [DeclaredAssignment] {
        var result: [DeclaredAssignment] = []
        var seen = Set<[String]>()
        for entry in groupEntries + userEntries where !entry.disabled {
            func add(account: Account, role: Role, location: SourceLocation, userManagement: UserManagementKind?, end: Date?) {
                let key = [entry.principal.kind.rawValue, entry.principal.name, account.key, role.name]
                guard seen.insert(key).inserted else { return }
                result.append(
                    DeclaredAssignment(
                        principalKind: entry.principal.kind, principal: entry.principal.name, account: account.key,
                        accountID: account.id, role: role.name, location: location, userManagement: userManagement, end: end))
            }
            for grant in entry.grants {
                add(
                    account: accounts[grant.account], role: roles[grant.role], location: grant.location, userManagement: nil, end: grant.end
                )
            }
            // The user-management grant belongs to whoever carries the flag itself, not to
            // the members of a group that does.
            if let source = entry.userManagementSource, let kind = entry.principal.userManagement, let target = userManagementTarget(kind),
                !entry.groups.contains(where: { groupEntries[$0].userManagementSource == source })
            {
                add(account: target.account, role: target.role, location: source, userManagement: kind, end: entry.userManagementEnd)
            }
        }
        return result
    }

    /// Every membership an enabled or disabled user declares, in org.yaml order.
    public var declaredMemberships: [DeclaredMembership] {
        userEntries.flatMap { entry in
            entry.groups.indices.map { index in
                DeclaredMembership(
                    user: entry.principal.name, group: groupEntries[entry.groups[index]].principal.name,
                    location: entry.groupLocations[index],
                    end: entry.groupEnds[index])
            }
        }
    }
}
