import Foundation
import Support

/// Checks every rule of org.yaml version 1 that does not need the per-person model:
/// names, ids, URLs, regions, settings, references, flags, case collisions and unused
/// roles. Collects every problem; never stops at the first.
public struct Validator {
    private var diagnostics = DiagnosticList()
    private let spec: OrgSpec
    private let accountKeys: Set<String>
    private let roleNames: Set<String>
    private let groupNames: Set<String>
    /// What each assignment's selectors pick.
    private let selection: AccountSelection
    /// The OU paths some account is at or below.
    private let knownOUs: Set<String>
    /// The allow_commands values some setting uses.
    private var usedCommands = Set<String>()
    /// The windows of temporary access, checked as of one moment.
    private var windows: AccessWindowRules

    /// Every rule but the counts (`checkCounts`), temporary access as of `asOf`.
    public static func validate(_ spec: OrgSpec, asOf: Date) -> DiagnosticList {
        var validator = Validator(spec: spec, asOf: asOf)
        validator.run()
        for grant in spec.timeBoundGrants { validator.windows.check(grant.window, grant.what) }
        validator.diagnostics.append(validator.windows.diagnostics)
        return validator.diagnostics
    }

    /// Users, accounts, groups or roles beyond `limits`: checked before anything that
    /// grows with their product.
    public static func checkCounts(_ spec: OrgSpec, limits: Limits) -> [Diagnostic] {
        let counts: [(String, Int, Int, SourceLocation?)] = [
            ("users", spec.users.count, limits.users, spec.users.first?.name.location),
            ("accounts", spec.accounts.count, limits.accounts, spec.accountsLocation),
            ("groups", spec.groups.count, limits.groups, spec.groups.first?.name.location),
            ("roles", spec.roles.count, limits.roles, spec.roles.first?.name.location),
        ]
        return counts.filter { $0.1 > $0.2 }.map { what, count, limit, location in
            .error(.limitExceeded, "org.yaml declares \(count) \(what); the limit is \(limit)", at: location)
        }
    }

    private init(spec: OrgSpec, asOf: Date) {
        self.spec = spec
        windows = AccessWindowRules(asOf: asOf, maximum: spec.defaults.maxTemporary)
        accountKeys = Set(spec.accounts.map(\.key.value))
        roleNames = Set(spec.roles.map(\.name.value))
        groupNames = Set(spec.groups.map(\.name.value))
        selection = AccountSelection(spec.accounts)
        knownOUs = selection.knownOUs
    }

    private mutating func run() {
        if let version = spec.version, version.value != "1" {
            diagnostics.append(
                .error(.unsupportedVersion, "unsupported version '\(version.value)'; this orgprofile reads version 1", at: version.location)
            )
        }
        if let project = spec.project { slug(project, "project") }
        if let session = spec.session { checkSession(session) }
        if let region = spec.defaults.region { checkRegion(region, "defaults.region") }
        settings(spec.defaults.settings, "defaults")
        checkAccounts()
        for role in spec.roles { checkRole(role) }
        if let userManagement = spec.userManagement { checkUserManagement(userManagement) }
        for group in spec.groups { checkGroup(group) }
        for user in spec.users { checkUser(user) }
        for pattern in spec.privilegedRoles ?? [] where pattern.value.isEmpty {
            diagnostics.append(
                .error(.wrongType, "an entry of review.privileged_roles is empty; it would match every role", at: pattern.location))
        }
        caseCollisions(spec.users.map(\.name), "user")
        caseCollisions(spec.groups.map(\.name), "group")
        unusedRoles()
        unusedAllowedCommands()
    }

    // MARK: Session, accounts, roles

    private mutating func checkSession(_ session: SessionSpec) {
        if let name = session.name { slug(name, "sso_session.name") }
        if let url = session.startURL, StartURL.normalized(url.value) == nil {
            diagnostics.append(
                .error(
                    .invalidStartURL, "'\(url.value)' is not an AWS access portal URL; expected \(StartURL.acceptedForms)", at: url.location
                ))
        }
        if let region = session.region { checkRegion(region, "sso_session.region") }
        for scope in session.registrationScopes ?? [] where !NameRules.isScope(scope.value) {
            diagnostics.append(
                .error(
                    .invalidScope,
                    "'\(scope.value)' is not a registration scope such as 'sso:account:access' (letters, digits and : _ . - /)",
                    at: scope.location))
        }
    }

    private mutating func checkAccounts() {
        if spec.accounts.isEmpty, let location = spec.accountsLocation {
            diagnostics.append(.error(.noAccounts, "'accounts' must declare at least one account", at: location))
        }
        var ids: [String: Located<String>] = [:]
        for account in spec.accounts {
            slug(account.key, "account name")
            if let id = account.id {
                if !NameRules.isAccountID(id.value) {
                    diagnostics.append(
                        .error(
                            .invalidAccountID, "account id '\(id.value)' of account '\(account.key.value)' must be exactly 12 digits",
                            at: id.location))
                } else if let first = ids[id.value] {
                    diagnostics.append(
                        .error(
                            .duplicateAccountID, "account id \(id.value) is used by both '\(first.value)' and '\(account.key.value)'",
                            at: id.location,
                            notes: [.init("'\(first.value)' has it here", at: first.location)]))
                } else {
                    ids[id.value] = Located(account.key.value, at: id.location)
                }
            }
            if let name = account.displayName { configValue(name, "the name of account '\(account.key.value)'") }
            if let region = account.region { checkRegion(region, "region of account '\(account.key.value)'") }
            settings(account.settings, "account '\(account.key.value)'")
            if let ou = account.ou { ouPath(ou, "the ou of account '\(account.key.value)'") }
        }
    }

    /// An OU path's form; false when it is not one.
    @discardableResult
    private mutating func ouPath(_ path: Located<String>, _ what: String) -> Bool {
        guard !AccountSelection.isPath(path.value) else { return true }
        diagnostics.append(
            .error(
                .invalidOU,
                "\(what) is '\(path.value)'; write the path of organisational units from the root without a leading or trailing '/', such as Workloads/Prod, or / for an account directly under the root",
                at: path.location))
        return false
    }

    private mutating func checkRole(_ role: RoleSpec) {
        if !NameRules.isPermissionSetName(role.name.value) {
            diagnostics.append(
                .error(
                    .invalidRoleName, "'\(role.name.value)' is not a permission set name (1 to 32 letters, digits and + = , . @ _ -)",
                    at: role.name.location))
        } else {
            configValue(role.name, "role name")
        }
        if let suffix = role.profileSuffix { slug(suffix, "profile_suffix") }
        if let definition = role.definition { diagnostics.append(PermissionSetRules.check(definition, role: role.name.value)) }
    }

    private mutating func checkUserManagement(_ userManagement: UserManagementSpec) {
        if let profile = userManagement.profile { slug(profile, "user_management.profile") }
        for target in [userManagement.delegatedAdmin, userManagement.organizationManagement].compactMap({ $0 }) {
            if let account = target.account { reference(account, to: "account", in: accountKeys, code: .unknownAccount) }
            if let role = target.role { reference(role, to: "role", in: roleNames, code: .unknownRole) }
        }
    }

    // MARK: Groups and users

    private mutating func checkGroup(_ group: GroupSpec) {
        slug(group.name, "group name")
        if let flag = group.userManagement, flag.value {
            requireUserManagement(flag, "group '\(group.name.value)' has user_management: true")
        }
        assignments(group.assignments)
    }

    private mutating func checkUser(_ user: UserSpec) {
        if !NameRules.isUserName(user.name.value) {
            diagnostics.append(
                .error(
                    .invalidUserName, "'\(user.name.value)' is not a valid user name (\(NameRules.userNameRule))", at: user.name.location))
        }
        if let name = user.displayName { configValue(name, "the name of user '\(user.name.value)'") }
        for group in user.groups { reference(group, to: "group", in: groupNames, code: .unknownGroup) }
        assignments(user.assignments)
        if let flag = user.superAdmin, flag.value {
            requireUserManagement(flag, "user '\(user.name.value)' has super_admin: true")
        } else if let flag = user.userManagement, flag.value {
            requireUserManagement(flag, "user '\(user.name.value)' has user_management: true")
        }
        if !user.isDisabled, user.groups.isEmpty, user.assignments.isEmpty,
            user.userManagement?.value != true, user.superAdmin?.value != true
        {
            diagnostics.append(
                .warning(
                    .userWithoutAccess, "user '\(user.name.value)' is in no group and has no assignments, so gets no profiles",
                    at: user.name.location))
        }
    }

    private mutating func assignments(_ assignments: [AssignmentSpec]) {
        for assignment in assignments {
            if let role = assignment.role { reference(role, to: "role", in: roleNames, code: .unknownRole) }
            if case .listed(let selectors) = assignment.accounts {
                for selector in selectors { accountSelector(selector) }
            }
            guard !assignment.except.isEmpty else { continue }
            let selected = Set(selection.select(assignment.accounts, except: []).map(\.account))
            for key in assignment.except {
                reference(key, to: "account", in: accountKeys, code: .unknownAccount)
                if let account = selection.index[key.value], !selected.contains(account) {
                    diagnostics.append(
                        .warning(
                            .needlessExcept,
                            "'except' leaves out account '\(key.value)', which this assignment's 'accounts' does not select anyway; remove it",
                            at: key.location))
                }
            }
        }
    }

    /// An account's key must be declared; an OU must hold some account; tags should match one.
    private mutating func accountSelector(_ selector: AccountSelectorSpec) {
        switch selector {
        case .account(let key):
            reference(key, to: "account", in: accountKeys, code: .unknownAccount)
        case .ou(let path):
            guard ouPath(path, "the OU of a selector"), !knownOUs.contains(path.value), !spec.unreadSections.contains("accounts") else {
                return
            }
            let known =
                knownOUs.isEmpty
                ? "; no account has an 'ou' yet: write each account's place, such as ou: Workloads/Prod"
                : Suggestion.hint(for: path.value, in: knownOUs.sorted())
            diagnostics.append(
                .error(.unknownOU, "no account is at or below OU '\(path.value)' (the 'ou' of the accounts)\(known)", at: path.location))
        case .tags:
            guard selection.accounts(selector).isEmpty, !spec.unreadSections.contains("accounts"),
                let description = AccountSelection.reason(selector).selectorDescription
            else { return }
            diagnostics.append(
                .warning(
                    .emptySelection, "no account has \(description), so this selector selects no account", at: selector.location))
        }
    }

    private mutating func requireUserManagement(_ flag: Located<Bool>, _ what: @autoclosure () -> String) {
        guard spec.userManagement == nil else { return }
        diagnostics.append(
            .error(
                .userManagementNotDeclared,
                "\(what()), but org.yaml has no 'user_management' section saying which account and role that means", at: flag.location))
    }

    private mutating func caseCollisions(_ names: [Located<String>], _ what: String) {
        var seen: [String: Located<String>] = [:]
        for name in names {
            // Names without capitals or non-ASCII letters are their own folded form.
            let folded = name.value.utf8.contains { (0x41...0x5A).contains($0) || $0 >= 0x80 } ? name.value.lowercased() : name.value
            if let first = seen[folded] {
                diagnostics.append(
                    .error(
                        .caseCollision,
                        "\(what) names '\(first.value)' and '\(name.value)' differ only in letter case; their output folders would collide on macOS and Windows",
                        at: name.location,
                        notes: [.init("'\(first.value)' is declared here", at: first.location)]))
            } else {
                seen[folded] = name
            }
        }
    }

    private mutating func unusedRoles() {
        // Roles used only in a section that could not be read would look unused.
        guard spec.unreadSections.isDisjoint(with: ["groups", "users"]) else { return }
        var used = Set<String>()
        let assignments = spec.groups.flatMap(\.assignments) + spec.users.flatMap(\.assignments)
        used.formUnion(assignments.compactMap(\.role?.value))
        for target in [spec.userManagement?.delegatedAdmin, spec.userManagement?.organizationManagement] {
            if let role = target?.role?.value { used.insert(role) }
        }
        for role in spec.roles where !used.contains(role.name.value) {
            diagnostics.append(
                .warning(
                    .unusedRole, "role '\(role.name.value)' is declared but no group, user or user_management uses it",
                    at: role.name.location))
        }
    }

    private mutating func unusedAllowedCommands() {
        for command in spec.allowedCommands where !usedCommands.contains(command.value) {
            diagnostics.append(
                .warning(
                    .unusedAllowedCommand, "allow_commands lists '\(command.value)', but no setting uses it; remove it",
                    at: command.location))
        }
    }

    // MARK: Rules on single values

    private mutating func slug(_ name: Located<String>, _ what: @autoclosure () -> String) {
        guard !NameRules.isSlug(name.value) else { return }
        diagnostics.append(.error(.invalidSlug, "\(what()) '\(name.value)' is not a valid name (\(NameRules.slugRule))", at: name.location))
    }

    private mutating func checkRegion(_ region: Located<String>, _ what: @autoclosure () -> String) {
        guard !NameRules.isRegion(region.value) else { return }
        diagnostics.append(
            .error(.invalidRegion, "\(what()) '\(region.value)' is not an AWS region code such as 'us-west-2'", at: region.location))
    }

    private mutating func reference(_ name: Located<String>, to kind: String, in declared: Set<String>, code: DiagnosticCode) {
        guard !declared.contains(name.value), !spec.unreadSections.contains("\(kind)s") else { return }
        let message =
            code == .unknownRole
            ? Self.unknownRole(name.value, declared: declared.sorted(), in: spec.file)
            : "unknown \(kind) '\(name.value)'\(Suggestion.hint(for: name.value, in: declared.sorted()))"
        diagnostics.append(.error(code, message, at: name.location))
    }

    /// The roles a newcomer may list before the list is cut to a count.
    static let rolesListed = 8

    /// An unknown role: the likely one meant, how to declare a new one, and the declared
    /// roles when there are few.
    public static func unknownRole(_ name: String, declared: [String], in file: String) -> String {
        let known =
            declared.isEmpty
            ? "none is declared yet"
            : declared.count <= rolesListed ? "declared: \(declared.joined(separator: ", "))" : "\(declared.count) are declared"
        return
            "unknown role '\(name)'; a role (a permission set) is declared under 'roles:' in \(file) (\(known))\(Suggestion.hint(for: name, in: declared))"
    }

    private mutating func settings(_ settings: [SettingSpec], _ owner: String) {
        for setting in settings {
            let key = setting.key.value
            if CommandSettings.runsCommand(key: key, value: setting.value.value) {
                if spec.allowedCommands.contains(where: { $0.value == setting.value.value }) {
                    usedCommands.insert(setting.value.value)
                } else {
                    diagnostics.append(
                        .error(
                            .commandSetting,
                            "'\(key)' in settings of \(owner) would run '\(setting.value.value)' on every member's machine; list that exact value under allow_commands to publish it anyway",
                            at: setting.value.location))
                }
            } else if key == "region" || key.hasPrefix("sso_") {
                diagnostics.append(
                    .error(
                        .reservedSetting,
                        "'\(key)' in settings of \(owner) is written by orgprofile itself; \(key == "region" ? "use 'region' of defaults or of the account" : "set it in sso_session")",
                        at: setting.key.location))
            } else if !NameRules.isSettingKey(key) {
                diagnostics.append(
                    .error(
                        .invalidSettingKey, "'\(key)' is not a config key (lowercase letters, digits and '_', starting with a letter)",
                        at: setting.key.location))
            }
            configValue(setting.value, "setting '\(key)' of \(owner)")
        }
    }

    /// A value that reaches a line of a config file: it may not forge another line, a
    /// section or a key, and may not rely on whitespace the AWS CLI strips. (Control
    /// characters and line breaks the decoder reported where it read the value.)
    private mutating func configValue(_ value: Located<String>, _ what: @autoclosure () -> String) {
        guard NameRules.firstUnsafeScalar(in: value.value) == nil else { return }
        // A first or last byte that is printable ASCII other than a space begins or ends a
        // character that is not whitespace: no need to look at characters.
        let printable = { (byte: UInt8?) in byte.map { (0x21...0x7E).contains($0) } ?? true }
        if let bad = value.value.utf8.first(where: { "[]=".utf8.contains($0) }) {
            diagnostics.append(
                .error(
                    .unsafeValue,
                    "\(what()) contains '\(Character(Unicode.Scalar(bad)))', which is not allowed in a value written to a config file",
                    at: value.location))
        } else if !printable(value.value.utf8.first) && value.value.first?.isWhitespace == true
            || !printable(value.value.utf8.last) && value.value.last?.isWhitespace == true
        {
            diagnostics.append(
                .error(.unsafeValue, "\(what()) starts or ends with whitespace, which the AWS CLI would strip", at: value.location))
        }
    }

}
