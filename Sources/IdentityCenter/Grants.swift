import OrgProfileKit
import OrgYAML

/// What org.yaml declares, resolved to Identity Center's IDs through a snapshot: the one
/// place names become IDs, for `drift` and for `assignments`. An account resolves by its ID,
/// a role by permission set name, a group by `identity_center_name` (else its key) against
/// display names, a user likewise against user names.
public struct Grants: Sendable {
    /// One assignment org.yaml declares, with the names reviewers read and the IDs
    /// Identity Center takes.
    public struct Grant: Sendable, Hashable {
        public var declared: AccessModel.DeclaredAssignment
        /// The user's user name or the group's display name in Identity Center.
        public var principalName: String
        public var accountName: String
        public var assignment: Snapshot.Assignment
    }

    public struct Membership: Sendable {
        public var declared: AccessModel.DeclaredMembership
        public var userName: String
        public var groupName: String
        public var membership: Snapshot.Membership
    }

    /// A name org.yaml uses that the snapshot lacks.
    public struct Unresolved: Sendable {
        public enum Kind: Sendable {
            /// An account whose ID the organisation does not have.
            case account
            /// A role that is no permission set of the instance.
            case permissionSet
            /// A user or group Identity Center does not have.
            case principal

            /// What resolves it: the name is wrong, or the thing is not there yet.
            var nextStep: String {
                let again = "take a new snapshot (orgprofile snapshot) and run again"
                return switch self {
                case .account: "correct the account's id, or, if the account joined the organisation since, \(again)"
                case .permissionSet: "create the permission set in Identity Center, \(again); or correct the role's name"
                case .principal:
                    "create it in Identity Center (or in the identity provider that provisions it), \(again); "
                        + "or set identity_center_name to its name there"
                }
            }
        }

        public var kind: Kind
        public var principal: PrincipalKey?
        public var message: String
        public var location: SourceLocation
    }

    public var instanceARN: String
    public var identityStoreID: String
    /// Every declared assignment whose names all resolve, in org.yaml's order.
    public var grants: [Grant] = []
    /// Every membership of an enabled user whose names resolve.
    public var memberships: [Membership] = []
    public var unresolved: [Unresolved] = []
    /// Accounts whose name in the organisation differs from org.yaml's `name`.
    public var renamedAccounts: [(key: String, id: String, live: String, declared: String, location: SourceLocation)] = []

    /// A user or group as org.yaml names it.
    public struct PrincipalKey: Hashable, Sendable {
        public var kind: Principal.Kind
        public var name: String
    }

    /// IDs of principals org.yaml declares, and of the disabled ones among them.
    var principalOfID: [String: PrincipalKey] = [:]
    var disabledIDs = Set<String>()
    var accountKeyOfID: [String: String] = [:]

    public init(model: AccessModel, snapshot: Snapshot) {
        instanceARN = snapshot.instance.arn
        identityStoreID = snapshot.instance.identityStoreID
        let accountsByID = Dictionary(snapshot.accounts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for account in model.accounts {
            guard let live = accountsByID[account.id] else {
                unresolved.append(
                    Unresolved(
                        kind: .account,
                        message: "account '\(account.key)' (\(account.id)) is not an active account of the organisation",
                        location: (account.idLocation ?? account.location).inFile(model.file)))
                continue
            }
            accountKeyOfID[account.id] = account.key
            if let name = account.displayName, name != live.name {
                renamedAccounts.append((account.key, account.id, live.name, name, account.location.inFile(model.file)))
            }
        }
        let setsByName = Dictionary(snapshot.permissionSets.map { ($0.name, $0.arn) }, uniquingKeysWith: { first, _ in first })
        for role in model.roles where setsByName[role.name] == nil {
            unresolved.append(
                Unresolved(
                    kind: .permissionSet, message: "role '\(role.name)' is not a permission set of the instance",
                    location: role.location.inFile(model.file)))
        }
        let usersByName = Dictionary(snapshot.users.map { ($0.userName, $0.id) }, uniquingKeysWith: { first, _ in first })
        let groupsByName = Dictionary(snapshot.groups.map { ($0.displayName, $0.id) }, uniquingKeysWith: { first, _ in first })
        var idOf: [PrincipalKey: String] = [:]
        var nameOf: [PrincipalKey: String] = [:]
        for principal in model.declaredPrincipals {
            let key = PrincipalKey(kind: principal.kind, name: principal.name)
            guard let id = principal.kind == .user ? usersByName[principal.identityCenterName] : groupsByName[principal.identityCenterName]
            else {
                if !principal.disabled {
                    let what = principal.kind == .user ? "user name" : "group"
                    unresolved.append(
                        Unresolved(
                            kind: .principal, principal: key,
                            message: "Identity Center has no \(what) '\(principal.identityCenterName)'",
                            location: principal.location.inFile(model.file)))
                }
                continue
            }
            idOf[key] = id
            nameOf[key] = principal.identityCenterName
            principalOfID[id] = key
            if principal.disabled { disabledIDs.insert(id) }
        }
        let accountNames = Dictionary(snapshot.accounts.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        for declared in model.declaredAssignments {
            let key = PrincipalKey(kind: declared.principalKind, name: declared.principal)
            guard let principalID = idOf[key], accountKeyOfID[declared.accountID] != nil, let arn = setsByName[declared.role] else {
                continue
            }
            grants.append(
                Grant(
                    declared: declared, principalName: nameOf[key]!, accountName: accountNames[declared.accountID] ?? declared.account,
                    assignment: Snapshot.Assignment(
                        accountID: declared.accountID, permissionSetARN: arn,
                        principalType: declared.principalKind == .user ? .user : .group,
                        principalID: principalID)))
        }
        for declared in model.declaredMemberships {
            let userKey = PrincipalKey(kind: .user, name: declared.user)
            let groupKey = PrincipalKey(kind: .group, name: declared.group)
            guard let user = idOf[userKey], let group = idOf[groupKey], !disabledIDs.contains(user) else { continue }
            memberships.append(
                Membership(
                    declared: declared, userName: nameOf[userKey]!, groupName: nameOf[groupKey]!,
                    membership: Snapshot.Membership(groupID: group, userID: user)))
        }
    }

    /// The unresolved names as errors at their places in org.yaml, each saying what to do
    /// next: `assignments` never guesses.
    public var diagnostics: [Diagnostic] {
        unresolved.map { .error(.unknownInIdentityCenter, "\($0.message) (in the snapshot); \($0.kind.nextStep)", at: $0.location) }
    }
}
