import Foundation
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

/// One `[profile NAME]` block of a compiled config: the one form of a profile, which the
/// configs and pages, the manifest, diff, report, export and install all read.
public struct Profile: Sendable, Hashable {
    /// What it points at, shared by every principal that holds it: the model makes one
    /// target per account and role that some grant names, and one per user-management kind.
    let target: Target
    /// Granted (also) by an `accounts: "*"` assignment, so it follows every new account.
    public let isWildcard: Bool
    /// When the principal's access to it ends, when every grant of it is temporary (the
    /// latest of their ends); nil when some grant of it lasts.
    public let end: Date?

    init(target: Target, isWildcard: Bool, end: Date? = nil) {
        (self.target, self.isWildcard, self.end) = (target, isWildcard, end)
    }

    public var name: String { target.name }
    public var account: AccessModel.Account { target.account }
    /// The permission set, written as `sso_role_name`.
    public var role: AccessModel.Role { target.role }
    /// Set on the special user-management profile.
    public var userManagement: UserManagementKind? { target.userManagement }

    /// The settings the AWS CLI would run as commands, by key; nil when there are none.
    public var commands: [String: String]? {
        let commands = account.settings.filter(\.runsCommand)
        return commands.isEmpty ? nil : Dictionary(commands.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// A profile's name, account, role and user-management kind. Two targets are equal when
    /// all four are, in whichever model (the number is the model's own).
    final class Target: Sendable, Hashable {
        /// Its place in the model's `targets`, which are sorted by name (then account key,
        /// role, user-management kind): the same number for the same access, however org.yaml
        /// is laid out.
        let number: Int
        let name: String
        let account: AccessModel.Account
        let role: AccessModel.Role
        let userManagement: UserManagementKind?

        init(number: Int, name: String, account: AccessModel.Account, role: AccessModel.Role, userManagement: UserManagementKind?) {
            (self.number, self.name, self.account, self.role, self.userManagement) = (number, name, account, role, userManagement)
        }

        static func == (lhs: Target, rhs: Target) -> Bool {
            lhs === rhs
                || lhs.name == rhs.name && lhs.userManagement == rhs.userManagement && lhs.account == rhs.account && lhs.role == rhs.role
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(name)
        }
    }
}

/// What a profile gives access to, as `manifest.json` and `orgprofile diff --format json`
/// record it: `name`, `account` (its key), `account_id`, `role`, `region`, and only where
/// they apply `user_management`, `commands` and `until` (the last day, or moment, of access
/// that ends).
extension Profile: Encodable {
    enum CodingKeys: String, CodingKey {
        case name, account, role, region, commands, until
        case accountID = "account_id"
        case userManagement = "user_management"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(account.key, forKey: .account)
        try container.encode(account.id, forKey: .accountID)
        try container.encode(role.name, forKey: .role)
        try container.encode(account.region, forKey: .region)
        try container.encodeIfPresent(userManagement?.rawValue, forKey: .userManagement)
        try container.encodeIfPresent(commands, forKey: .commands)
        try container.encodeIfPresent(end.map(AccessWindow.shown(end:)), forKey: .until)
    }
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
}
