import Foundation
import OrgYAML
import Support

/// The meaning of an org.yaml: accounts, roles and who is granted what, indexed so that any
/// one person's or team's profiles can be computed on demand. Nothing here grows with the
/// output: profiles are computed one principal at a time and dropped after rendering.
public struct AccessModel: Sendable {
    /// An account as profiles show it; one object per account, which every profile on it
    /// shares. Two accounts are equal when everything a profile shows of them is.
    public final class Account: Sendable, Hashable {
        public let key: String
        public let id: String
        public let displayName: String?
        public let region: String
        /// defaults.settings merged with the account's own, sorted by key.
        public let settings: [Setting]
        /// A user-management profile points at it.
        public let isUserManagementTarget: Bool
        /// Where org.yaml declares it (its key).
        public let location: SourceLocation
        /// Where its `id` is written, when it is.
        public let idLocation: SourceLocation?
        /// Where org.yaml places it (`ou`) and how it is tagged: what selectors read. Not part
        /// of equality: profiles do not show them.
        public let ou: Located<String>?
        public let tags: [String: String]

        init(
            key: String, id: String, displayName: String?, region: String, settings: [Setting], isUserManagementTarget: Bool,
            location: SourceLocation, idLocation: SourceLocation?, ou: Located<String>?, tags: [String: String]
        ) {
            (self.key, self.id, self.displayName, self.region, self.settings) = (key, id, displayName, region, settings)
            (self.isUserManagementTarget, self.location, self.idLocation) = (isUserManagementTarget, location, idLocation)
            (self.ou, self.tags) = (ou, tags)
        }

        /// The display name, or the key when there is none.
        public var name: String { displayName ?? key }

        public static func == (lhs: Account, rhs: Account) -> Bool {
            lhs === rhs
                || (lhs.key, lhs.id, lhs.displayName, lhs.region) == (rhs.key, rhs.id, rhs.displayName, rhs.region)
                    && lhs.settings == rhs.settings
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(key)
            hasher.combine(id)
        }
    }

    /// A permission set, with what ranks the profiles it gives (`LeastPrivilegedProfile`).
    public final class Role: Sendable, Hashable {
        public let name: String
        public let profileSuffix: String?
        public let location: SourceLocation
        /// Its name matches one of the model's privileged patterns.
        public let isPrivileged: Bool
        /// Its name says read-only or view-only.
        public let isReadOnly: Bool
        /// What its permission set grants, when org.yaml defines it.
        public let definition: PermissionSet?
        /// Its definition says what it is for or how long a sign-in lasts: the pages explain it.
        let isExplained: Bool

        init(name: String, profileSuffix: String?, definition: PermissionSet?, location: SourceLocation, privilegedPatterns: [String]) {
            (self.name, self.profileSuffix, self.definition, self.location) = (name, profileSuffix, definition, location)
            isExplained = definition?.description != nil || definition?.sessionDuration != nil
            (isPrivileged, isReadOnly) = LeastPrivilegedProfile.traits(of: name, privilegedPatterns: privilegedPatterns)
        }

        public static func == (lhs: Role, rhs: Role) -> Bool {
            lhs === rhs || (lhs.name, lhs.profileSuffix) == (rhs.name, rhs.profileSuffix)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(name)
        }
    }

    /// A role on an account, and the place in org.yaml that grants it.
    struct Grant: Sendable {
        var account: Int
        var role: Int
        var location: SourceLocation
        /// Why its account is in it: an index into the model's `selectionReasons`
        /// (`Grant.named`, `Grant.every`, or a selector's).
        var via = Grant.named
        /// When it ends (`until`); nil when it lasts.
        var end: Date?
        /// The number of the profile name it produces in `profileNames`.
        var name = 0
        /// Its profile's target in `targets`.
        var target = 0

        /// The first two of `selectionReasons`.
        static let named = 0
        static let every = 1

        /// Granted by `accounts: "*"`.
        var isWildcard: Bool { via == Grant.every }
    }

    struct Entry: Sendable {
        var principal: Principal
        var grants: [Grant]
        /// For users: their groups, by index.
        var groups: [Int]
        /// For users: when each membership of `groups` ends; nil when it lasts.
        var groupEnds: [Date?] = []
        /// When the user-management grant ends; nil when it lasts.
        var userManagementEnd: Date?
        /// What gives the principal its user-management profile.
        var userManagementSource: SourceLocation?
        var disabled: Bool
        /// Where the user or group is declared.
        var location: SourceLocation
        /// For users: where each of `groups` is named.
        var groupLocations: [SourceLocation] = []
        /// The name in IAM Identity Center: `identity_center_name`, else the key.
        var identityCenterName: String
    }

    /// org.yaml's name as the user gave it; the model's locations name no file (see
    /// `SourceLocation`), so what reports them names it with this.
    public let file: String
    public let project: String
    public let session: Session
    public let accounts: [Account]
    /// `defaults.settings`, sorted by key: what an account without settings of its own gets.
    public let defaultSettings: [Setting]
    public let roles: [Role]
    /// Why an account is in a grant (`Grant.via`): named, `"*"`, then each selector some
    /// assignment uses, once.
    let selectionReasons: [AccountSelection.Reason]

    /// An assignment that chooses accounts by OU or tags, as written: what `drift` asks
    /// again of an account that Organizations places otherwise.
    public struct SelectorAssignment: Sendable {
        public let principalKind: Principal.Kind
        public let principal: String
        public let role: String
        public let accounts: AssignmentSpec.Accounts?
        public let except: [Located<String>]
    }

    /// Every enabled principal's assignment that uses a selector.
    public let selectorAssignments: [SelectorAssignment]
    /// Substrings that make a role privileged in access reviews (`review.privileged_roles`).
    public let privilegedRolePatterns: [String]
    /// `<project>-<user_management.profile>`, when user_management is declared.
    public let userManagementProfileName: String?
    /// `get_orgprofile`: how members get orgprofile, for the onboarding pages.
    public let getOrgProfile: String?
    let groupEntries: [Entry]
    let userEntries: [Entry]
    /// The moment the model is read as of: it holds the grants in force then. nil for a model
    /// of every grant, or of those that have lapsed.
    public let moment: Date?
    /// Some grant of org.yaml has a window (`from`, `until`), whether in force or not.
    public let hasAccessWindows: Bool

    /// Positions in `groupEntries` and `userEntries`, by name: principals are looked up by name.
    private let groupPositions: [String: Int]
    private let userPositions: [String: Int]
    let profileNames: ProfileNameTable
    /// Every profile target: one per (account, role) pair some grant names and one per
    /// user-management kind (`userManagementTargetIndex`), sorted (`Profile.Target.number`).
    let targets: [Profile.Target]
    let userManagementTargetIndex: [UserManagementKind: Int]

    /// The user-management profile's target for that kind, when user_management declares it.
    func userManagementTarget(_ kind: UserManagementKind) -> Profile.Target? {
        userManagementTargetIndex[kind].map { targets[$0] }
    }

    /// Builds the model from a spec, as of `asOf`: a grant whose window (`from`, `until`) is
    /// not in force then is left out, as if org.yaml did not write it; with no moment, every
    /// grant is in, whatever its window. Unknown references are skipped (the Validator
    /// reports them), so the model can be built, and checked for collisions, even from a spec
    /// with errors.
    public init(spec: OrgSpec, asOf: Date? = UTCTime.today) {
        self.init(spec: spec, holding: asOf.map { .inForce($0) } ?? .every)
    }

    /// Which grants a model holds, by their window (`from`, `until`).
    public enum GrantSelection: Sendable {
        /// Those in force at that moment: what every output shows.
        case inForce(Date)
        /// Every grant, whatever its window: profile names are checked on it.
        case every
        /// Only those whose `until` had passed by that moment: what `drift` finds still live
        /// (`Compiler.analyze(..., lapsed: true)`).
        case lapsed(Date)

        /// Whether a grant with this window (nil: it has none) is held. A malformed window is an
        /// error the Validator reports, and the model is not used.
        func holds(_ window: AccessWindowSpec?) -> Bool {
            switch self {
            case .every: return true
            case .inForce(let moment): return window?.window?.isInForce(at: moment) ?? true
            case .lapsed(let moment): return window?.window?.end.map { $0 <= moment } ?? false
            }
        }
    }

    /// The model of the grants `selection` holds; the rest of org.yaml (accounts, roles,
    /// groups and users themselves) is the same whatever it holds.
    public init(spec: OrgSpec, holding selection: GrantSelection) {
        let holds = selection.holds
        if case .inForce(let moment) = selection { self.moment = moment } else { moment = nil }
        hasAccessWindows = spec.hasAccessWindows
        let project = spec.project?.value ?? ""
        file = spec.file
        self.project = project
        session = Session(spec: spec.session, project: project)
        let defaultRegion = spec.defaults.region?.value ?? session.region
        var defaults: [String: String] = [:]
        for setting in spec.defaults.settings { defaults[setting.key.value] = setting.value.value }
        defaultSettings = defaults.keys.sorted().map { Setting(key: $0, value: defaults[$0]!) }
        let targetKeys = Set(
            [spec.userManagement?.delegatedAdmin, spec.userManagement?.organizationManagement].compactMap { $0??.account?.value })
        accounts = spec.accounts.map { account in
            var merged: [String: String] = [:]
            for setting in spec.defaults.settings + account.settings { merged[setting.key.value] = setting.value.value }
            return Account(
                key: account.key.value, id: account.id?.value ?? "", displayName: account.displayName?.value,
                region: account.region?.value ?? defaultRegion,
                settings: merged.keys.sorted().map { Setting(key: $0, value: merged[$0]!) },
                isUserManagementTarget: targetKeys.contains(account.key.value), location: account.key.location,
                idLocation: account.id?.location, ou: account.ou,
                tags: Dictionary(account.tags.map { ($0.key.value, $0.value.value) }, uniquingKeysWith: { first, _ in first }))
        }
        let privilegedRolePatterns = spec.privilegedRoles?.map(\.value) ?? Self.defaultPrivilegedRolePatterns
        self.privilegedRolePatterns = privilegedRolePatterns
        getOrgProfile = spec.getOrgProfile?.value
        roles = spec.roles.map {
            Role(
                name: $0.name.value, profileSuffix: $0.profileSuffix?.value, definition: $0.definition.map(PermissionSet.init),
                location: $0.name.location, privilegedPatterns: privilegedRolePatterns)
        }

        let accountIndex = Dictionary(accounts.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        let roleIndex = Dictionary(roles.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let selection = AccountSelection(spec.accounts)
        var reasons: [AccountSelection.Reason] = [.named, .every]
        var reasonIndex: [AccountSelection.Reason: Int] = [:]
        func grants(_ assignments: [AssignmentSpec]) -> [Grant] {
            assignments.flatMap { assignment -> [Grant] in
                guard let roleName = assignment.role, let role = roleIndex[roleName.value], holds(assignment.window) else { return [] }
                // Once per assignment, not per account it selects.
                let end = assignment.window?.window?.end
                return selection.select(assignment.accounts, except: assignment.except).map { selected in
                    let via: Int
                    switch selected.reason {
                    case .named: via = Grant.named
                    case .every: via = Grant.every
                    case .ou, .tags:
                        if let known = reasonIndex[selected.reason] {
                            via = known
                        } else {
                            via = reasons.count
                            reasonIndex[selected.reason] = via
                            reasons.append(selected.reason)
                        }
                    }
                    return Grant(
                        account: selected.account, role: role, location: selected.location, via: via, end: end)
                }
            }
        }

        var userManagementPairs: [UserManagementKind: (account: Int, role: Int)] = [:]
        if let userManagement = spec.userManagement {
            userManagementProfileName = "\(project)-\(userManagement.profile?.value ?? "user-management")"
            let declared: [(UserManagementKind, UserManagementTargetSpec?)] = [
                (.delegatedAdmin, userManagement.delegatedAdmin), (.organizationManagement, userManagement.organizationManagement),
            ]
            for (kind, target) in declared {
                if let target, let account = target.account.flatMap({ accountIndex[$0.value] }),
                    let role = target.role.flatMap({ roleIndex[$0.value] })
                {
                    userManagementPairs[kind] = (account, role)
                }
            }
        } else {
            userManagementProfileName = nil
        }
        var groupEntries = spec.groups.map { group in
            let flag = group.userManagement?.value == true ? group.userManagement?.location : nil
            let principal = Principal(
                kind: .group, name: group.name.value, description: group.description?.value,
                superAdmin: false, userManagement: flag == nil ? nil : .delegatedAdmin)
            return Entry(
                principal: principal, grants: grants(group.assignments), groups: [], userManagementSource: flag, disabled: false,
                location: group.name.location, identityCenterName: group.identityCenterName?.value ?? group.name.value)
        }
        let groupIndex = Dictionary(spec.groups.enumerated().map { ($1.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        var userEntries = spec.users.map { user in
            let named = user.memberships.filter { holds($0.window) }.compactMap { membership in
                groupIndex[membership.group.value].map { ($0, membership.group.location, membership.window?.window?.end) }
            }
            let superAdmin = user.superAdmin?.value == true && holds(user.superAdminWindow)
            let userManagement = user.userManagement?.value == true && holds(user.userManagementWindow)
            let groups = named.map(\.0)
            var kind: UserManagementKind?
            var source: SourceLocation?
            var end: Date?
            if superAdmin, let flag = user.superAdmin {
                (kind, source, end) = (.organizationManagement, flag.location, user.superAdminWindow?.window?.end)
            } else if userManagement, let flag = user.userManagement {
                (kind, source, end) = (.delegatedAdmin, flag.location, user.userManagementWindow?.window?.end)
            } else if let group = groups.first(where: { groupEntries[$0].userManagementSource != nil }) {
                let ends = named.filter { groupEntries[$0.0].userManagementSource != nil }.map(\.2)
                (kind, source, end) = (.delegatedAdmin, groupEntries[group].userManagementSource, AccessWindow.latest(ends))
            }
            let principal = Principal(
                kind: .user, name: user.name.value, displayName: user.displayName?.value, email: user.email?.value,
                superAdmin: superAdmin, userManagement: kind)
            return Entry(
                principal: principal, grants: grants(user.assignments), groups: groups, groupEnds: named.map(\.2),
                userManagementEnd: end, userManagementSource: source, disabled: user.isDisabled,
                location: user.name.location, groupLocations: named.map(\.1),
                identityCenterName: user.identityCenterName?.value ?? user.name.value)
        }

        // Number every profile name a grant can produce, in name order.
        let (accounts, roles) = (self.accounts, self.roles)
        let key = { (grant: Grant) in Self.pairKey(grant.account, grant.role, roles: roles.count) }
        var pairs: [Int: String] = [:]
        for entries in [groupEntries, userEntries] {
            for entry in entries {
                for grant in entry.grants where pairs[key(grant)] == nil {
                    pairs[key(grant)] = Self.profileName(
                        project: project, account: accounts[grant.account].key, suffix: roles[grant.role].profileSuffix)
                }
            }
        }
        let names = ProfileNameTable(pairs: pairs, userManagementName: userManagementProfileName)
        // Every target, numbered in an order that does not depend on how org.yaml is laid out
        // (name, account key, role, user-management kind): the access page's table of them is
        // the same for the same access. (`pairKey` read back: a pair exists only when there
        // are roles.)
        var unnumbered = pairs.keys.map { pair in
            (
                pair: pair, kind: UserManagementKind?.none, name: names.names[names.number(ofPair: pair)],
                account: pair / roles.count, role: pair % roles.count
            )
        }
        for kind in [UserManagementKind.delegatedAdmin, .organizationManagement] {
            guard let target = userManagementPairs[kind], let name = userManagementProfileName else { continue }
            unnumbered.append((pair: -1, kind: kind, name: name, account: target.account, role: target.role))
        }
        unnumbered.sort {
            ($0.name, accounts[$0.account].key, roles[$0.role].name, $0.kind?.rawValue ?? "")
                < ($1.name, accounts[$1.account].key, roles[$1.role].name, $1.kind?.rawValue ?? "")
        }
        var profileTargets: [Profile.Target] = []
        var targetOfPair: [Int: Int] = [:]
        var userManagementTargetIndex: [UserManagementKind: Int] = [:]
        for (number, target) in unnumbered.enumerated() {
            profileTargets.append(
                Profile.Target(
                    number: number, name: target.name, account: accounts[target.account], role: roles[target.role],
                    userManagement: target.kind))
            if let kind = target.kind { userManagementTargetIndex[kind] = number } else { targetOfPair[target.pair] = number }
        }
        /// In place: only the grants change.
        func number(_ entries: inout [Entry]) {
            for entry in entries.indices {
                for index in entries[entry].grants.indices {
                    let pair = key(entries[entry].grants[index])
                    entries[entry].grants[index].name = names.number(ofPair: pair)
                    entries[entry].grants[index].target = targetOfPair[pair]!
                }
            }
        }
        number(&groupEntries)
        number(&userEntries)
        self.targets = profileTargets
        self.userManagementTargetIndex = userManagementTargetIndex
        self.groupEntries = groupEntries
        self.userEntries = userEntries
        selectionReasons = reasons
        // By index, and only into the principals that have assignments: most users have none,
        // and copying each one out would retain every string it holds.
        var selectorAssignments: [SelectorAssignment] = []
        func collect(_ kind: Principal.Kind, _ name: Located<String>, _ assignments: [AssignmentSpec]) {
            for assignment in assignments where assignment.usesSelectors && holds(assignment.window) {
                selectorAssignments.append(
                    SelectorAssignment(
                        principalKind: kind, principal: name.value, role: assignment.role?.value ?? "", accounts: assignment.accounts,
                        except: assignment.except))
            }
        }
        for index in spec.groups.indices where !spec.groups[index].assignments.isEmpty {
            collect(.group, spec.groups[index].name, spec.groups[index].assignments)
        }
        for index in spec.users.indices where !spec.users[index].assignments.isEmpty && !spec.users[index].isDisabled {
            collect(.user, spec.users[index].name, spec.users[index].assignments)
        }
        self.selectorAssignments = selectorAssignments
        groupPositions = Dictionary(
            groupEntries.indices.map { (groupEntries[$0].principal.name, $0) }, uniquingKeysWith: { first, _ in first })
        userPositions = Dictionary(
            userEntries.indices.map { (userEntries[$0].principal.name, $0) }, uniquingKeysWith: { first, _ in first })
        profileNames = names
    }

    public static let defaultPrivilegedRolePatterns = ["Admin", "PowerUser", "FullAccess"]

    /// The one rule of what makes a role privileged: its name contains one of `patterns`
    /// (`review.privileged_roles`, most powerful first). The place of the first pattern it
    /// contains ranks it (an administrator before a power user); nil when it contains none.
    public static func privilegeRank(of role: String, patterns: [String]) -> Int? {
        patterns.firstIndex { role.contains($0) }
    }

    /// Whether a role of this name is privileged under this org's patterns.
    public func isPrivileged(role: String) -> Bool {
        Self.privilegeRank(of: role, patterns: privilegedRolePatterns) != nil
    }

    /// Enabled users, sorted by name: the people who get a config.
    public var users: [Principal] {
        userEntries.filter { !$0.disabled }.map(\.principal).sorted { $0.name < $1.name }
    }

    /// Groups, sorted by name: the teams that get a config.
    public var groups: [Principal] {
        groupEntries.map(\.principal).sorted { $0.name < $1.name }
    }

    /// Every principal that gets output: groups, then users, each sorted by name.
    public var principals: [Principal] { groups + users }

    /// The user or group with this name, enabled or not.
    public func principal(named name: String, kind: Principal.Kind) -> Principal? {
        position(of: name, kind).map { entries(kind)[$0].principal }
    }

    /// Whether a user is disabled (a group never is).
    public func isDisabled(_ principal: Principal) -> Bool {
        principal.kind == .user && (userPositions[principal.name].map { userEntries[$0].disabled } ?? false)
    }

    /// Where this model keeps the principal of that name.
    func position(of name: String, _ kind: Principal.Kind) -> Int? {
        kind == .user ? userPositions[name] : groupPositions[name]
    }

    /// The entry of a principal of this model (looked up by name); nil for one it does not have.
    func entry(of principal: Principal) -> Entry? {
        position(of: principal.name, principal.kind).map { entries(principal.kind)[$0] }
    }

    /// Disabled users: kept in org.yaml, given no output.
    public var disabledUsers: [Principal] {
        userEntries.filter(\.disabled).map(\.principal).sorted { $0.name < $1.name }
    }

    func entries(_ kind: Principal.Kind) -> [Entry] {
        kind == .user ? userEntries : groupEntries
    }
}
