/// Decodes the node tree into an `OrgSpec`: the shape of org.yaml (which keys exist, where,
/// and of which type). It reports every shape problem and keeps going; the values' rules
/// are the Validator's.
public struct SpecDecoder {
    var diagnostics = DiagnosticList()

    public init() {}

    public mutating func decode(_ root: YAMLNode) -> (OrgSpec, DiagnosticList) {
        var spec = OrgSpec()
        let top = SourceLocation(file: root.location.file, line: 1, column: 1)
        guard case .mapping(let pairs) = root.content else {
            diagnostics.append(
                .error(
                    .wrongType, "org.yaml must be a mapping of keys such as 'version' and 'project', found \(root.kindDescription)",
                    at: root.location))
            return (spec, diagnostics)
        }
        let fields = MappingFields(
            liftingIndentedSections(pairs), allowed: Keys.top, extensionPrefix: "x-", context: "org.yaml", owner: top,
            diagnostics: &diagnostics)
        spec.version = requiredString(fields, "version")
        spec.project = requiredString(fields, "project")
        if let pair = fields.required("sso_session", diagnostics: &diagnostics) {
            spec.session = session(pair)
        }
        if let pair = fields["defaults"],
            let defaults = self.fields(pair.value, allowed: Keys.defaults, context: "defaults", owner: pair.key.location)
        {
            spec.defaults.region = optionalString(defaults, "region")
            spec.defaults.settings = settings(defaults["settings"], owner: "defaults")
            spec.defaults.maxTemporary = optionalString(defaults, "max_temporary")
        }
        let accounts = fields.required("accounts", diagnostics: &diagnostics)
        spec.accountsLocation = accounts?.key.location
        let accountEntries = accounts.map { NamedEntries.read($0.value, what: "accounts", diagnostics: &diagnostics) } ?? []
        spec.accounts = accountEntries.compactMap { account($0) }
        let roles = fields.required("roles", diagnostics: &diagnostics)
        let roleEntries = roles.map { NamedEntries.read($0.value, what: "roles", diagnostics: &diagnostics) } ?? []
        spec.roles = roleEntries.compactMap { role($0) }
        if let pair = fields["user_management"] {
            spec.userManagement = userManagement(pair)
        }
        let groups = fields["groups"]
        let groupEntries = groups.map { NamedEntries.read($0.value, what: "groups", diagnostics: &diagnostics) } ?? []
        spec.groups = groupEntries.compactMap { group($0) }
        let users = fields.required("users", diagnostics: &diagnostics)
        let userEntries = users.map { NamedEntries.read($0.value, what: "users", diagnostics: &diagnostics) } ?? []
        spec.users = userEntries.compactMap { user($0) }
        for (key, pair, entries, decoded) in [
            ("accounts", accounts, accountEntries.count, spec.accounts.count), ("roles", roles, roleEntries.count, spec.roles.count),
            ("groups", groups, groupEntries.count, spec.groups.count), ("users", users, userEntries.count, spec.users.count),
        ] {
            // Whether a problem of the section itself was reported just now: missing (only
            // groups may be left out) or misspelt; not a mapping; an entry lost; no account.
            let reported =
                if let pair {
                    !(pair.value.isMapping || pair.value.scalar?.isNull == true) || decoded != entries
                        || (key == "accounts" && entries == 0)
                } else { key != "groups" || fields.misspelt.contains(key) }
            if reported { spec.unreadSections.insert(key) }
        }
        spec.getOrgProfile = optionalString(fields, "get_orgprofile")
        if let pair = fields["allow_commands"] {
            spec.allowedCommands = stringList(pair.value, "'allow_commands'")
        }
        if let pair = fields["review"],
            let review = self.fields(pair.value, allowed: Keys.review, context: "review", owner: pair.key.location),
            let roles = review["privileged_roles"]
        {
            spec.privilegedRoles = stringList(roles.value, "'privileged_roles' in review")
        }
        return (spec, diagnostics)
    }

    /// The keys allowed in each mapping of org.yaml version 1.
    enum Keys {
        static let top = [
            "version", "project", "sso_session", "defaults", "accounts", "roles", "user_management", "groups", "users", "review",
            "allow_commands", "get_orgprofile",
        ]
        static let review = ["privileged_roles"]
        static let session = ["name", "start_url", "region", "registration_scopes"]
        static let defaults = ["region", "settings", "max_temporary"]
        static let account = ["id", "name", "region", "settings", "ou", "tags"]
        static let role = ["profile_suffix"] + SpecDecoder.permissionSetKeys
        static let userManagement = ["profile", "delegated_admin", "organization_management"]
        static let userManagementTarget = ["account", "role"]
        static let group = ["identity_center_name", "description", "user_management", "assignments"]
        static let assignment = ["role", "accounts", "except"] + AccessWindowSpec.keys
        static let membership = ["group"] + AccessWindowSpec.keys
        static let accountSelector = ["ou", "tags"]
        static let user = ["identity_center_name", "name", "email", "groups", "assignments", "user_management", "super_admin", "disabled"]
    }

    private mutating func session(_ pair: YAMLPair) -> SessionSpec? {
        guard let fields = fields(pair.value, allowed: Keys.session, context: "sso_session", owner: pair.key.location) else { return nil }
        var session = SessionSpec(location: pair.key.location)
        session.name = optionalString(fields, "name")
        session.startURL = requiredString(fields, "start_url")
        session.region = requiredString(fields, "region")
        if let scopes = fields["registration_scopes"] {
            session.registrationScopes = stringList(scopes.value, "'registration_scopes' in sso_session")
        }
        return session
    }

    private mutating func settings(_ pair: YAMLPair?, owner: String) -> [SettingSpec] {
        guard let pair, let pairs = mapping(pair.value, "settings in \(owner)") else { return [] }
        return stringPairs(pairs, key: "setting", in: "settings of \(owner)").map { SettingSpec(key: $0.key, value: $0.value) }
    }

    /// The checked keys of one named entry (an account, role, group or user), and the words
    /// that name it in messages.
    private mutating func entryFields(_ entry: NamedEntry, _ kind: String, allowed: [String]) -> (
        context: String, fields: MappingFields
    )? {
        let context = "\(kind) '\(entry.name.value)'"
        // `groups:` or `name:` of a user dedented to the level of the user names reads as a
        // user of that name; say so instead of only "must be a mapping".
        if allowed.contains(entry.name.value), !entry.value.isMapping, !(entry.value.scalar?.isNull ?? false) {
            diagnostics.append(
                .error(
                    .wrongType,
                    "\(context) must be a mapping, found \(entry.value.kindDescription); '\(entry.name.value)' is a key of a \(kind), "
                        + "so it probably belongs to the \(kind) above it: indent it by 2 more spaces than that \(kind)'s name",
                    at: entry.value.location))
            return nil
        }
        return fields(entry.value, allowed: allowed, context: context, owner: entry.name.location).map { (context, $0) }
    }

    private mutating func account(_ entry: NamedEntry) -> AccountSpec? {
        guard let (context, fields) = entryFields(entry, "account", allowed: Keys.account) else { return nil }
        var account = AccountSpec(key: entry.name)
        account.id = requiredString(fields, "id")
        account.displayName = optionalString(fields, "name")
        account.region = optionalString(fields, "region")
        account.settings = settings(fields["settings"], owner: context)
        account.ou = optionalString(fields, "ou")
        if let pair = fields["tags"], let tags = mapping(pair.value, "'tags' in \(context)") {
            account.tags = stringPairs(tags, key: "tag", in: "tags of \(context)", emptyValues: true)
        }
        return account
    }

    private mutating func role(_ entry: NamedEntry) -> RoleSpec? {
        guard let (_, fields) = entryFields(entry, "role", allowed: Keys.role) else { return nil }
        return RoleSpec(
            name: entry.name, profileSuffix: optionalString(fields, "profile_suffix"),
            definition: permissionSet(fields, at: entry.name.location))
    }

    private mutating func userManagement(_ pair: YAMLPair) -> UserManagementSpec? {
        guard let fields = fields(pair.value, allowed: Keys.userManagement, context: "user_management", owner: pair.key.location) else {
            return nil
        }
        var spec = UserManagementSpec(location: pair.key.location)
        spec.profile = optionalString(fields, "profile")
        spec.delegatedAdmin = fields.required("delegated_admin", diagnostics: &diagnostics).flatMap {
            target($0, "user_management.delegated_admin")
        }
        spec.organizationManagement = fields.required("organization_management", diagnostics: &diagnostics).flatMap {
            target($0, "user_management.organization_management")
        }
        return spec
    }

    private mutating func target(_ pair: YAMLPair, _ context: String) -> UserManagementTargetSpec? {
        guard let fields = fields(pair.value, allowed: Keys.userManagementTarget, context: context, owner: pair.key.location) else {
            return nil
        }
        return UserManagementTargetSpec(
            account: requiredString(fields, "account"), role: requiredString(fields, "role"), location: pair.key.location)
    }

    private mutating func assignments(_ pair: YAMLPair?, owner: String) -> [AssignmentSpec] {
        guard let pair else { return [] }
        return items(pair.value, "'assignments' of \(owner)", shape: "a list of {role, accounts}").compactMap { item in
            let context = "an assignment of \(owner)"
            guard let fields = fields(item, allowed: Keys.assignment, context: context, owner: item.location) else { return nil }
            var assignment = AssignmentSpec(location: item.location)
            assignment.role = requiredString(fields, "role")
            if let accounts = fields.required("accounts", diagnostics: &diagnostics) {
                assignment.accounts = accountSelection(accounts.value, context)
            }
            if let except = fields["except"] { assignment.except = stringList(except.value, "'except' in \(context)") }
            assignment.window = window(fields, at: item.location)
            return assignment
        }
    }

    private mutating func accountSelection(_ node: YAMLNode, _ context: String) -> AssignmentSpec.Accounts? {
        if let scalar = node.scalar, !scalar.isNull {
            if scalar.text == "*" { return .all(node.location) }
            diagnostics.append(
                .error(
                    .wrongType,
                    "'accounts' in \(context) must be a list of account names and selectors ({ou: PATH}, {tags: {KEY: VALUE}}) or \"*\" for every account, found '\(scalar.text)'",
                    at: node.location))
            return nil
        }
        let what = "'accounts' in \(context)"
        return .listed(
            items(node, what, shape: "a list of account names and selectors").compactMap { item -> AccountSelectorSpec? in
                guard item.isMapping else { return string(item, "each entry of \(what)").map { .account($0) } }
                return accountSelector(item, "a selector of \(what)")
            })
    }

    /// `{ou: PATH}` or `{tags: {KEY: VALUE, ...}}`: exactly one of them.
    private mutating func accountSelector(_ node: YAMLNode, _ context: String) -> AccountSelectorSpec? {
        guard let fields = fields(node, allowed: Keys.accountSelector, context: context, owner: node.location) else { return nil }
        switch (fields["ou"], fields["tags"]) {
        case (let ou?, nil):
            return string(ou.value, "'ou' in \(context)").map { .ou($0) }
        case (nil, let tags?):
            guard let pairs = mapping(tags.value, "'tags' in \(context)") else { return nil }
            let read = stringPairs(pairs, key: "tag", in: "tags of \(context)", emptyValues: true)
            guard !read.isEmpty else {
                diagnostics.append(
                    .error(.wrongType, "'tags' in \(context) must name at least one tag, such as {team: orders}", at: tags.value.location))
                return nil
            }
            return .tags(read, at: node.location)
        case (_?, _?):
            diagnostics.append(
                .error(
                    .wrongType,
                    "\(context) has both 'ou' and 'tags'; write them as two selectors ({ou: ...}, {tags: ...}), which select the accounts of either",
                    at: node.location))
            return nil
        case (nil, nil):
            if fields.misspelt.isEmpty {
                diagnostics.append(
                    .error(.missingKey, "\(context) must have 'ou' or 'tags', such as {ou: Workloads/Prod}", at: node.location))
            }
            return nil
        }
    }

    private mutating func group(_ entry: NamedEntry) -> GroupSpec? {
        guard let (context, fields) = entryFields(entry, "group", allowed: Keys.group) else { return nil }
        var group = GroupSpec(name: entry.name)
        group.identityCenterName = optionalString(fields, "identity_center_name")
        group.description = optionalString(fields, "description")
        group.userManagement = optionalBool(fields, "user_management")
        group.assignments = assignments(fields["assignments"], owner: context)
        return group
    }

    private mutating func user(_ entry: NamedEntry) -> UserSpec? {
        guard let (context, fields) = entryFields(entry, "user", allowed: Keys.user) else { return nil }
        var user = UserSpec(name: entry.name)
        user.identityCenterName = optionalString(fields, "identity_center_name")
        user.displayName = optionalString(fields, "name")
        user.email = optionalString(fields, "email")
        if let groups = fields["groups"] {
            let what = "'groups' of \(context)"
            user.memberships = items(groups.value, what).compactMap { membership($0, what) }
        }
        user.assignments = assignments(fields["assignments"], owner: context)
        (user.userManagement, user.userManagementWindow) = grant(fields, "user_management", of: context)
        (user.superAdmin, user.superAdminWindow) = grant(fields, "super_admin", of: context)
        user.disabled = optionalBool(fields, "disabled")
        return user
    }

    /// `from`, `until` and `reason` of an entry; nil when it has none of them.
    private mutating func window(_ fields: MappingFields, at location: SourceLocation) -> AccessWindowSpec? {
        let window = AccessWindowSpec(
            from: optionalString(fields, "from"), until: optionalString(fields, "until"), reason: optionalString(fields, "reason"),
            location: location)
        return window.from == nil && window.until == nil && window.reason == nil ? nil : window
    }

    /// An entry of a user's `groups` (`list`): a group's name, or `{group: NAME, until: ...,
    /// from: ..., reason: ...}`.
    private mutating func membership(_ node: YAMLNode, _ list: String) -> MembershipSpec? {
        guard node.isMapping else { return string(node, "each entry of \(list)").map { MembershipSpec(group: $0) } }
        guard let fields = fields(node, allowed: Keys.membership, context: "an entry of \(list)", owner: node.location),
            let group = requiredString(fields, "group")
        else { return nil }
        return MembershipSpec(group: group, window: window(fields, at: node.location))
    }

    /// `super_admin: true`, or `super_admin: {until: ..., from: ..., reason: ...}`: granted
    /// while that window is in force.
    private mutating func grant(_ fields: MappingFields, _ key: String, of context: String) -> (Located<Bool>?, AccessWindowSpec?) {
        guard let pair = fields[key], pair.value.isMapping else { return (optionalBool(fields, key), nil) }
        let what = "'\(key)' of \(context)"
        guard let window = self.fields(pair.value, allowed: AccessWindowSpec.keys, context: what, owner: pair.value.location) else {
            return (nil, nil)
        }
        return (Located(true, at: pair.key.location), self.window(window, at: pair.value.location))
    }
}
