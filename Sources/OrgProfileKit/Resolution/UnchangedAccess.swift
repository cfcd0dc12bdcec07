/// Which users and groups certainly hold the same profiles in two versions of org.yaml,
/// decided from what org.yaml declares for them instead of by resolving their profiles:
/// the same grants (account, role, `"*"` or not) in the same order, the same groups (each
/// unchanged itself), the same user-management profile, over accounts and roles declared
/// alike, in a project named alike. `diff` resolves only the principals this cannot vouch for.
struct UnchangedAccess {
    private let old: AccessModel
    private let new: AccessModel
    /// Whether anything every principal depends on (the project, the user-management
    /// profile's name and targets) is the same.
    private let sharedSettingsAlike: Bool
    /// By old account index: the new version declares an account with that key alike.
    private let accountAlike: [Bool]
    /// By old role index: the new version declares a role with that name alike.
    private let roleAlike: [Bool]
    /// By old group index: the group's own access is unchanged.
    private var groupAlike: [Bool] = []

    init(old: AccessModel, new: AccessModel) {
        self.old = old
        self.new = new
        let newAccounts = Dictionary(new.accounts.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        accountAlike = old.accounts.map { newAccounts[$0.key] == $0 }
        let newRoles = Dictionary(new.roles.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        roleAlike = old.roles.map { newRoles[$0.name] == $0 }
        sharedSettingsAlike =
            old.project == new.project
            && [UserManagementKind.delegatedAdmin, .organizationManagement].allSatisfy {
                old.userManagementTarget($0) == new.userManagementTarget($0)
            }
        let newGroups = Dictionary(
            new.groupEntries.indices.map { (new.groupEntries[$0].principal.name, $0) }, uniquingKeysWith: { first, _ in first })
        groupAlike = old.groupEntries.map { entry in
            guard let index = newGroups[entry.principal.name] else { return false }
            return sameOwnAccess(entry, new.groupEntries[index])
        }
    }

    /// Whether the principal certainly holds the same profiles in both versions, given its
    /// namesake `other` in the new one.
    func isUnchanged(old principal: Principal, new other: Principal) -> Bool {
        guard sharedSettingsAlike, principal.kind == other.kind, let was = old.position(of: principal.name, principal.kind),
            let now = new.position(of: other.name, other.kind)
        else { return false }
        // Entries are read in place (borrowed), never copied: this runs for every principal.
        guard principal.kind == .user else { return groupAlike[was] }
        return sameAccess(old.userEntries[was], new.userEntries[now])
    }

    /// The same grants in the same order, the same user-management profile, and the same
    /// groups, each unchanged, each with the same end.
    private func sameAccess(_ was: borrowing AccessModel.Entry, _ now: borrowing AccessModel.Entry) -> Bool {
        guard sameOwnAccess(was, now), was.groups.count == now.groups.count, was.groupEnds == now.groupEnds else { return false }
        for index in was.groups.indices {
            let (oldGroup, newGroup) = (was.groups[index], now.groups[index])
            guard groupAlike[oldGroup], old.groupEntries[oldGroup].principal.name == new.groupEntries[newGroup].principal.name else {
                return false
            }
        }
        return true
    }

    /// The same grants in the same order, and the same user-management profile, each with the
    /// same end.
    private func sameOwnAccess(_ was: borrowing AccessModel.Entry, _ now: borrowing AccessModel.Entry) -> Bool {
        guard was.principal.userManagement == now.principal.userManagement,
            (was.userManagementSource == nil) == (now.userManagementSource == nil), was.userManagementEnd == now.userManagementEnd,
            was.grants.count == now.grants.count
        else { return false }
        for index in was.grants.indices {
            let (a, b) = (was.grants[index], now.grants[index])
            guard a.isWildcard == b.isWildcard, a.end == b.end, accountAlike[a.account], roleAlike[a.role],
                old.accounts[a.account].key == new.accounts[b.account].key,
                old.roles[a.role].name == new.roles[b.role].name
            else { return false }
        }
        return true
    }
}
