import IdentityCenterSnapshot
import OrgProfileKit
import OrgYAML

/// What org.yaml declares, resolved to Identity Center's IDs through a snapshot: the one
/// place names become IDs, for `drift` and for `assignments`. An account resolves by its ID,
/// a role by permission set name, a group by `identity_center_name` (else its key) against
/// display names, a user likewise against user names.
///
/// `assignments` may create what the snapshot lacks (`Creation`): then a permission set or
/// principal still to be created has no ID, and the grants that name it have no assignment yet.
public struct Grants: Sendable {
    /// What org.yaml may bring into being, so that its absence from the snapshot is no error.
    public struct Creation: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// The permission sets of roles org.yaml defines.
        public static let definedPermissionSets = Creation(rawValue: 1)
        /// The groups and enabled users org.yaml declares (the Identity Center directory).
        public static let directory = Creation(rawValue: 2)
    }

    /// One assignment org.yaml declares, with the names reviewers read and the IDs
    /// Identity Center takes.
    public struct Grant: Sendable, Hashable {
        public var declared: AccessModel.DeclaredAssignment
        /// The user's user name or the group's display name in Identity Center.
        public var principalName: String
        public var accountName: String
        /// nil: the permission set is still to be created.
        public var permissionSetARN: String?
        /// nil: the user or group is still to be created.
        public var principalID: String?

        public var principalType: Snapshot.PrincipalType { declared.principalKind == .user ? .user : .group }

        /// The assignment as Identity Center holds it, once everything it names exists.
        public var assignment: Snapshot.Assignment? {
            guard let permissionSetARN, let principalID else { return nil }
            return Snapshot.Assignment(
                accountID: declared.accountID, permissionSetARN: permissionSetARN, principalType: principalType,
                principalID: principalID)
        }
    }

    public struct Membership: Sendable {
        public var declared: AccessModel.DeclaredMembership
        public var userName: String
        public var groupName: String
        /// nil: still to be created.
        public var userID: String?
        public var groupID: String?

        public var membership: Snapshot.Membership? {
            guard let userID, let groupID else { return nil }
            return Snapshot.Membership(groupID: groupID, userID: userID)
        }
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
        /// A grant org.yaml declares names it: deploying the grants needs it. A user who only
        /// joins groups, for one, is needed by no grant (their access comes with the group's).
        public var isNeededByAGrant = false

        /// A short name for a list of them: `user 'frank'`, `account 'sandbox'`.
        public var subject: String
    }

    /// The unresolved names that some declared grant needs: what `assignments` cannot do without.
    public var unresolvedForGrants: [Unresolved] { unresolved.filter(\.isNeededByAGrant) }

    /// The snapshot's lookups, built here once for every reader of this resolution.
    public let snapshotIndex: Snapshot.Index
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

        public init(kind: Principal.Kind, name: String) {
            (self.kind, self.name) = (kind, name)
        }
    }

    /// The Identity Center ID of each principal org.yaml declares that the snapshot has.
    public var principalIDs: [PrincipalKey: String] = [:]
    /// IDs of principals org.yaml declares, and of the disabled ones among them.
    var principalOfID: [String: PrincipalKey] = [:]
    var disabledIDs = Set<String>()
    var accountKeyOfID: [String: String] = [:]

    public init(model: AccessModel, snapshot: Snapshot, creating: Creation = []) {
        let declaredAssignments = model.declaredAssignments
        let grantedAccounts = Set(declaredAssignments.map(\.accountID))
        let grantedRoles = Set(declaredAssignments.map(\.role))
        let grantees = Set(declaredAssignments.map { PrincipalKey(kind: $0.principalKind, name: $0.principal) })
        let live = Snapshot.Index(snapshot)
        snapshotIndex = live
        instanceARN = snapshot.instance.arn
        identityStoreID = snapshot.instance.identityStoreID
        for account in model.accounts {
            guard let found = live.accountsByID[account.id] else {
                unresolved.append(
                    Unresolved(
                        kind: .account,
                        message: "account '\(account.key)' (\(account.id)) is not an active account of the organisation",
                        location: (account.idLocation ?? account.location).inFile(model.file),
                        isNeededByAGrant: grantedAccounts.contains(account.id), subject: "account '\(account.key)'"))
                continue
            }
            accountKeyOfID[account.id] = account.key
            if let name = account.displayName, name != found.name {
                renamedAccounts.append((account.key, account.id, found.name, name, account.location.inFile(model.file)))
            }
        }
        let creatableRoles =
            creating.contains(.definedPermissionSets) ? Set(model.roles.filter { $0.definition != nil }.map(\.name)) : []
        for role in model.roles where live.permissionSetsByName[role.name] == nil && !creatableRoles.contains(role.name) {
            unresolved.append(
                Unresolved(
                    kind: .permissionSet, message: "role '\(role.name)' is not a permission set of the instance",
                    location: role.location.inFile(model.file), isNeededByAGrant: grantedRoles.contains(role.name),
                    subject: "role '\(role.name)'"))
        }
        var nameOf: [PrincipalKey: String] = [:]
        /// Principals to be created: known, without an ID.
        var pending = Set<PrincipalKey>()
        for principal in model.declaredPrincipals {
            let key = PrincipalKey(kind: principal.kind, name: principal.name)
            nameOf[key] = principal.identityCenterName
            guard
                let id = principal.kind == .user ? live.userIDs[principal.identityCenterName] : live.groupIDs[principal.identityCenterName]
            else {
                if creating.contains(.directory), !principal.disabled {
                    pending.insert(key)
                } else if !principal.disabled {
                    let what = principal.kind == .user ? "user name" : "group"
                    unresolved.append(
                        Unresolved(
                            kind: .principal, principal: key,
                            message: "Identity Center has no \(what) '\(principal.identityCenterName)'",
                            location: principal.location.inFile(model.file), isNeededByAGrant: grantees.contains(key),
                            subject: "\(principal.kind.rawValue) '\(principal.name)'"))
                }
                continue
            }
            principalIDs[key] = id
            principalOfID[id] = key
            if principal.disabled { disabledIDs.insert(id) }
        }
        for declared in declaredAssignments {
            let key = PrincipalKey(kind: declared.principalKind, name: declared.principal)
            let arn = live.permissionSetsByName[declared.role]?.arn
            guard principalIDs[key] != nil || pending.contains(key), accountKeyOfID[declared.accountID] != nil,
                arn != nil || creatableRoles.contains(declared.role)
            else { continue }
            grants.append(
                Grant(
                    declared: declared, principalName: nameOf[key]!,
                    accountName: live.accountsByID[declared.accountID]?.name ?? declared.account,
                    permissionSetARN: arn, principalID: principalIDs[key]))
        }
        for declared in model.declaredMemberships {
            let userKey = PrincipalKey(kind: .user, name: declared.user)
            let groupKey = PrincipalKey(kind: .group, name: declared.group)
            let user = principalIDs[userKey]
            guard user != nil || pending.contains(userKey), principalIDs[groupKey] != nil || pending.contains(groupKey),
                !(user.map(disabledIDs.contains) ?? false)
            else { continue }
            memberships.append(
                Membership(
                    declared: declared, userName: nameOf[userKey]!, groupName: nameOf[groupKey]!, userID: user,
                    groupID: principalIDs[groupKey]))
        }
    }

    /// Unresolved names as errors at their places in org.yaml, each saying what to do next:
    /// `assignments` never guesses.
    public static func diagnostics(_ unresolved: [Unresolved]) -> [Diagnostic] {
        unresolved.map { .error(.unknownInIdentityCenter, "\($0.message) (in the snapshot); \($0.kind.nextStep)", at: $0.location) }
    }
}
