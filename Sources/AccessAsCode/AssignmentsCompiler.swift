import Crypto
import Foundation
import IdentityCenterSnapshot
import OrgProfileKit
import OrgYAML
import Reconciliation
import Support

/// org.yaml's part of Identity Center as infrastructure code: CloudFormation templates, a
/// Terraform JSON configuration, or rows for auditors. It holds the permission sets of the
/// roles org.yaml defines, the grants (assignments) and, for an organisation on the Identity
/// Center directory (`directory`), its groups, users and memberships. Names are resolved to
/// IDs once, through a snapshot (`Grants`); what the snapshot lacks and org.yaml defines is
/// referred to as a resource of the same output. Output is deterministic: everything is
/// sorted by names, and every name derived from a resource depends on that resource alone,
/// so adding or removing one leaves the others' names alone.
public struct AssignmentsCompiler {
    public enum Format: String, CaseIterable, Sendable {
        /// What would be created or changed, and what exists undeclared: a plan, writing nothing.
        case text
        case cloudformation, terraform, csv, json
    }

    /// CloudFormation's limit of resources in one stack.
    public static let resourcesPerTemplate = 500
    /// How many assignment operations CloudFormation is let run at once (it starts about 20).
    public static let concurrentOperations = 20
    /// CloudFormation's limit of outputs in one template.
    public static let outputsPerTemplate = 200

    /// A permission set org.yaml defines (a role with definition keys).
    public struct DefinedPermissionSet: Sendable {
        public var role: AccessModel.Role
        public var definition: PermissionSet
        /// What Identity Center has under that name, if anything.
        public var live: Snapshot.PermissionSet?
    }

    /// A group or user org.yaml keeps in the Identity Center directory: what a resource sets,
    /// org.yaml's values first, else the live ones, so deploying changes only what org.yaml says.
    public struct DirectoryEntry: Sendable {
        public var declared: AccessModel.DeclaredPrincipal
        /// Its ID, when Identity Center has it.
        public var id: String?
        /// The group's display name, or the user's.
        public var displayName: String
        public var email: String?
        public var description: String?
    }

    public let grants: [Grants.Grant]
    public let memberships: [Grants.Membership]
    /// By role name.
    public let permissionSets: [DefinedPermissionSet]
    /// Groups, then users, by key; empty unless `ownsDirectory`.
    public let directory: [DirectoryEntry]
    /// org.yaml keeps the Identity Center directory: its groups, users and memberships.
    public let ownsDirectory: Bool
    public let snapshot: Snapshot
    /// The snapshot's lookups, as the resolution built them.
    let snapshotIndex: Snapshot.Index
    public let project: String
    public let source: String
    let file: String
    /// org.yaml's key of each account, by ID.
    let accountKeys: [String: String]
    /// The moment org.yaml is read as of (`AccessModel.moment`).
    let moment: Date?

    /// `resolved` must have been built with the `creation` this output deploys
    /// (`Grants.Creation.definedPermissionSets`, and `.directory` when `directory`).
    public init(model: AccessModel, resolved: Grants, snapshot: Snapshot, source: String, directory owned: Bool) {
        grants = resolved.grants.sorted { Self.order($0).lexicographicallyPrecedes(Self.order($1)) }
        memberships =
            owned ? resolved.memberships.sorted { ($0.declared.user, $0.declared.group) < ($1.declared.user, $1.declared.group) } : []
        let live = resolved.snapshotIndex.permissionSetsByName
        permissionSets = model.roles.compactMap { role in
            role.definition.map { DefinedPermissionSet(role: role, definition: $0, live: live[role.name]) }
        }.sorted { $0.role.name < $1.role.name }
        if owned {
            let (users, groups) = (resolved.snapshotIndex.usersByID, resolved.snapshotIndex.groupsByID)
            directory = model.declaredPrincipals.compactMap { declared in
                let id = resolved.principalIDs[Grants.PrincipalKey(kind: declared.kind, name: declared.name)]
                let principal = declared.principal
                switch declared.kind {
                case .group:
                    return DirectoryEntry(
                        declared: declared, id: id, displayName: declared.identityCenterName,
                        description: principal.description ?? id.flatMap { groups[$0]?.description })
                case .user:
                    // A disabled user is never created; one that exists stays as it is.
                    guard !declared.disabled || id != nil else { return nil }
                    let user = id.flatMap { users[$0] }
                    return DirectoryEntry(
                        declared: declared, id: id,
                        displayName: principal.displayName ?? user?.displayName ?? declared.identityCenterName,
                        email: principal.email ?? user?.email)
                }
            }.sorted { ($0.declared.kind == .group ? 0 : 1, $0.declared.name) < ($1.declared.kind == .group ? 0 : 1, $1.declared.name) }
        } else {
            directory = []
        }
        ownsDirectory = owned
        self.snapshot = snapshot
        snapshotIndex = resolved.snapshotIndex
        project = model.project
        self.source = source
        file = model.file
        moment = model.moment
        accountKeys = Dictionary(model.accounts.map { ($0.id, $0.key) }, uniquingKeysWith: { first, _ in first })
    }

    /// How many CloudFormation resources the output holds.
    public var resourceCount: Int {
        permissionSets.count + directory.filter { $0.declared.kind == .group }.count + grants.count + memberships.count
    }

    static func order(_ grant: Grants.Grant) -> [String] {
        [grant.declared.principalKind.rawValue, grant.declared.principal, grant.declared.role, grant.declared.account]
    }

    /// The first 8 hex digits of the SHA-256 of a resource's names: what keeps a name unique
    /// when characters had to be dropped from it.
    static func digest(_ parts: [String]) -> String {
        SHA256.hash(data: Array(parts.joined(separator: "\u{0}").utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    /// The names a reviewer reads beside a grant's IDs.
    static func names(_ grant: Grants.Grant) -> [String: String] {
        [
            "principal_type": grant.principalType.rawValue, "principal": grant.declared.principal,
            "principal_name": grant.principalName,
            "permission_set": grant.declared.role, "account": grant.declared.account, "account_name": grant.accountName,
        ]
    }

    /// What this output cannot deploy, at its place in org.yaml; nothing is written then.
    /// CloudFormation has no resource that creates a user. Terraform imports every part of a
    /// permission set that exists, so it must know which do.
    public func refusals(for format: Format) -> [Diagnostic] {
        switch format {
        case .cloudformation:
            var refusals: [Diagnostic] = directory.filter { $0.declared.kind == .user && $0.id == nil }.map { entry in
                .error(
                    .notDeployable,
                    "user '\(entry.declared.name)' is not in Identity Center, and CloudFormation has no resource that creates a user; create it (the console, or aws identitystore create-user) and take a new snapshot, or deploy with --format terraform",
                    at: entry.declared.location.inFile(file))
            }
            if refusals.isEmpty, let crowded = cloudFormationTemplates().map({ $0.Outputs?.count ?? 0 }).max(),
                crowded > Self.outputsPerTemplate
            {
                refusals.append(
                    .error(
                        .notDeployable,
                        "the templates would export \(crowded) values from one template, more than CloudFormation's \(Self.outputsPerTemplate); deploy with --format terraform",
                        at: SourceLocation(file: file, line: 1, column: 1)))
            }
            return refusals
        case .terraform:
            return permissionSets.flatMap { set in
                (set.live?.unreadReasons(snapshotVersion: snapshot.snapshotVersion) ?? []).map { reason in
                    .error(
                        .notDeployable,
                        "\(reason), so Terraform cannot know whether to import that part; take a new snapshot with the rights docs/live.md lists",
                        at: set.role.location.inFile(file))
                }
            }
        case .text, .csv, .json:
            return []
        }
    }

    // MARK: Rows

    static let columns = [
        "principal_type", "principal", "principal_name", "permission_set", "account", "account_name", "account_id", "principal_id",
        "permission_set_arn",
    ]

    /// One row per grant; an ID still to be created is empty.
    func rows() -> [[String]] {
        grants.map { grant in
            [
                grant.principalType.rawValue, grant.declared.principal, grant.principalName, grant.declared.role,
                grant.declared.account, grant.accountName, grant.declared.accountID, grant.principalID ?? "",
                grant.permissionSetARN ?? "",
            ]
        }
    }

    /// CSV through its writer, as `report` writes it.
    public func csv() -> String {
        ([Self.columns] + rows()).map(CSV.record).joined()
    }

    public func json() -> String {
        JSON.encode(rows().map { Dictionary(uniqueKeysWithValues: zip(Self.columns, $0)) })
    }
}
