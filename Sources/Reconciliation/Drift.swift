import Foundation
import IdentityCenterSnapshot
import OrgProfileKit
import OrgYAML
import Support

/// Where IAM Identity Center differs from org.yaml: access org.yaml promises that does not
/// exist (the profile fails for that person), access that exists but nobody reviewed,
/// memberships either way, and the names org.yaml uses that Identity Center lacks.
public struct Drift: Sendable {
    public enum Kind: String, Sendable, Codable {
        /// org.yaml declares it; Identity Center does not have it.
        case missingAssignment = "missing_assignment"
        /// Identity Center has it; org.yaml does not declare it.
        case undeclaredAssignment = "undeclared_assignment"
        case missingMembership = "missing_membership"
        case undeclaredMembership = "undeclared_membership"
        /// A user or group org.yaml names that Identity Center does not have.
        case missingPrincipal = "missing_principal"
        /// An account org.yaml names whose ID the organisation does not have.
        case missingAccount = "missing_account"
        /// An account whose ID exists under another name.
        case accountName = "account_name"
        /// A role org.yaml names that is no permission set of the instance.
        case missingPermissionSet = "missing_permission_set"
        /// A part of a permission set org.yaml defines that Identity Center has otherwise.
        case permissionSetDefinition = "permission_set_definition"
        /// A permission set provisioned to some accounts with an older version than its latest.
        case outdatedProvisioning = "outdated_provisioning"
        /// An account whose OU or tags in Organizations differ from org.yaml's.
        case accountPlacement = "account_placement"
        /// An assignment or membership Identity Center still has although org.yaml's grant of
        /// it has ended (`until`).
        case expiredAccess = "expired_access"
    }

    public struct Finding: Sendable, Equatable {
        public var kind: Kind
        /// The account's key, or its ID when org.yaml does not know it.
        public var account: String?
        public var role: String?
        /// The group of a membership.
        public var group: String?
        /// What it is about, in words.
        public var message: String
        /// Where org.yaml declares it, when it does.
        public var location: SourceLocation?
        /// Grants power nobody reviewed, or is a user-management or privileged-role grant.
        public var isPrivileged: Bool
    }

    /// The findings about one user or group, or about the org as a whole (accounts and
    /// permission sets: `kind` and `name` nil).
    public struct Subject: Sendable, Equatable {
        public var kind: Principal.Kind?
        /// The key in org.yaml, else the name in Identity Center.
        public var name: String?
        /// Not in org.yaml at all.
        public var undeclared: Bool
        public var findings: [Finding]

        public var isPrivileged: Bool { findings.contains(where: \.isPrivileged) }
    }

    /// Privileged subjects first, then the org, users and groups by name.
    public var subjects: [Subject]

    public var isEmpty: Bool { subjects.isEmpty }

    /// `lapsed`: the model of org.yaml's grants that have ended (`Compiler.Analysis.lapsed`),
    /// whose assignments and memberships still live are `expiredAccess`.
    public init(model: AccessModel, snapshot: Snapshot, lapsed: AccessModel? = nil) {
        self.init(model: model, snapshot: snapshot, resolved: Grants(model: model, snapshot: snapshot), lapsed: lapsed)
    }

    /// `resolved`: org.yaml's grants resolved against the same snapshot (`Grants`), which
    /// the caller uses for more (`assignments` compiles them).
    public init(model: AccessModel, snapshot: Snapshot, resolved: Grants, lapsed ended: AccessModel? = nil) {
        /// Findings by subject; the org's own findings have no key.
        var subjects: [Grants.PrincipalKey?: Subject] = [:]
        func add(_ finding: Finding, kind: Principal.Kind?, name: String?, undeclared: Bool = false) {
            let key = kind.map { Grants.PrincipalKey(kind: $0, name: name ?? "") }
            subjects[key, default: Subject(kind: kind, name: name, undeclared: undeclared, findings: [])].findings.append(finding)
        }
        for problem in resolved.unresolved {
            let kind: Kind =
                switch problem.kind {
                case .account: .missingAccount
                case .permissionSet: .missingPermissionSet
                case .principal: .missingPrincipal
                }
            let consequence = problem.principal.map { "; the \($0.kind.rawValue)'s profiles fail at sign-in" } ?? ""
            add(
                Finding(kind: kind, message: problem.message + consequence, location: problem.location, isPrivileged: false),
                kind: problem.principal?.kind, name: problem.principal?.name)
        }
        for finding in Self.definitionFindings(model: model, index: resolved.snapshotIndex)
            + Self.placementFindings(model: model, index: resolved.snapshotIndex)
        {
            add(finding, kind: nil, name: nil)
        }
        for renamed in resolved.renamedAccounts {
            add(
                Finding(
                    kind: .accountName, account: renamed.key,
                    message:
                        "account '\(renamed.key)' (\(renamed.id)) is named '\(renamed.live)' in the organisation, '\(renamed.declared)' in org.yaml",
                    location: renamed.location, isPrivileged: false), kind: nil, name: nil)
        }
        let index = resolved.snapshotIndex
        let accountKeyOfID = resolved.accountKeyOfID
        let keyOfID = resolved.principalOfID
        let disabled = resolved.disabledIDs

        // Assignments, both ways.
        let live = index.assignments
        var declared = Set<Snapshot.Assignment>()
        for grant in resolved.grants {
            // A grant naming what is still to be created is missing by definition.
            if let assignment = grant.assignment {
                declared.insert(assignment)
                if live.contains(assignment) { continue }
            }
            let assignment = grant.declared
            let what =
                assignment.userManagement.map {
                    " (the \($0 == .organizationManagement ? "Organization Management" : "delegated-admin") user-management grant)"
                } ?? ""
            add(
                Finding(
                    kind: .missingAssignment, account: assignment.account, role: assignment.role,
                    message:
                        "\(assignment.role) on \(assignment.account) (\(assignment.accountID))\(what) is declared but not assigned in Identity Center; the profile fails at sign-in",
                    location: assignment.location,
                    isPrivileged: assignment.userManagement != nil || model.isPrivileged(role: assignment.role)),
                kind: assignment.principalKind, name: assignment.principal)
        }
        func subject(_ type: Snapshot.PrincipalType, _ id: String) -> (Principal.Kind, String, Bool) {
            if let key = keyOfID[id] { return (key.kind, key.name, false) }
            let kind: Principal.Kind = type == .user ? .user : .group
            return (kind, (type == .user ? index.usersByID[id]?.userName : index.groupsByID[id]?.displayName) ?? id, true)
        }
        let lapsed = ended.map { Lapsed($0, resolved: resolved) }
        for assignment in snapshot.assignments where !declared.contains(assignment) {
            let role = index.permissionSetNames[assignment.permissionSetARN] ?? assignment.permissionSetARN
            let account = accountKeyOfID[assignment.accountID] ?? assignment.accountID
            let (kind, name, undeclared) = subject(assignment.principalType, assignment.principalID)
            if let grant = lapsed?.assignments[assignment] {
                let remove = Shell.command([
                    "aws", "sso-admin", "delete-account-assignment", "--instance-arn", snapshot.instance.arn, "--target-id",
                    assignment.accountID, "--target-type", "AWS_ACCOUNT", "--permission-set-arn", assignment.permissionSetARN,
                    "--principal-type", assignment.principalType.rawValue, "--principal-id", assignment.principalID,
                ])
                add(
                    Finding(
                        kind: .expiredAccess, account: account, role: role,
                        message:
                            "\(role) on \(account) (\(assignment.accountID)) is still assigned in Identity Center, but org.yaml's grant of it ended (until \(AccessWindow.shown(end: grant.end ?? .distantPast))); remove it: \(remove)",
                        location: grant.location, isPrivileged: grant.userManagement != nil || model.isPrivileged(role: role)),
                    kind: kind, name: name)
                continue
            }
            let note = disabled.contains(assignment.principalID) ? " (the user is disabled in org.yaml)" : ""
            add(
                Finding(
                    kind: .undeclaredAssignment, account: account, role: role,
                    message:
                        "\(role) on \(account) (\(assignment.accountID)) is assigned in Identity Center but not declared in org.yaml\(note); nobody reviewed it",
                    location: nil, isPrivileged: true), kind: kind, name: name, undeclared: undeclared)
        }

        // Memberships, both ways; a disabled user is expected in no group.
        let liveMemberships = index.memberships
        var declaredMemberships = Set<Snapshot.Membership>()
        for membership in resolved.memberships {
            if let pair = membership.membership { declaredMemberships.insert(pair) }
            if !(membership.membership.map(liveMemberships.contains) ?? false) {
                let group = membership.declared.group
                add(
                    Finding(
                        kind: .missingMembership, group: group,
                        message: "member of group '\(group)' in org.yaml but not in Identity Center; the group's profiles fail at sign-in",
                        location: membership.declared.location, isPrivileged: false), kind: .user, name: membership.declared.user)
            }
        }
        for membership in snapshot.memberships where !declaredMemberships.contains(membership) {
            let (_, user, undeclared) = subject(.user, membership.userID)
            let (_, group, _) = subject(.group, membership.groupID)
            if let lapsed, let ended = lapsed.memberships[membership] {
                let store = snapshot.instance.identityStoreID
                let id = Shell.command([
                    "aws", "identitystore", "get-group-membership-id", "--identity-store-id", store, "--group-id", membership.groupID,
                    "--member-id", "UserId=" + membership.userID, "--query", "MembershipId", "--output", "text",
                ])
                add(
                    Finding(
                        kind: .expiredAccess, group: group,
                        message:
                            "member of group '\(group)' in Identity Center, but org.yaml's membership ended (until \(AccessWindow.shown(end: ended.end ?? .distantPast))); remove it: aws identitystore delete-group-membership --identity-store-id \(Shell.quoted(store)) --membership-id \"$(\(id))\"",
                        location: ended.location, isPrivileged: lapsed.privilegedGroups.contains(group)),
                    kind: .user, name: user)
                continue
            }
            let note = disabled.contains(membership.userID) ? " (the user is disabled in org.yaml)" : ""
            add(
                Finding(
                    kind: .undeclaredMembership, group: group,
                    message:
                        "member of group '\(group)' in Identity Center but not in org.yaml\(note); holds the group's access unreviewed",
                    location: nil, isPrivileged: true), kind: .user, name: user, undeclared: undeclared)
        }

        self.subjects = subjects.values.map { subject in
            var sorted = subject
            for index in sorted.findings.indices { sorted.findings[index].location = sorted.findings[index].location?.inFile(model.file) }
            sorted.findings.sort {
                ($0.isPrivileged ? 0 : 1, $0.kind.rawValue, $0.account ?? "", $0.role ?? "", $0.group ?? "", $0.message) < (
                    $1.isPrivileged ? 0 : 1, $1.kind.rawValue, $1.account ?? "", $1.role ?? "", $1.group ?? "", $1.message
                )
            }
            return sorted
        }.sorted { lhs, rhs in
            (lhs.isPrivileged ? 0 : 1, lhs.kind == nil ? 0 : lhs.kind == .user ? 1 : 2, lhs.name ?? "")
                < (rhs.isPrivileged ? 0 : 1, rhs.kind == nil ? 0 : rhs.kind == .user ? 1 : 2, rhs.name ?? "")
        }
    }
}

extension Drift {
    /// org.yaml's grants that have ended, resolved to what Identity Center would hold, by the
    /// same names as the grants in force (`Grants`).
    struct Lapsed {
        var assignments: [Snapshot.Assignment: AccessModel.DeclaredAssignment] = [:]
        var memberships: [Snapshot.Membership: AccessModel.DeclaredMembership] = [:]
        /// The groups whose grants in force include a privileged role or user management: a
        /// membership of one held past its end is privileged.
        var privilegedGroups = Set<String>()

        /// `lapsed`: the model of the grants that have ended (`Compiler.Analysis.lapsed`). Of two
        /// lapsed grants of one assignment, the later end is kept.
        init(_ lapsed: AccessModel, resolved: Grants) {
            let ids = resolved.principalIDs
            for declared in lapsed.declaredAssignments {
                guard let principal = ids[Grants.PrincipalKey(kind: declared.principalKind, name: declared.principal)],
                    let arn = resolved.snapshotIndex.permissionSetsByName[declared.role]?.arn
                else { continue }
                let assignment = Snapshot.Assignment(
                    accountID: declared.accountID, permissionSetARN: arn, principalType: declared.principalKind == .user ? .user : .group,
                    principalID: principal)
                if let known = assignments[assignment], (known.end ?? .distantPast) >= (declared.end ?? .distantPast) { continue }
                assignments[assignment] = declared
            }
            for declared in lapsed.declaredMemberships {
                guard let user = ids[Grants.PrincipalKey(kind: .user, name: declared.user)],
                    let group = ids[Grants.PrincipalKey(kind: .group, name: declared.group)]
                else { continue }
                memberships[Snapshot.Membership(groupID: group, userID: user)] = declared
            }
            for grant in resolved.grants where grant.declared.principalKind == .group {
                if grant.declared.userManagement != nil || lapsed.isPrivileged(role: grant.declared.role) {
                    privilegedGroups.insert(grant.declared.principal)
                }
            }
        }
    }
}
