import Support

/// A grant of org.yaml written with a window (`from`, `until`): an assignment of a group or
/// a user, a user's membership in a group, or a user's `super_admin` or `user_management`.
public struct TimeBoundGrant: Sendable {
    /// How the grant is written in the file, which is what removing it takes away.
    public enum Entry: Sendable, Hashable {
        /// An item of a list (`assignments`, a user's `groups`) starting here.
        case item(SourceLocation)
        /// A key of a user's mapping and its value (`super_admin: {until: ...}`); the key is here.
        case pair(key: SourceLocation)
    }

    public var window: AccessWindowSpec
    /// The grant in words: `the membership of user 'bob' in group 'oncall'`.
    public var what: String
    public var entry: Entry
}

extension OrgSpec {
    /// Every grant written with a window, groups' assignments first, then each user's.
    public var timeBoundGrants: [TimeBoundGrant] {
        func assignments(_ assignments: [AssignmentSpec], of owner: String) -> [TimeBoundGrant] {
            assignments.compactMap { assignment in
                assignment.window.map {
                    TimeBoundGrant(
                        window: $0, what: "the assignment of role '\(assignment.role?.value ?? "")' to \(owner)",
                        entry: .item(assignment.location))
                }
            }
        }
        var grants = groups.flatMap { assignments($0.assignments, of: "group '\($0.name.value)'") }
        for user in users {
            let owner = "user '\(user.name.value)'"
            for membership in user.memberships {
                guard let window = membership.window else { continue }
                grants.append(
                    TimeBoundGrant(
                        window: window, what: "the membership of \(owner) in group '\(membership.group.value)'",
                        entry: .item(window.location)))
            }
            grants += assignments(user.assignments, of: owner)
            for (key, flag, window) in [
                ("super_admin", user.superAdmin, user.superAdminWindow),
                ("user_management", user.userManagement, user.userManagementWindow),
            ] {
                guard let flag, let window else { continue }
                grants.append(TimeBoundGrant(window: window, what: "\(key) of \(owner)", entry: .pair(key: flag.location)))
            }
        }
        return grants
    }
}
