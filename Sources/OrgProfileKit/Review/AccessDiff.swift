/// What changes, person by person and team by team, between the access two versions of
/// org.yaml grant: what a reviewer of an org.yaml change must see.
public struct AccessDiff: Equatable, Sendable {
    public typealias ProfileFacts = ProfileSummary

    public enum Change: Equatable, Sendable {
        case added(ProfileFacts)
        case removed(ProfileFacts)
        /// The same profile name now points at another account, role or region.
        case changed(old: ProfileFacts, new: ProfileFacts)
        /// The same account and role under a new profile name.
        case renamed(old: ProfileFacts, new: ProfileFacts)
        case superAdmin(old: Bool, new: Bool)

        /// The profile name a row is sorted and shown by.
        var profileName: String {
            switch self {
            case .added(let facts), .removed(let facts): facts.name
            case .changed(_, let new), .renamed(_, let new): new.name
            case .superAdmin: ""
            }
        }
    }

    public struct Row: Equatable, Sendable {
        public var change: Change
        /// Grants new power: a privileged role, user management, super admin, or a `"*"`
        /// assignment that now covers more accounts.
        public var isPrivileged: Bool
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

        public var isPrivileged: Bool { rows.contains(where: \.isPrivileged) }
    }

    public struct SessionChange: Equatable, Sendable, Codable {
        public var field: String
        public var old: String
        public var new: String
    }

    public var session: [SessionChange]
    /// Principals with a privileged change first; then users before groups, by name.
    public var principals: [PrincipalDiff]
    /// The role-name patterns that made a change privileged.
    public var privilegedRolePatterns: [String]

    public var isEmpty: Bool { session.isEmpty && principals.isEmpty }

    /// Compares two models; a nil `old` means nothing existed before.
    ///
    /// Principal by principal, on both cores: each one's profiles are resolved in both
    /// versions, and only a principal whose profiles are not identical is compared in detail.
    public init(old: AccessModel?, new: AccessModel) {
        let patterns = Array(Set(new.privilegedRolePatterns + (old?.privilegedRolePatterns ?? []))).sorted()
        privilegedRolePatterns = patterns
        session = Self.sessionChanges(old: old?.session, new: new.session)
        let pairs = Self.namesakes(old.map(Self.principals) ?? [], Self.principals(new))
        // Not optional, so that using it copies nothing; without an old model every pair
        // lacks an old side and it is never used.
        let oldModel = old ?? new
        let unchanged = UnchangedAccess(old: oldModel, new: new)
        @Sendable func compare(_ pairs: ArraySlice<(was: Listed?, now: Listed?)>) -> [PrincipalDiff] {
            let isPrivileged = { (role: String) in patterns.contains { role.contains($0) } }
            return pairs.compactMap { was, now in
                let principal = (now ?? was)!.principal
                let key = Snapshot.Key(kind: principal.kind, name: principal.name)
                if let was, let now, was.enabled, now.enabled, was.principal.superAdmin == now.principal.superAdmin {
                    if unchanged.isUnchanged(old: was.principal, new: now.principal)
                        || oldModel.hasSameProfiles(was.principal, as: now.principal, in: new) { return nil }
                }
                return Self.compare(key, was.map { Snapshot($0, in: oldModel) }, now.map { Snapshot($0, in: new) }, isPrivileged: isPrivileged)
            }
        }
        let middle = pairs.count / 2
        let (first, second) = (pairs[..<middle], pairs[middle...])
        let halves = Parallel.both({ compare(first) }, { compare(second) })
        self.principals = (halves.0 + halves.1).sorted { lhs, rhs in
            (lhs.isPrivileged ? 0 : 1, lhs.kind == .user ? 0 : 1, lhs.name) < (rhs.isPrivileged ? 0 : 1, rhs.kind == .user ? 0 : 1, rhs.name)
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
    struct Snapshot {
        struct Key: Hashable, Sendable {
            var kind: Principal.Kind
            var name: String
        }

        var enabled: Bool
        var superAdmin: Bool
        var profiles: [String: (facts: ProfileFacts, isWildcard: Bool)]

        /// A disabled user has no profiles.
        init(_ entry: Listed, in model: AccessModel) {
            enabled = entry.enabled
            superAdmin = entry.principal.superAdmin
            let profiles = entry.enabled ? model.profiles(for: entry.principal) : []
            self.profiles = Dictionary(profiles.map { ($0.name, (ProfileSummary($0), $0.isWildcard)) }, uniquingKeysWith: { first, _ in first })
        }
    }

    private static func compare(_ key: Snapshot.Key, _ old: Snapshot?, _ new: Snapshot?, isPrivileged: (String) -> Bool) -> PrincipalDiff? {
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

        for (name, now) in after {
            guard let was = before[name], was.facts.access != now.facts.access else { continue }
            // Pointing at another account or role can grant power; a new region alone cannot.
            let target = was.facts.accountID != now.facts.accountID || was.facts.role != now.facts.role
            let privileged = target && (isPrivileged(now.facts.role) || now.facts.userManagement != nil || was.facts.userManagement != nil)
                || was.facts.commands != now.facts.commands
            rows.append(Row(change: .changed(old: was.facts, new: now.facts), isPrivileged: privileged))
        }
        var removed = before.keys.filter { after[$0] == nil }.sorted()
        var added = after.keys.filter { before[$0] == nil }.sorted()
        // A removed and an added profile with the same access are one rename.
        for name in removed {
            guard let match = added.firstIndex(where: { after[$0]!.facts.access == before[name]!.facts.access }) else { continue }
            rows.append(Row(change: .renamed(old: before[name]!.facts, new: after[added[match]]!.facts), isPrivileged: false))
            added.remove(at: match)
            removed.removeAll { $0 == name }
        }
        for name in removed {
            rows.append(Row(change: .removed(before[name]!.facts), isPrivileged: false))
        }
        for name in added {
            let profile = after[name]!
            let privileged = isPrivileged(profile.facts.role) || profile.facts.userManagement != nil || profile.isWildcard
                || profile.facts.commands != nil
            rows.append(Row(change: .added(profile.facts), isPrivileged: privileged))
        }
        if let old, let new, old.superAdmin != new.superAdmin {
            rows.append(Row(change: .superAdmin(old: old.superAdmin, new: new.superAdmin), isPrivileged: true))
        }
        guard status != nil || !rows.isEmpty else { return nil }
        rows.sort { ($0.isPrivileged ? 0 : 1, $0.change.profileName) < ($1.isPrivileged ? 0 : 1, $1.change.profileName) }
        return PrincipalDiff(kind: key.kind, name: key.name, status: status, rows: rows)
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

extension ProfileSummary {
    /// The same access, whatever the profile is called.
    var access: [String?] { [accountID, role, region, userManagement] + (commands ?? [:]).sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] } }
}
