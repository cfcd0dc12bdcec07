import OrgProfileKit
import OrgYAML
import Reconciliation
import Support

/// The text plan: what deploying the output would create and change, what it leaves alone,
/// what of a defined permission set the snapshot could not read (by part and call), which
/// accounts a permission set is provisioned to again, and which customer-managed policies
/// each account must hold. Built from drift's comparison (one comparison for both).
extension AssignmentsCompiler {
    public func plan(_ drift: Drift) -> String {
        var create: [String] = []
        var change: [String] = []
        var unmanaged: [String] = []
        var problems: [String] = []
        var reprovision: [String] = []
        var ends: [String] = []
        let accountNames = { (ids: [String]) in ids.map { accountKeys[$0] ?? $0 }.sorted().joined(separator: ", ") }

        for set in permissionSets where set.live == nil { create.append("+ permission set \(set.role.name)") }
        for entry in directory {
            let what = entry.declared.kind.rawValue
            guard let id = entry.id else {
                create.append("+ \(what) \(entry.declared.name) ('\(entry.declared.identityCenterName)')")
                continue
            }
            for difference in directoryDifferences(entry, id: id) { change.append("~ \(what) \(entry.declared.name): \(difference)") }
        }
        var changedRoles = Set<String>()
        for subject in drift.subjects {
            let who = subject.kind.map { "\($0.rawValue) \(subject.name ?? "")" } ?? ""
            for finding in subject.findings {
                switch finding.kind {
                case .missingAssignment: create.append("+ \(who): \(finding.role ?? "") on \(finding.account ?? "")")
                case .missingMembership where ownsDirectory: create.append("+ \(who): member of \(finding.group ?? "")")
                case .undeclaredAssignment: unmanaged.append("? \(who): \(finding.role ?? "") on \(finding.account ?? "")")
                case .undeclaredMembership where ownsDirectory: unmanaged.append("? \(who): member of \(finding.group ?? "")")
                case .permissionSetDefinition:
                    // The lines after the first (an inline policy's diff) indented under it.
                    change.append("~ " + finding.message.lines.joined(separator: "\n      "))
                    if let role = finding.role { changedRoles.insert(role) }
                case .outdatedProvisioning:
                    let arn = finding.role.flatMap { snapshotIndex.permissionSetsByName[$0]?.arn } ?? ""
                    reprovision.append(
                        "~ \(finding.message)\n      "
                            + Shell.command([
                                "aws", "sso-admin", "provision-permission-set", "--instance-arn", snapshot.instance.arn,
                                "--permission-set-arn", arn,
                                "--target-type", "ALL_PROVISIONED_ACCOUNTS",
                            ])
                    )
                // A membership is deployed (and so removed) only when org.yaml keeps the directory.
                case .expiredAccess where finding.group == nil || ownsDirectory: ends.append("- \(who): \(finding.message)")
                case .missingMembership, .undeclaredMembership, .accountName, .accountPlacement, .expiredAccess: continue
                case .missingPrincipal, .missingAccount, .missingPermissionSet: problems.append("! \(finding.message)")
                }
            }
        }
        for set in permissionSets where changedRoles.contains(set.role.name) {
            guard let live = set.live else { continue }
            let accounts = Set(snapshot.assignments.filter { $0.permissionSetARN == live.arn }.map(\.accountID)).sorted()
            guard !accounts.isEmpty else { continue }
            reprovision.append(
                "~ role '\(set.role.name)': its definition changes; applying provisions it again on \(accounts.count) account\(accounts.count == 1 ? "" : "s") (\(accountNames(accounts)))"
            )
        }

        let removals = ends.isEmpty ? "" : "\(ends.count) to remove (lapsed), "
        var text =
            "\(create.count) to create, \(change.count) to change, \(removals)\(unmanaged.count) existing but not declared (left alone)\n"
        func section(_ title: String, _ lines: [String], sorted: Bool = true) {
            guard !lines.isEmpty else { return }
            text += "\n\(title):\n" + (sorted ? lines.sorted() : lines).map { "  \($0)\n" }.joined()
        }
        section("would create", create)
        section("would change", change)
        section(
            "ends: \(ends.count) grant\(ends.count == 1 ? "" : "s") lapsed since the last snapshot (deploying removes each that an earlier deployment created; the command removes it by hand)",
            ends)
        section("existing, not declared in org.yaml", unmanaged)
        section("names the snapshot lacks", problems, sorted: false)
        section(
            "not read from Identity Center, so deploying replaces it unseen",
            permissionSets.flatMap { $0.live?.unreadReasons(snapshotVersion: snapshot.snapshotVersion) ?? [] }.map { "! \($0)" },
            sorted: false)
        section("to provision again", reprovision)
        section("sessions that can outlive a temporary grant (Identity Center does not end a session when its grant ends)", sessionNotes())
        section(
            "customer-managed policies each account must have before the permission set reaches it", customerManagedPolicyAccounts(),
            sorted: false)
        // A terminal's text: what came from the snapshot (a policy's diff, an AWS answer) escaped.
        return text.lines.map(TerminalText.escaped).joined(separator: "\n") + "\n"
    }

    /// The temporary grants in force whose time left is shorter than their permission set's
    /// session duration: a session started just before the end lasts up to that long after it.
    private func sessionNotes() -> [String] {
        guard let moment else { return [] }
        return grants.compactMap { grant in
            guard let end = grant.declared.end else { return nil }
            let role = grant.declared.role
            let duration =
                permissionSets.first { $0.role.name == role }?.definition.sessionDuration
                ?? snapshotIndex.permissionSetsByName[role]?.definition.sessionDuration ?? Self.defaultSessionDuration
            let left = Int(end.timeIntervalSince(moment))
            guard let seconds = PermissionSetRules.seconds(ofDuration: duration), seconds > left else { return nil }
            return
                "! \(grant.declared.principalKind.rawValue) \(grant.declared.principal): \(role) on \(grant.declared.account) ends \(AccessWindow.shown(end: end)), in \(UTCTime.words(seconds: left)); its session_duration is \(duration) (\(UTCTime.words(seconds: seconds))), so a session started before the end can outlive the grant by up to that"
        }
    }

    /// Identity Center's session duration for a permission set that does not set one.
    static let defaultSessionDuration = "PT1H"

    /// What deploying a group or user of the directory changes on the one that exists.
    private func directoryDifferences(_ entry: DirectoryEntry, id: String) -> [String] {
        func differs(_ what: String, live: String?, declared: String?) -> String? {
            guard let declared, declared != live else { return nil }
            return "\(what) is \(live.map { "'\($0)'" } ?? "not set") in Identity Center, '\(declared)' in org.yaml"
        }
        switch entry.declared.kind {
        case .group:
            let live = snapshotIndex.groupsByID[id]
            return [differs("the description", live: live?.description, declared: entry.description)].compactMap { $0 }
        case .user:
            let live = snapshotIndex.usersByID[id]
            return [
                differs("the display name", live: live?.displayName, declared: entry.displayName),
                differs("the e-mail", live: live?.email, declared: entry.email),
            ].compactMap { $0 }
        }
    }

    /// Each customer-managed policy a defined role refers to (as policy or boundary), with the
    /// accounts the role is granted on: IAM must have the policy there, which orgprofile
    /// cannot see.
    private func customerManagedPolicyAccounts() -> [String] {
        var lines: [String] = []
        for set in permissionSets {
            var references = set.definition.customerManagedPolicies
            if case .customerManaged(let boundary)? = set.definition.permissionsBoundary { references.append(boundary) }
            guard !references.isEmpty else { continue }
            let accounts = Set(grants.filter { $0.declared.role == set.role.name }.map(\.declared.account)).sorted()
            for policy in references {
                lines.append(
                    "\(policy.path)\(policy.name) (role \(set.role.name)): \(accounts.isEmpty ? "no account yet" : accounts.joined(separator: ", "))"
                )
            }
        }
        return lines
    }
}
