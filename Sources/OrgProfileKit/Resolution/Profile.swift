import OrgYAML

/// Which target of `user_management` a profile points at.
public enum UserManagementKind: String, Sendable, Hashable {
    /// Ordinary user-management admins: the account Identity Center is delegated to.
    case delegatedAdmin = "delegated_admin"
    /// Super admins: the Organization Management account.
    case organizationManagement = "organization_management"
}

/// One `key = value` line written into every profile it applies to.
public struct Setting: Sendable, Hashable {
    public var key: String
    public var value: String

    /// Whether the AWS CLI would run this setting's value (an empty `cli_pager` runs nothing).
    public var runsCommand: Bool { SettingSpec.commandKeys.contains(key) && !value.isEmpty }
}

/// One `[profile NAME]` block of a compiled config.
public struct Profile: Sendable, Hashable {
    public var name: String
    /// The account's key in org.yaml (its name in profile names).
    public var account: String
    /// The account's display name, or its key when it has none.
    public var accountName: String
    public var accountID: String
    /// The permission set, written as `sso_role_name`.
    public var role: String
    public var region: String
    /// Extra config keys, sorted by key.
    public var settings: [Setting]
    /// Set on the special user-management profile.
    public var userManagement: UserManagementKind?
    /// Granted (also) by an `accounts: "*"` assignment, so it follows every new account.
    public var isWildcard = false
}

/// A person or a team that gets its own compiled config.
public struct Principal: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case user, group

        /// The output folder that holds one folder per principal of this kind.
        public var folder: String { self == .user ? "users" : "groups" }
    }

    public var kind: Kind
    public var name: String
    public var displayName: String?
    public var email: String?
    public var description: String?
    public var superAdmin: Bool
    /// Which user-management profile the principal gets, if any.
    public var userManagement: UserManagementKind?
    /// The principal's position in the model's user or group table.
    let index: Int
}
