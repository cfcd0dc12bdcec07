import IdentityCenterSnapshot
import OrgProfileKit
import OrgYAML

/// Writes an org.yaml from a snapshot: the starting point for an organisation that already
/// has its access in IAM Identity Center. The same snapshot always gives the same bytes, and
/// the file always validates: each user's compiled profiles are exactly their live access.
public struct OrgImport {
    public var snapshot: Snapshot
    public var project: String
    public var startURL: String
    public var region: String
    /// A group's grant that covers exactly the accounts at or below one OU (two or more) is
    /// written as `{ou: PATH}` (the deepest such OU), so accounts that join it later follow.
    public var selectors = false

    /// Assignments whose principal the snapshot does not have (deleted meanwhile): left out.
    public private(set) var skipped: [Snapshot.Assignment] = []
    /// With `selectors`: how many group grants were written as `{ou: PATH}`.
    public private(set) var selectorGrants = 0

    public init(snapshot: Snapshot, project: String, startURL: String? = nil, region: String) {
        self.snapshot = snapshot
        self.project = project
        self.startURL = startURL ?? "https://\(snapshot.instance.identityStoreID).awsapps.com/start"
        self.region = region
    }

    /// Keys for names: slugs made unique by `-2`, `-3` ... in the order given.
    static func uniqueKeys(_ names: [String], fallback: String, keep: (String) -> Bool = { _ in false }) -> [String] {
        var used = Set<String>()
        return names.map { name in
            let base = keep(name) ? name : OrgProfile.slug(name, fallback: fallback)
            var key = base
            var counter = 2
            while !used.insert(key).inserted {
                let suffix = "-\(counter)"
                key = String(base.prefix(32 - suffix.count)).trimmingTrailing("-") + suffix
                counter += 1
            }
            return key
        }
    }

    /// `ReadOnlyAccess` -> `readonly`, `AdministratorAccess` -> `administrator`: the role's
    /// name without a trailing `Access`, as a slug.
    static func suffix(forRole name: String) -> String {
        let trimmed = name.hasSuffix("Access") && name.count > 6 ? String(name.dropLast(6)) : name
        return OrgProfile.slug(trimmed.replacingOccurrences(of: "-", with: ""), fallback: "role")
    }

    public mutating func render() -> String {
        let accounts = snapshot.accounts.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        let accountKeys = Self.uniqueKeys(accounts.map(\.name), fallback: "account")
        let accountKey = Dictionary(uniqueKeysWithValues: zip(accounts.map(\.id), accountKeys))
        let groupKeys = Self.uniqueKeys(snapshot.groups.map(\.displayName), fallback: "group")
        let groupKey = Dictionary(uniqueKeysWithValues: zip(snapshot.groups.map(\.id), groupKeys))
        let userKeys = Self.uniqueKeys(snapshot.users.map(\.userName), fallback: "user", keep: NameRules.isUserName)
        let userKey = Dictionary(uniqueKeysWithValues: zip(snapshot.users.map(\.id), userKeys))
        let roleName = Snapshot.Index(snapshot).permissionSetNames

        // Who holds which role on which account, directly.
        var held: [Principal: [String: Set<String>]] = [:]  // principal -> role -> account keys
        var kept: [Snapshot.Assignment] = []
        for assignment in snapshot.assignments {
            let principal: Principal? =
                switch assignment.principalType {
                case .group: groupKey[assignment.principalID].map { Principal(kind: .group, key: $0) }
                case .user: userKey[assignment.principalID].map { Principal(kind: .user, key: $0) }
                }
            guard let principal, let role = roleName[assignment.permissionSetARN], let account = accountKey[assignment.accountID] else {
                skipped.append(assignment)
                continue
            }
            held[principal, default: [:]][role, default: []].insert(account)
            kept.append(assignment)
        }
        let suffixes = Self.profileSuffixes(held: held)

        var yaml = "# Imported by orgprofile import from IAM Identity Center \(snapshot.instance.arn)\n"
        yaml += "# (identity store \(snapshot.instance.identityStoreID)). Review it, then commit it: from now on this file is\n"
        yaml += "# the source of truth, and `orgprofile drift` reports where Identity Center differs from it.\n"
        yaml += "version: 1\nproject: \(project)\n\n"
        yaml += "sso_session:\n  name: \(project)\n  start_url: \(YAMLText.scalar(startURL))\n  region: \(region)\n\n"

        yaml += "accounts:\n"
        for (account, key) in zip(accounts, accountKeys).sorted(by: { $0.1 < $1.1 }) {
            yaml += "  \(key):\n    id: \"\(account.id)\"\n    name: \(YAMLText.scalar(account.name))\n"
            if let ou = account.ou { yaml += "    ou: \(YAMLText.scalar(ou))\n" }
            if let tags = account.tags, !tags.isEmpty {
                yaml += "    tags:\n" + tags.keys.sorted().map { "      \(YAMLText.scalar($0)): \(YAMLText.scalar(tags[$0]!))\n" }.joined()
            }
        }
        // The accounts at or below each OU, for --selectors.
        var underOU: [String: Set<String>] = [:]
        for account in accounts {
            guard let ou = account.ou, let key = accountKey[account.id] else { continue }
            var path = ""
            for part in ou == "/" ? [] : ou.split(separator: "/") {
                path = path.isEmpty ? String(part) : path + "/" + part
                underOU[path, default: []].insert(key)
            }
        }
        /// The deepest OU whose accounts are exactly these.
        func ou(covering accounts: Set<String>) -> String? {
            guard selectors, accounts.count > 1 else { return nil }
            return underOU.filter { $0.value == accounts }.keys.max {
                ($0.split(separator: "/").count, $1) < ($1.split(separator: "/").count, $0)
            }
        }

        let usedRoles = Set(held.values.flatMap(\.keys))
        yaml += "\nroles:                             # permission sets, exactly as named in Identity Center\n"
        for set in snapshot.permissionSets where usedRoles.contains(set.name) {
            // What the snapshot read of the definition is written as keys (deploying the file
            // would otherwise clear it); when nothing was read, the description stays a comment.
            let definition = Self.definitionLines(set, snapshotVersion: snapshot.snapshotVersion)
            let comment = set.isDefinitionReadInPart ? "" : set.description.map { "  # \(YAMLText.comment($0))" } ?? ""
            let body = (suffixes[set.name].map { "    profile_suffix: \($0)\n" } ?? "") + definition
            yaml += "  \(YAMLText.scalar(set.name)):" + (body.isEmpty ? " {}\(comment)\n" : "\(comment)\n" + body)
        }
        let unused = snapshot.permissionSets.filter { !usedRoles.contains($0.name) }.map(\.name)
        if !unused.isEmpty {
            yaml += "  # Not assigned to anyone, so left out: \(unused.joined(separator: ", "))\n"
        }

        yaml += userManagementSection(accountKey: accountKey, roles: roleName)

        let allAccounts = Set(accountKeys)
        var selectorCount = 0
        func assignmentLines(_ principal: Principal) -> String {
            guard let roles = held[principal], !roles.isEmpty else { return "" }
            var text = "    assignments:\n"
            for role in roles.keys.sorted() {
                let accounts = roles[role]!
                let list: String
                if accounts == allAccounts && allAccounts.count > 1 {
                    list = "\"*\""
                } else if principal.kind == .group, let path = ou(covering: accounts) {
                    selectorCount += 1
                    list = "[{ou: \(YAMLText.scalar(path))}]"
                } else {
                    list = "[" + accounts.sorted().joined(separator: ", ") + "]"
                }
                text += "      - role: \(YAMLText.scalar(role))\n        accounts: \(list)\n"
            }
            return text
        }

        yaml += "\ngroups:\n"
        if snapshot.groups.isEmpty { yaml += "  {}\n" }
        for (group, key) in zip(snapshot.groups, groupKeys).sorted(by: { $0.1 < $1.1 }) {
            yaml += "  \(key):\n"
            if key != group.displayName { yaml += "    identity_center_name: \(YAMLText.scalar(group.displayName))\n" }
            if let description = group.description, !description.isEmpty { yaml += "    description: \(YAMLText.scalar(description))\n" }
            let body = assignmentLines(Principal(kind: .group, key: key))
            yaml += body.isEmpty && key == group.displayName && (group.description ?? "").isEmpty ? "    assignments: []\n" : body
        }

        let members = Dictionary(grouping: snapshot.memberships, by: \.userID).mapValues { memberships in
            memberships.compactMap { groupKey[$0.groupID] }.sorted()
        }
        yaml += "\nusers:\n"
        if snapshot.users.isEmpty { yaml += "  {}\n" }
        for (user, key) in zip(snapshot.users, userKeys).sorted(by: { $0.1 < $1.1 }) {
            yaml += "  \(YAMLText.scalar(key)):\n"
            var body = ""
            if key != user.userName { body += "    identity_center_name: \(YAMLText.scalar(user.userName))\n" }
            if let name = user.displayName, !name.isEmpty { body += "    name: \(YAMLText.scalar(name))\n" }
            if let email = user.email, !email.isEmpty { body += "    email: \(YAMLText.scalar(email))\n" }
            if let groups = members[user.id], !groups.isEmpty { body += "    groups: [\(groups.joined(separator: ", "))]\n" }
            body += assignmentLines(Principal(kind: .user, key: key))
            yaml += body.isEmpty ? "    groups: []\n" : body
        }
        selectorGrants = selectorCount
        return yaml
    }

    struct Principal: Hashable {
        var kind: Snapshot.PrincipalType
        var key: String
    }

    /// A `profile_suffix` for each role granted, to anyone, on an account where another role
    /// is granted too: on every account `<project>-<account>` then means one role for
    /// everybody, so a person who later joins a group never holds two profiles of one name,
    /// and no fix renames a profile people already use. Of roles that share an account, the
    /// one held most widely keeps the plain name where it can.
    static func profileSuffixes(held: [Principal: [String: Set<String>]]) -> [String: String] {
        var rolesOnAccount: [String: Set<String>] = [:]
        var weight: [String: Int] = [:]
        for holding in held.values {
            for (role, accounts) in holding {
                weight[role, default: 0] += accounts.count
                for account in accounts { rolesOnAccount[account, default: []].insert(role) }
            }
        }
        var conflicts: [String: Set<String>] = [:]
        for roles in rolesOnAccount.values where roles.count > 1 {
            for role in roles { conflicts[role, default: []].formUnion(roles.subtracting([role])) }
        }
        // The most widely held role of each clash keeps the plain profile name; ties by name.
        var plain = Set<String>()
        for role in conflicts.keys.sorted(by: { (-(weight[$0] ?? 0), $0) < (-(weight[$1] ?? 0), $1) })
        where conflicts[role]!.isDisjoint(with: plain) {
            plain.insert(role)
        }
        let suffixed = conflicts.keys.filter { !plain.contains($0) }.sorted()
        let keys = Self.uniqueKeys(suffixed.map(Self.suffix(forRole:)), fallback: "role", keep: NameRules.isSlug)
        return Dictionary(uniqueKeysWithValues: zip(suffixed, keys))
    }

    /// The user-management section: filled with the accounts found; commented out, since
    /// which permission sets manage users cannot be read from Identity Center.
    /// `user_management`, commented: the accounts are known (the management account and the
    /// delegated administrator of Identity Center), the roles each kind of admin uses are not,
    /// so the comment says what to fill in, where each account is and what is assigned there.
    func userManagementSection(accountKey: [String: String], roles: [String: String]) -> String {
        let management = snapshot.organization?.managementAccountID
        let delegated = snapshot.organization?.delegatedAdministratorIDs.first { accountKey[$0] != nil }
        var assigned: [String: Set<String>] = [:]  // account ID -> role names
        for assignment in snapshot.assignments {
            if let role = roles[assignment.permissionSetARN] { assigned[assignment.accountID, default: []].insert(role) }
        }
        /// The `account:` and `role:` lines of one kind of admin, each with its note.
        func target(_ id: String?, _ what: String) -> [(String, String?)] {
            let held = id.flatMap { assigned[$0] }.map { $0.sorted().joined(separator: ", ") }
            let role = ("    role: ROLE", held.map { "assigned there now: \($0)" } ?? "a role declared under roles: above")
            guard let id, let key = accountKey[id] else {
                return [("    account: ACCOUNT", "not in the snapshot: the key of \(what) under accounts: above"), role]
            }
            return [("    account: \(key)", "\(id), \(what)"), role]
        }
        var text = "\n# Who manages users: fill this in, or the access page and `orgprofile report` say nobody does.\n"
        text += "# The accounts were found in the organisation; which permission set each kind of admin\n"
        text += "# uses cannot be read. Remove the '#'s below, replace each ROLE with a role declared under\n"
        text += "# roles: above, then mark the admins under users: with user_management: true (ordinary\n"
        text += "# user-management admins) or super_admin: true (super admins).\n"
        let delegatedTarget =
            delegated.map { target($0, "the delegated administrator of IAM Identity Center") }
            ?? target(management, "the management account (no delegated administrator of sso.amazonaws.com was found)")
        let lines: [(String, String?)] =
            [("user_management:", nil), ("  delegated_admin:", "ordinary user-management admins")] + delegatedTarget
            + [("  organization_management:", "super admins")] + target(management, "the Organization Management account")
        for (line, note) in lines {
            text +=
                "# " + (note.map { line.padding(toLength: 32, withPad: " ", startingAt: 0) + "# " + YAMLText.comment($0) } ?? line) + "\n"
        }
        return text
    }
}

/// Text in YAML: plain where that is unambiguous, double-quoted otherwise.
enum YAMLText {
    static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]

    static func scalar(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "._@+-/: ()".unicodeScalars.contains(scalar)
        }
        let startsPlain = text.first.map { $0.isLetter } ?? false
        if safe, startsPlain, text.last != " ", !reserved.contains(text.lowercased()), !text.contains(": "), !text.hasSuffix(":") {
            return text
        }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    quoted += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }

    /// Text on one comment line.
    static func comment(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}

extension String {
    func trimmingTrailing(_ character: Character) -> String {
        var text = self
        while text.last == character { text.removeLast() }
        return text
    }

    func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
