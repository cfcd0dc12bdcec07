import OrgYAML
import Support

/// What changes, person by person and team by team, between the access two versions of
/// org.yaml grant: what a reviewer of an org.yaml change must see.
public struct AccessDiff: Equatable, Sendable {
    public enum Change: Equatable, Sendable {
        case added(Profile)
        case removed(Profile)
        /// The same profile name now points at another account, role or region.
        case changed(old: Profile, new: Profile)
        /// The same account and role under a new profile name.
        case renamed(old: Profile, new: Profile)
        /// The same access, ending on another day (`until` moved, added or removed).
        case until(old: Profile, new: Profile)
        case superAdmin(old: Bool, new: Bool)

        /// The profile name a row is sorted and shown by.
        var profileName: String {
            switch self {
            case .added(let facts), .removed(let facts): facts.name
            case .changed(_, let new), .renamed(_, let new), .until(_, let new): new.name
            case .superAdmin: ""
            }
        }
    }

    /// Why a change deserves a reviewer's attention, most powerful first: the order ranks
    /// changes and people. Every reason but the last grants power; the last, a grant that
    /// follows every account, is broad (wide, not necessarily powerful).
    public enum Reason: String, Equatable, Sendable, CaseIterable {
        case superAdmin = "super admin"
        case userManagement = "user management"
        case privilegedRole = "privileged role"
        case commandChanged = "command setting changed"
        case everyAccount = "every account via \"*\""

        /// Whether it grants power (the breadth of `"*"` alone does not).
        public var isPower: Bool { self != .everyAccount }

        /// Its place in `allCases`: lower is more powerful.
        var rank: Int { Self.allCases.firstIndex(of: self)! }

        /// The reason's name in JSON: `super_admin`, `user_management`, ...
        public var key: String {
            switch self {
            case .superAdmin: "super_admin"
            case .userManagement: "user_management"
            case .privilegedRole: "privileged_role"
            case .everyAccount: "every_account"
            case .commandChanged: "command_changed"
            }
        }
    }

    public struct Row: Equatable, Sendable {
        public var change: Change
        /// Why it deserves attention (super admin, user management, a privileged role, a
        /// command setting that is new or changed, a `"*"` assignment that follows every
        /// account), most powerful first; empty for an ordinary change.
        public var reasons: [Reason] = []
        /// Where an added or removed profile comes from (in the version that has it).
        public var sources: [ProfileSource] = []

        /// It grants power.
        public var isPrivileged: Bool { reasons.contains(where: \.isPower) }
        /// It grants no power but follows every account.
        public var isBroad: Bool { !isPrivileged && !reasons.isEmpty }
        /// For a privileged role, the place of the first pattern it matches among
        /// `review.privileged_roles` as written (default: Admin, PowerUser, FullAccess), so an
        /// administrator outranks a power user; nil for any other.
        public var rolePower: Int?

        /// Its most powerful reason's rank; after every reason's when it has none.
        var rank: Int { reasons.map(\.rank).min() ?? Reason.allCases.count }

        /// The key of the account its profile points at (the new one for a change).
        var accountKey: String? {
            switch change {
            case .added(let profile), .removed(let profile), .changed(_, let profile), .renamed(_, let profile), .until(_, let profile):
                profile.account.key
            case .superAdmin: nil
            }
        }

        /// How rows are ranked: by reason, then by the role's power, then by profile name.
        static func precedes(_ lhs: Row, _ rhs: Row) -> Bool {
            (lhs.rank, lhs.rolePower ?? .max, lhs.change.profileName) < (rhs.rank, rhs.rolePower ?? .max, rhs.change.profileName)
        }
    }

    public enum Status: String, Sendable, Codable {
        case added, removed, disabled, enabled
    }

    public struct PrincipalDiff: Equatable, Sendable {
        public var kind: Principal.Kind
        public var name: String
        /// Set when the user or group itself appeared, went, or was disabled or re-enabled.
        public var status: Status?
        public var rows: [Row]
        /// Principals whose rows are equal share one stored array and one number here, so a
        /// change that gives 5,000 people the same 1,000 profiles is held (and shown) once.
        var changeSet = 0

        public var isPrivileged: Bool { rows.contains(where: \.isPrivileged) }
    }

    public struct SessionChange: Equatable, Sendable, Codable {
        public var field: String
        public var old: String
        public var new: String
    }

    public var session: [SessionChange]
    /// Ranked by the most powerful change each gets (`Reason`'s order; a broad change after
    /// every privileged one, ordinary ones last); then users before groups, by name.
    public var principals: [PrincipalDiff]
    /// The role-name patterns that made a change privileged.
    public var privilegedRolePatterns: [String]
    /// Roles whose definition (what their permission set grants) changes, privileged first.
    public var roles: [RoleDefinitionChange]

    public var isEmpty: Bool { session.isEmpty && principals.isEmpty && roles.isEmpty }

    /// Compares two models; a nil `old` means nothing existed before.
    ///
    /// Principal by principal, on both cores: each one's profiles are resolved in both
    /// versions, and only a principal whose profiles are not identical is compared in detail.
    public init(old: AccessModel?, new: AccessModel) {
        // As written (most powerful first), the old version's own after the new's.
        let patterns = new.privilegedRolePatterns + (old?.privilegedRolePatterns ?? []).filter { !new.privilegedRolePatterns.contains($0) }
        privilegedRolePatterns = patterns.sorted()
        session = Self.sessionChanges(old: old?.session, new: new.session)
        roles = RoleDefinitionChange.changes(old: old, new: new)
        let pairs = Self.namesakes(old.map(Self.principals) ?? [], Self.principals(new))
        let unchanged = old.map { UnchangedAccess(old: $0, new: new) }
        let commandsBefore = CommandsBefore(old: old)
        @Sendable func compare(_ pairs: ArraySlice<(was: Listed?, now: Listed?)>) -> [PrincipalDiff] {
            let power = { (role: String) in AccessModel.privilegeRank(of: role, patterns: patterns) }
            var changeSets = ChangeSets()
            return pairs.compactMap { was, now in
                let principal = (now ?? was)!.principal
                if let old, let unchanged, let was, let now, was.enabled, now.enabled, was.principal.superAdmin == now.principal.superAdmin,
                    unchanged.isUnchanged(old: was.principal, new: now.principal)
                        || old.profiles(for: was.principal).profiles == new.profiles(for: now.principal).profiles
                {
                    return nil
                }
                let before = old.flatMap { model in was.map { PrincipalAccess($0, in: model) } }
                let compared = Self.compare(
                    principal, before, now.map { PrincipalAccess($0, in: new) }, power: power, commandsBefore: commandsBefore)
                return compared.map { changeSets.shared($0) }
            }
        }
        var changeSets = ChangeSets()
        self.principals = Parallel.chunks(pairs.count) { _, range in compare(pairs[range]) }.flatMap { $0 }.map { changeSets.shared($0) }
            .sorted { lhs, rhs in
                (lhs.rows.rank, lhs.rows.rolePower, lhs.kind == .user ? 0 : 1, lhs.name) < (
                    rhs.rows.rank, rhs.rows.rolePower, rhs.kind == .user ? 0 : 1, rhs.name
                )
            }
    }

    /// Equal lists of rows stored once: each principal's rows replaced by the first equal
    /// list met, and numbered by it (`PrincipalDiff.changeSet`).
    struct ChangeSets {
        private var known: [Int: [(rows: [Row], number: Int)]] = [:]
        private var count = 0

        mutating func shared(_ principal: PrincipalDiff) -> PrincipalDiff {
            var hasher = Hasher()
            hasher.combine(principal.rows.count)
            for row in principal.rows.prefix(8) {
                hasher.combine(row.change.profileName)
                hasher.combine(row.reasons.count)
            }
            let key = hasher.finalize()
            var shared = principal
            if let found = known[key]?.first(where: { $0.rows == principal.rows }) {
                (shared.rows, shared.changeSet) = (found.rows, found.number)
            } else {
                count += 1
                known[key, default: []].append((principal.rows, count))
                shared.changeSet = count
            }
            return shared
        }
    }

    /// A user or group of one version, and whether it gets output (a disabled user does not).
    typealias Listed = (principal: Principal, enabled: Bool)

    /// Every user and group of a model, enabled or not: groups, then users, each by name.
    private static func principals(_ model: AccessModel) -> [Listed] {
        let users = (model.users.map { ($0, true) } + model.disabledUsers.map { ($0, false) }).sorted { $0.0.name < $1.0.name }
        return model.groups.map { ($0, true) } + users
    }

    /// The principals of two versions side by side, each with its namesake in the other
    /// when it has one: a merge of two lists in the same order.
    private static func namesakes(_ before: [Listed], _ after: [Listed]) -> [(was: Listed?, now: Listed?)] {
        func precedes(_ a: Principal, _ b: Principal) -> Bool {
            a.kind != b.kind ? a.kind == .group : a.name < b.name
        }
        var pairs: [(was: Listed?, now: Listed?)] = []
        pairs.reserveCapacity(max(before.count, after.count))
        var (i, j) = (0, 0)
        while i < before.count || j < after.count {
            if j == after.count || i < before.count && precedes(before[i].principal, after[j].principal) {
                pairs.append((before[i], nil))
                i += 1
            } else if i == before.count || precedes(after[j].principal, before[i].principal) {
                pairs.append((nil, after[j]))
                j += 1
            } else {
                pairs.append((before[i], after[j]))
                (i, j) = (i + 1, j + 1)
            }
        }
        return pairs
    }

    /// One principal's access in one version.
    struct PrincipalAccess {
        var enabled: Bool
        var superAdmin: Bool
        var profiles: [String: Profile]
        var sources: [String: [ProfileSource]]

        /// A disabled user has no profiles.
        init(_ entry: Listed, in model: AccessModel) {
            enabled = entry.enabled
            superAdmin = entry.principal.superAdmin
            let resolved = entry.enabled ? model.profiles(for: entry.principal) : PrincipalProfiles(profiles: [], origins: [])
            profiles = Dictionary(resolved.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            sources = Dictionary(zip(resolved.map(\.name), model.sources(of: resolved)), uniquingKeysWith: { first, _ in first })
        }
    }

    /// The command settings the old version gives each account, to tell a command setting
    /// that is new or changed from one that was already there.
    struct CommandsBefore: Sendable {
        /// By account key.
        var accounts: [String: [String: String]] = [:]
        /// What an account new in this change would have had: the old defaults.
        var defaults: [String: String] = [:]
        /// No old version: every command setting is new.
        var isEmpty = true

        init(old: AccessModel?) {
            guard let old else { return }
            isEmpty = false
            func commands(_ settings: [Setting]) -> [String: String] {
                Dictionary(settings.filter(\.runsCommand).map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
            }
            defaults = commands(old.defaultSettings)
            for account in old.accounts { accounts[account.key] = commands(account.settings) }
        }

        /// Whether a profile's command settings are all ones its account already had.
        func hadAll(_ profile: Profile) -> Bool {
            guard let commands = profile.commands else { return true }
            guard !isEmpty else { return false }
            let before = accounts[profile.account.key] ?? defaults
            return commands.allSatisfy { before[$0.key] == $0.value }
        }
    }

    private static func compare(
        _ principal: Principal, _ old: PrincipalAccess?, _ new: PrincipalAccess?, power: (String) -> Int?,
        commandsBefore: CommandsBefore
    ) -> PrincipalDiff? {
        let status: Status?
        switch (old, new) {
        case (nil, let new?): status = new.enabled ? .added : nil
        case (let old?, nil): status = old.enabled ? .removed : nil
        case (let old?, let new?) where old.enabled != new.enabled: status = new.enabled ? .enabled : .disabled
        default: status = nil
        }
        let before = old?.profiles ?? [:]
        let after = new?.profiles ?? [:]
        var rows: [Row] = []

        /// Why a profile that is new, or lasts longer than it did, deserves attention.
        func grantReasons(_ profile: Profile) -> (reasons: [Reason], rolePower: Int?) {
            var reasons: [Reason] = []
            if profile.userManagement != nil { reasons.append(.userManagement) }
            let rolePower = power(profile.role.name)
            if rolePower != nil { reasons.append(.privilegedRole) }
            if !commandsBefore.hadAll(profile) { reasons.append(.commandChanged) }
            if profile.isWildcard { reasons.append(.everyAccount) }
            return (reasons, rolePower)
        }
        for (name, now) in after {
            guard let was = before[name] else { continue }
            if was.access == now.access {
                guard was.end != now.end else { continue }
                // Access that lasts longer, or no longer ends, is granted again for that while.
                let longer = now.end.map { end in was.end.map { $0 < end } ?? false } ?? true
                let (reasons, rolePower) = longer ? grantReasons(now) : ([], nil)
                rows.append(
                    Row(change: .until(old: was, new: now), reasons: reasons, sources: new?.sources[name] ?? [], rolePower: rolePower))
                continue
            }
            // Pointing at another account or role can grant power; a new region alone cannot.
            let target = was.account.id != now.account.id || was.role.name != now.role.name
            var reasons: [Reason] = []
            if target, was.userManagement != nil || now.userManagement != nil { reasons.append(.userManagement) }
            let rolePower = target ? power(now.role.name) : nil
            if rolePower != nil { reasons.append(.privilegedRole) }
            if was.commands != now.commands { reasons.append(.commandChanged) }
            rows.append(Row(change: .changed(old: was, new: now), reasons: reasons, rolePower: rolePower))
        }
        var removed = before.keys.filter { after[$0] == nil }.sorted()
        var added = after.keys.filter { before[$0] == nil }.sorted()
        // A removed and an added profile with the same access are one rename: each removed
        // one, in name order, takes the first added one (by name) with its access.
        var addedByAccess: [[String?]: [String]] = [:]
        for name in added.reversed() { addedByAccess[after[name]!.access, default: []].append(name) }
        var renamed = Set<String>()
        removed = removed.filter { name in
            guard let match = addedByAccess[before[name]!.access]?.popLast() else { return true }
            rows.append(Row(change: .renamed(old: before[name]!, new: after[match]!)))
            renamed.insert(match)
            return false
        }
        added.removeAll { renamed.contains($0) }
        for name in removed {
            rows.append(Row(change: .removed(before[name]!), sources: old?.sources[name] ?? []))
        }
        for name in added {
            let profile = after[name]!
            let (reasons, rolePower) = grantReasons(profile)
            rows.append(Row(change: .added(profile), reasons: reasons, sources: new?.sources[name] ?? [], rolePower: rolePower))
        }
        if let old, let new, old.superAdmin != new.superAdmin {
            rows.append(Row(change: .superAdmin(old: old.superAdmin, new: new.superAdmin), reasons: [.superAdmin]))
        }
        guard status != nil || !rows.isEmpty else { return nil }
        rows.sort(by: Row.precedes)
        return PrincipalDiff(kind: principal.kind, name: principal.name, status: status, rows: rows)
    }

    private static func sessionChanges(old: Session?, new: Session) -> [SessionChange] {
        guard let old else { return [] }
        let fields: [(String, String, String)] = [
            ("name", old.name, new.name),
            ("start_url", old.startURL, new.startURL),
            ("region", old.region, new.region),
            ("registration_scopes", old.registrationScopes.joined(separator: ","), new.registrationScopes.joined(separator: ",")),
        ]
        return fields.filter { $0.1 != $0.2 }.map { SessionChange(field: $0.0, old: $0.1, new: $0.2) }
    }
}

extension Profile {
    /// The same access, whatever the profile is called.
    var access: [String?] {
        [account.id, role.name, account.region, userManagement?.rawValue]
            + (commands ?? [:]).sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] }
    }
}

/// How much a list of changes (a principal's, or a set of principals' with the same changes)
/// grants, for ranking them.
extension [AccessDiff.Row] {
    /// The rank of its most powerful change; after every reason's when none has one.
    var rank: Int { map(\.rank).min() ?? AccessDiff.Reason.allCases.count }
    /// The power of its most powerful privileged role (`Row.rolePower`); `Int.max` when none.
    var rolePower: Int { compactMap(\.rolePower).min() ?? .max }
}
