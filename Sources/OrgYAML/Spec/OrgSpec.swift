import Support

/// org.yaml as written, after decoding its shape and before any rule is checked.
///
/// Every value keeps its location. A required value that is missing is nil here: the
/// decoder has already reported it, and later stages skip what is absent.
public struct OrgSpec: Sendable {
    /// The file's name, as the user gave it: what messages call it (the nodes' locations name
    /// no file).
    public var file = ""
    public var version: Located<String>?
    public var project: Located<String>?
    public var session: SessionSpec?
    public var defaults = DefaultsSpec()
    public var accounts: [AccountSpec] = []
    /// Where the `accounts` key is, for "at least one account" errors.
    public var accountsLocation: SourceLocation?
    public var roles: [RoleSpec] = []
    public var userManagement: UserManagementSpec?
    public var groups: [GroupSpec] = []
    public var users: [UserSpec] = []
    /// `allow_commands`: the exact command values settings may publish.
    public var allowedCommands: [Located<String>] = []
    /// `review.privileged_roles`; nil when not written (the default list applies).
    public var privilegedRoles: [Located<String>]?
    /// `get_orgprofile`: how members of this organisation get orgprofile, in the admin's
    /// words, shown on every onboarding page.
    public var getOrgProfile: Located<String>?
    /// The sections of names (`accounts`, `roles`, `groups`, `users`) that could not be read whole:
    /// missing or misspelt, not a mapping of entries, or with an entry lost to an error. That
    /// problem is reported once, where it is; the uses of the section's names are not checked
    /// against what was read of it, so one mistake is not reported again at every use.
    public var unreadSections: Set<String> = []

    /// Some grant is in force for a while only (`from`, `until`).
    public var hasAccessWindows: Bool { !timeBoundGrants.isEmpty }

    public init() {}
}

public struct SessionSpec: Sendable {
    public var name: Located<String>?
    public var startURL: Located<String>?
    public var region: Located<String>?
    /// nil when not written: the default `[sso:account:access]` applies.
    public var registrationScopes: [Located<String>]?
    public var location: SourceLocation
}

public struct DefaultsSpec: Sendable {
    public var region: Located<String>?
    public var settings: [SettingSpec] = []
    /// The longest temporary access may last (`P90D`): how far ahead an `until` may be.
    public var maxTemporary: Located<String>?
}

/// One `key: value` of a `settings` mapping.
public struct SettingSpec: Sendable {
    public var key: Located<String>
    public var value: Located<String>

    /// Settings whose value the AWS CLI runs as a command: refused in org.yaml unless
    /// `allow_commands` lists the value, and always a privileged change in `diff`.
    public static let commandKeys = CommandSettings.keys
}

public struct AccountSpec: Sendable {
    /// The mapping key: the account's name in profile names.
    public var key: Located<String>
    public var id: Located<String>?
    public var displayName: Located<String>?
    public var region: Located<String>?
    public var settings: [SettingSpec] = []
    /// Where the account sits in the organisation: the path of organisational units from
    /// the root (`Workloads/Prod`), `/` for an account directly under the root.
    public var ou: Located<String>?
    public var tags: [(key: Located<String>, value: Located<String>)] = []
}

public struct RoleSpec: Sendable {
    /// The mapping key: the permission set name, written as `sso_role_name`.
    public var name: Located<String>
    public var profileSuffix: Located<String>?
    /// What the permission set grants; nil when org.yaml leaves it defined elsewhere.
    public var definition: PermissionSetSpec?
}

/// What a permission set grants, as a role in org.yaml defines it. Every part is optional;
/// a role that writes none of them is defined elsewhere (the console, another tool).
public struct PermissionSetSpec: Sendable {
    /// Its text attributes (`PermissionSetText`), by key.
    public var texts: [String: Located<String>] = [:]
    public var description: Located<String>? { texts[PermissionSetText.description.key] }
    /// ISO 8601, `PT1H` to `PT12H`.
    public var sessionDuration: Located<String>? { texts[PermissionSetText.sessionDuration.key] }
    public var relayState: Located<String>? { texts[PermissionSetText.relayState.key] }
    /// As written: an AWS managed policy's ARN, its name (`ReadOnlyAccess`), or its path and
    /// name (`job-function/ViewOnlyAccess`).
    public var managedPolicies: [Located<String>] = []
    public var customerManagedPolicies: [PolicyReferenceSpec] = []
    /// An IAM policy document written as YAML, kept as its node so that each problem in it
    /// has its place.
    public var inlinePolicy: YAMLNode?
    /// `inline_policy_file`: a JSON file beside org.yaml that holds the inline policy. The
    /// analysis reads it (`CompanionFiles`) into `inlinePolicy`, located in that file.
    public var inlinePolicyFile: Located<String>?
    public var permissionsBoundary: PermissionsBoundarySpec?
    public var tags: [(key: Located<String>, value: Located<String>)] = []
    /// Where the role is declared, for problems of the definition as a whole.
    public var location: SourceLocation
}

/// A customer-managed policy, by the name and path it has in every account.
public struct PolicyReferenceSpec: Sendable {
    public var name: Located<String>?
    /// `/` when not written.
    public var path: Located<String>?
    public var location: SourceLocation
}

public enum PermissionsBoundarySpec: Sendable {
    /// An AWS managed policy, written as for `managed_policies`.
    case managed(Located<String>)
    case customerManaged(PolicyReferenceSpec)
}

public struct UserManagementSpec: Sendable {
    public var profile: Located<String>?
    public var delegatedAdmin: UserManagementTargetSpec?
    public var organizationManagement: UserManagementTargetSpec?
    public var location: SourceLocation
}

public struct UserManagementTargetSpec: Sendable {
    public var account: Located<String>?
    public var role: Located<String>?
    public var location: SourceLocation
}

/// `role` on `accounts`: one entry of a group's or user's `assignments`.
public struct AssignmentSpec: Sendable {
    public enum Accounts: Sendable {
        /// `accounts: "*"`: every declared account.
        case all(SourceLocation)
        case listed([AccountSelectorSpec])
    }

    public var role: Located<String>?
    public var accounts: Accounts?
    /// Account keys left out of what `accounts` selects.
    public var except: [Located<String>] = []
    /// When it is in force, when it says (`until`, `from`).
    public var window: AccessWindowSpec?
    public var location: SourceLocation

    /// Its accounts are chosen (also) by OU or tags.
    public var usesSelectors: Bool {
        guard case .listed(let selectors) = accounts else { return false }
        return selectors.contains {
            if case .account = $0 { return false }
            return true
        }
    }
}

/// One entry of an assignment's `accounts:` list.
public enum AccountSelectorSpec: Sendable {
    /// An account's key.
    case account(Located<String>)
    /// `{ou: Workloads/Prod}`: every account at or below that organisational unit.
    case ou(Located<String>)
    /// `{tags: {team: orders}}`: every account that has all of these tags.
    case tags([(key: Located<String>, value: Located<String>)], at: SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .account(let key): key.location
        case .ou(let path): path.location
        case .tags(_, let location): location
        }
    }
}

public struct GroupSpec: Sendable {
    public var name: Located<String>
    /// The group's display name in IAM Identity Center, when it differs from the key.
    public var identityCenterName: Located<String>?
    public var description: Located<String>?
    public var userManagement: Located<Bool>?
    public var assignments: [AssignmentSpec] = []
}

public struct UserSpec: Sendable {
    public var name: Located<String>
    /// The user's user name in IAM Identity Center, when it differs from the key.
    public var identityCenterName: Located<String>?
    public var displayName: Located<String>?
    public var email: Located<String>?
    public var memberships: [MembershipSpec] = []
    public var assignments: [AssignmentSpec] = []
    public var userManagement: Located<Bool>?
    /// When the user-management grant is in force, when it is written as one (`{until: ...}`).
    public var userManagementWindow: AccessWindowSpec?
    public var superAdmin: Located<Bool>?
    public var superAdminWindow: AccessWindowSpec?
    public var disabled: Located<Bool>?

    /// The groups named, each where it is named.
    public var groups: [Located<String>] { memberships.map(\.group) }

    public var isDisabled: Bool { disabled?.value == true }
}

/// One of a user's `groups`: a group's name, or `{group: NAME, until: ...}` for a membership
/// that is in force for a while.
public struct MembershipSpec: Sendable {
    public var group: Located<String>
    public var window: AccessWindowSpec?
}
