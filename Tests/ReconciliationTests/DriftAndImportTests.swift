import Foundation
import IdentityCenterSnapshot
import OrgProfileKit
import OrgYAML
import Support
import TestSupport
import Testing

@testable import FileSafety
@testable import Reconciliation

/// The in-memory Identity Center of `SnapshotFixture`, and org.yaml texts made from it.
enum Fixture {
    static let arn = SnapshotFixture.arn
    static func ps(_ name: String) -> String { SnapshotFixture.ps(name) }
    static var snapshot: Snapshot { SnapshotFixture.snapshot }
    static var definedSnapshot: Snapshot { SnapshotFixture.definedSnapshot }

    static func imported() -> String {
        var importer = OrgImport(snapshot: snapshot, project: "acme", region: "eu-west-1")
        return importer.render()
    }
}

@Suite struct OrgImportTests {
    @Test func importedFileValidatesAndIsStable() throws {
        let yaml = Fixture.imported()
        #expect(yaml == Fixture.imported())
        // Shuffled input, same bytes: everything is sorted on the way in.
        var shuffled = Fixture.snapshot
        shuffled.assignments.reverse()
        shuffled.users.reverse()
        shuffled.accounts.reverse()
        var importer = OrgImport(snapshot: shuffled, project: "acme", region: "eu-west-1")
        #expect(importer.render() == yaml)
        let analysis = Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8)))
        #expect(analysis.diagnostics.isEmpty, "\(analysis.diagnostics)\n\(yaml)")

        #expect(yaml.contains("  org-management:\n    id: \"111111111111\"\n    name: Org Management\n"))
        #expect(yaml.contains("  dev-team:\n    identity_center_name: Dev Team\n    description: Developers\n"))
        #expect(yaml.contains("  ops:\n    assignments:\n      - role: ReadOnlyAccess\n        accounts: \"*\"\n"))
        // user_management stays a comment that says what to fill in and where the accounts are.
        #expect(
            yaml.contains(
                """
                # user_management:
                #   delegated_admin:              # ordinary user-management admins
                #     account: infrastructure     # 222222222222, the delegated administrator of IAM Identity Center
                #     role: ROLE                  # assigned there now: AdministratorAccess, ReadOnlyAccess
                #   organization_management:      # super admins
                #     account: org-management     # 111111111111, the Organization Management account
                #     role: ROLE                  # assigned there now: ReadOnlyAccess

                """), "\(yaml)")
        #expect(yaml.contains("replace each ROLE with a role declared under\n# roles: above"))
        #expect(yaml.contains("  start_url: https://d-1234567890.awsapps.com/start\n"))
    }

    /// Roles granted on one account, to anyone, do not share the plain name: Developer and
    /// ReadOnlyAccess on workload-dev (both Ben's), AdministratorAccess (Ann's) and
    /// ReadOnlyAccess (ops') on infrastructure. The most widely held keeps the plain name, so
    /// `acme-infrastructure` means ReadOnlyAccess for everybody, and Ann joining ops later
    /// collides with nothing and renames nothing.
    @Test func suffixesWhereRolesShareAnAccountForAnyone() throws {
        let yaml = Fixture.imported()
        #expect(yaml.contains("  Developer:\n    profile_suffix: developer\n"), "\(yaml)")
        #expect(yaml.contains("  ReadOnlyAccess: {}\n"))
        #expect(yaml.contains("  AdministratorAccess:\n    profile_suffix: administrator\n"))
        let model = try accessModel(yaml)
        let ben = try #require(model.principal(named: "ben", kind: .user))
        #expect(
            model.profiles(for: ben).map(\.name) == [
                "acme-infrastructure", "acme-org-management", "acme-workload-dev", "acme-workload-dev-developer",
            ])
        let ann = try #require(model.principal(named: "ann@x.example", kind: .user))
        let annBefore = model.profiles(for: ann).map(\.name)
        #expect(annBefore == ["acme-infrastructure-administrator", "acme-workload-dev-developer"])
        let joined = try accessModel(yaml.replacingOccurrences(of: "groups: [dev-team]\n", with: "groups: [dev-team, ops]\n"))
        #expect(joined.collisionDiagnostics().isEmpty)
        let annAfter = joined.profiles(for: try #require(joined.principal(named: "ann@x.example", kind: .user))).map(\.name)
        #expect(Set(annBefore).isSubset(of: annAfter) && annAfter.count == 5, "\(annAfter)")
        #expect(OrgImport.suffix(forRole: "ReadOnlyAccess") == "readonly")
        #expect(OrgImport.suffix(forRole: "AWSPowerUserAccess") == "awspoweruser")
    }

    /// A definition the snapshot read whole is written into the role in org.yaml's forms, and
    /// reads back as the same permission set; a partly read one is left to Identity Center.
    @Test func importWritesDefinitions() throws {
        var snapshot = Fixture.definedSnapshot
        let index = try #require(snapshot.permissionSets.firstIndex { $0.name == "ReadOnlyAccess" })
        var importer = OrgImport(snapshot: snapshot, project: "acme", region: "eu-west-1")
        let yaml = importer.render()
        #expect(
            yaml.contains(
                """
                  ReadOnlyAccess:
                    description: "Reads: everything"
                    session_duration: PT8H
                    relay_state: https://console.aws.amazon.com/
                    managed_policies: [ReadOnlyAccess, job-function/ViewOnlyAccess]
                    customer_managed_policies:
                      - {name: "audit,extras", path: "/security/"}
                      - {name: billing}
                    permissions_boundary: PowerUserAccess
                    tags:
                      cost-center: "4711"
                      team: ops
                    inline_policy:
                      Statement:
                        - Action:
                            - s3:DeleteBucket
                          Condition:
                            Bool:
                              aws:MultiFactorAuthPresent: "false"
                            NumericLessThan:
                              aws:MultiFactorAuthAge: "3600"
                          Effect: Deny
                          Resource: "arn:aws:s3:::*"
                      Version: "2012-10-17"

                """), "\(yaml)")
        let analysis = Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8)))
        #expect(analysis.diagnostics.isEmpty, "\(analysis.diagnostics)")
        let definition = try #require(analysis.model?.roles.first { $0.name == "ReadOnlyAccess" }?.definition)
        let read = snapshot.permissionSets[index]
        #expect(definition.managedPolicyARNs.sorted() == read.definition.managedPolicyARNs)
        #expect(Set(definition.customerManagedPolicies.map { "\($0.path)\($0.name)" }) == ["/security/audit,extras", "/billing"])
        #expect(definition.permissionsBoundary == .managed(arn: "arn:aws:iam::aws:policy/PowerUserAccess"))
        #expect(definition.tags == read.definition.tags)
        #expect(definition.inlinePolicy?.normalizedPolicy == read.definition.inlinePolicy?.normalizedPolicy)
        // Read in part: what was read is written, and a comment names each part that was not,
        // with the call that failed and its answer.
        snapshot.permissionSets[index].read.subtract([.tags, .permissionsBoundary])
        snapshot.permissionSets[index].unread = [
            .init(part: .part(.tags), action: "sso:ListTagsForResource", reason: "HTTP 500 Internal Server Error")
        ]
        var partial = OrgImport(snapshot: snapshot, project: "acme", region: "eu-west-1")
        let partialYAML = partial.render()
        #expect(
            partialYAML.contains(
                """
                  ReadOnlyAccess:
                    # These parts were not read, so not imported: deploying this role as written would clear or replace
                    # them unseen. Take a new snapshot with the rights docs/live.md lists, or declare them.
                    #   the permissions boundary of permission set 'ReadOnlyAccess' was not read (the snapshot does not say why)
                    #   the tags of permission set 'ReadOnlyAccess' were not read: sso:ListTagsForResource failed: HTTP 500 Internal Server Error
                    description: "Reads: everything"
                    session_duration: PT8H

                """), "\(partialYAML)")
        #expect(!partialYAML.contains("permissions_boundary:") && partialYAML.contains("    managed_policies: [ReadOnlyAccess"))
        // Nothing read, and the snapshot says why: the role stays undefined, with the reasons.
        var unreadable = Fixture.snapshot
        unreadable.permissionSets[0].unread = PermissionSetPart.allCases.map {
            .init(part: .part($0), action: "sso:Read", reason: "AccessDeniedException")
        }
        var refused = OrgImport(snapshot: unreadable, project: "acme", region: "eu-west-1")
        let refusedYAML = refused.render()
        #expect(
            refusedYAML.contains(
                "  AdministratorAccess:\n    profile_suffix: administrator\n    # Not defined here: what it grants was not read, so this role refers to the permission set as it is.\n    #   the managed policies of permission set 'AdministratorAccess' were not read: sso:Read failed: AccessDeniedException\n"
            ), "\(refusedYAML)")
        #expect(Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(refusedYAML.utf8))).model?.roles.first?.definition == nil)
    }

    @Test func keysAreSlugsMadeUnique() {
        #expect(OrgProfile.slug("Workload Production (EU)", fallback: "account") == "workload-production-eu")
        #expect(OrgProfile.slug("123 Sandbox", fallback: "account") == "account-123-sandbox")
        #expect(OrgProfile.slug("!!!", fallback: "group") == "group")
        #expect(OrgProfile.slug(String(repeating: "long name ", count: 10), fallback: "x").count <= 32)
        #expect(OrgImport.uniqueKeys(["Dev", "dev", "DEV!"], fallback: "x") == ["dev", "dev-2", "dev-3"])
    }
}

@Suite struct DriftTests {
    /// Every code of the live side is documented in docs/diagnostics.md.
    @Test func everyCodeIsDocumented() throws {
        let docs = try String(contentsOf: packageRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        for code in DiagnosticCode.identityCenterCodes {
            #expect(docs.contains("### `\(code.rawValue)`"), "docs/diagnostics.md has no section for \(code.rawValue)")
        }
    }

    func drift(_ yaml: String, _ snapshot: Snapshot = Fixture.snapshot) throws -> [String] {
        let result = Drift(model: try accessModel(yaml), snapshot: snapshot)
        return result.subjects.flatMap { subject in
            subject.findings.map {
                "\(subject.kind?.rawValue ?? "org") \(subject.name ?? "-") \($0.kind.rawValue)\($0.isPrivileged ? " !" : "")\($0.location.map { " @\($0.line):\($0.column)" } ?? "")"
            }
        }
    }

    /// Placed and tagged: an import writes where each account sits, with --selectors an OU for
    /// a group's grant that covers exactly its accounts; drift reports an account placed or
    /// tagged otherwise live, with the grants that would follow it.
    @Test func accountsPlacedOtherwiseLive() throws {
        var snapshot = Fixture.snapshot
        snapshot.accounts[0].ou = "/"
        snapshot.accounts[1].ou = "Platform/Shared"
        snapshot.accounts[2].ou = "Platform/Shared"
        for index in snapshot.accounts.indices { snapshot.accounts[index].tags = [:] }
        snapshot.accounts[2].tags = ["team": "dev", "cost center": "4711"]
        var importer = OrgImport(snapshot: snapshot, project: "acme", region: "eu-west-1")
        importer.selectors = true
        let yaml = importer.render()
        #expect(yaml.contains("    ou: \"/\"\n"), "\(yaml)")
        #expect(
            yaml.contains(
                "  workload-dev:\n    id: \"333333333333\"\n    name: Workload Dev\n    ou: Platform/Shared\n    tags:\n      cost center: \"4711\"\n      team: dev\n"
            ), "\(yaml)")
        // ops holds ReadOnlyAccess everywhere ("*"); dev-team's Developer is one account; no OU selector for either.
        #expect(!yaml.contains("{ou:"))
        #expect(try drift(yaml, snapshot) == [])

        let selective = yaml.replacingOccurrences(
            of: "      - role: Developer\n        accounts: [workload-dev]\n",
            with: "      - role: Developer\n        accounts: [{tags: {team: dev}}]\n")
        #expect(selective != yaml)
        var moved = snapshot
        moved.accounts[2].ou = "Sandbox"
        moved.accounts[2].tags = ["team": "ops"]
        let found = Drift(model: try accessModel(selective), snapshot: moved).subjects.flatMap(\.findings).filter {
            $0.kind == .accountPlacement
        }
        #expect(
            found.map(\.message) == [
                "account 'workload-dev' (333333333333) is in OU Sandbox in Organizations, Platform/Shared in org.yaml and has tags team=ops in Organizations, cost center=4711, team=dev in org.yaml; placed as Organizations has it, group dev-team would lose Developer"
            ])
        #expect(found.first?.isPrivileged == false)
        // Where org.yaml does not place an account, its OU is not compared; its tags still are.
        let unplaced = Drift(
            model: try accessModel(selective.replacingOccurrences(of: "    ou: Platform/Shared\n", with: "")), snapshot: moved)
        #expect(
            unplaced.subjects.flatMap(\.findings).filter { $0.kind == .accountPlacement }.map(\.message) == [
                "account 'workload-dev' (333333333333) has tags team=ops in Organizations, cost center=4711, team=dev in org.yaml; placed as Organizations has it, group dev-team would lose Developer"
            ])
    }

    @Test func aFreshImportHasNoDrift() throws {
        #expect(try drift(Fixture.imported()) == [])
        #expect(
            DriftFormat.text.render(Drift(model: try accessModel(Fixture.imported()), snapshot: Fixture.snapshot))
                == "no drift: IAM Identity Center holds exactly what org.yaml declares\n")
    }

    /// Import, then drift finds nothing; a change of an inline policy's form only still
    /// nothing; a change of its meaning, a managed policy attached live and a session
    /// duration changed live: exactly those three, at the role's place.
    @Test func definitionsAreComparedAsIAMReadsThem() throws {
        var importer = OrgImport(snapshot: Fixture.definedSnapshot, project: "acme", region: "eu-west-1")
        let yaml = importer.render()
        #expect(try drift(yaml, Fixture.definedSnapshot) == [])
        let line = try #require(yaml.components(separatedBy: "\n").firstIndex(of: "  ReadOnlyAccess:")) + 1
        // The same policy written otherwise: flow style, a string for a one-element list, keys reordered.
        let reformatted = yaml.replacingOccurrences(
            of: """
                      Statement:
                        - Action:
                            - s3:DeleteBucket
                """,
            with: """
                      Statement:
                        - Action: s3:DeleteBucket
                """)
        #expect(reformatted != yaml)
        #expect(try drift(reformatted, Fixture.definedSnapshot) == [])
        var changed = Fixture.definedSnapshot
        let index = try #require(changed.permissionSets.firstIndex { $0.name == "ReadOnlyAccess" })
        changed.permissionSets[index].definition.managedPolicyARNs.append("arn:aws:iam::aws:policy/AdministratorAccess")
        changed.permissionSets[index].definition.sessionDuration = "PT2H"
        changed.permissionSets[index].definition.inlinePolicy = changed.permissionSets[index].definition.inlinePolicy.flatMap {
            JSONValue(policyText: $0.canonicalText.replacingOccurrences(of: "\"Deny\"", with: "\"Allow\""))
        }
        changed.permissionSets[index].outdatedAccountIDs = ["222222222222"]
        #expect(
            try drift(yaml, changed) == [
                "org - permission_set_definition ! @\(line):3", "org - permission_set_definition ! @\(line):3",
                "org - outdated_provisioning @\(line):3", "org - permission_set_definition @\(line):3",
            ])
        let messages = Drift(model: try accessModel(yaml), snapshot: changed).subjects.flatMap(\.findings).map(\.message)
        #expect(
            messages.contains(
                "role 'ReadOnlyAccess': managed policy arn:aws:iam::aws:policy/AdministratorAccess is attached in Identity Center but not in org.yaml"
            ))
        #expect(messages.contains("role 'ReadOnlyAccess': the session duration is 'PT2H' in Identity Center, 'PT8H' in org.yaml"))
        #expect(
            messages.contains(
                "role 'ReadOnlyAccess': not provisioned with its latest version on 1 account (infrastructure); provision it again there"))
        let inline = try #require(messages.first { $0.contains("the inline policy differs") })
        #expect(inline.contains("\n-    \"Effect\" : \"Allow\",\n+    \"Effect\" : \"Deny\",\n"), "\(inline)")
        // Shown line by line: indented under the finding in text, as a fenced diff after the table in Markdown.
        let drift = Drift(model: try accessModel(yaml), snapshot: changed)
        let text = DriftFormat.text.render(drift)
        #expect(text.contains("\n      -    \"Effect\" : \"Allow\",\n      +    \"Effect\" : \"Deny\",\n"), "\(text)")
        let markdown = DriftFormat.markdown.render(drift)
        #expect(markdown.contains("```diff\n--- a/inline-policy.json\n"), "\(markdown)")
        #expect(markdown.contains("\n-    \"Effect\" : \"Allow\",\n+    \"Effect\" : \"Deny\",\n"), "\(markdown)")
        #expect(!markdown.contains("\\u{A}"))
    }

    @Test func everyKindOfDifferenceIsFoundAndLocated() throws {
        var yaml = Fixture.imported()
        // Declared, not assigned; a membership declared, not present; a user, group,
        // account and permission set Identity Center lacks; an account renamed.
        yaml = yaml.replacingOccurrences(
            of: "      - role: Developer\n        accounts: [workload-dev]\n",
            with: "      - role: Developer\n        accounts: [workload-dev, infrastructure]\n")
        yaml += "  cleo:\n    groups: [dev-team]\n"
        yaml = yaml.replacingOccurrences(
            of: "    name: Org Management\n", with: "    name: Org Mgmt\n  sandbox:\n    id: \"999999999999\"\n")
        yaml = yaml.replacingOccurrences(of: "  ReadOnlyAccess: {}\n", with: "  ReadOnlyAccess: {}\n  Billing: {}\n")
        yaml = yaml.replacingOccurrences(
            of: "groups:\n", with: "groups:\n  finance:\n    assignments:\n      - role: Billing\n        accounts: [sandbox]\n")
        // Assigned, not declared: ann's direct administrator grant is gone from org.yaml.
        yaml = yaml.replacingOccurrences(
            of: "    assignments:\n      - role: AdministratorAccess\n        accounts: [infrastructure]\n", with: "")
        // A membership present, not declared.
        yaml = yaml.replacingOccurrences(of: "    groups: [dev-team, ops]\n", with: "    groups: [ops]\n")
        let found = try drift(yaml)
        #expect(found.contains("user ann@x.example undeclared_assignment !"), "\(found)")
        #expect(found.contains("user ben undeclared_membership !"), "\(found)")
        #expect(found.contains { $0.hasPrefix("group dev-team missing_assignment @") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("user cleo missing_principal @") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("group finance missing_principal @") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("org - missing_account @") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("org - account_name @") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("org - missing_permission_set @") }, "\(found)")
        // Privileged first.
        #expect(found.first?.hasSuffix("!") == true, "\(found)")
    }

    @Test func aMissingMembershipIsLocated() throws {
        var snapshot = Fixture.snapshot
        snapshot.memberships.removeAll { $0.userID == "u-ann" }
        let found = try drift(Fixture.imported(), snapshot)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("user ann@x.example missing_membership @") == true, "\(found)")
    }

    /// user_management promises grants: to the group that carries the flag, to a super
    /// admin for the Organization Management account.
    @Test func userManagementGrantsAreChecked() throws {
        var yaml = Fixture.imported()
        yaml = yaml.replacingOccurrences(
            of: "\ngroups:\n",
            with: """

                user_management:
                  delegated_admin: {account: infrastructure, role: ReadOnlyAccess}
                  organization_management: {account: org-management, role: AdministratorAccess}

                groups:

                """)
        yaml = yaml.replacingOccurrences(of: "  ops:\n", with: "  ops:\n    user_management: true\n")
        yaml = yaml.replacingOccurrences(of: "    name: Ann A\n", with: "    name: Ann A\n    super_admin: true\n")
        let found = try drift(yaml)
        // ops already holds ReadOnlyAccess on infrastructure; ann lacks the management grant.
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("user ann@x.example missing_assignment ! @") == true, "\(found)")
    }

    /// A grant that has ended but is still live is `expired_access` at the grant, with the
    /// command that removes it, privileged as its role (or the group it is a membership of) is;
    /// the same grant before its end is no drift at all.
    @Test func lapsedGrantsStillLiveAreExpiredAccess() throws {
        let yaml = Fixture.imported()
            .replacingOccurrences(of: "accounts: [infrastructure]\n", with: "accounts: [infrastructure]\n        until: 2026-12-10\n")
            .replacingOccurrences(of: "groups: [dev-team, ops]", with: "groups: [dev-team, {group: ops, until: 2026-12-10}]")
        #expect(yaml.contains("        until: 2026-12-10\n") && yaml.contains("{group: ops, until: 2026-12-10}"), "\(yaml)")
        let day = { (text: String) in UTCTime.day(text)! }
        let during = try accessModels(yaml, asOf: day("2026-12-10"))
        #expect(Drift(model: during.model, snapshot: Fixture.snapshot, lapsed: during.lapsed).isEmpty)
        let ended = try accessModels(yaml, asOf: day("2026-12-11"))
        #expect(ended.lapsed != nil)
        let after = Drift(model: ended.model, snapshot: Fixture.snapshot, lapsed: ended.lapsed)
        let found = after.subjects.flatMap { subject in subject.findings.map { (subject.name ?? "", $0) } }
        #expect(found.map(\.1.kind) == [.expiredAccess, .expiredAccess], "\(found)")
        let assignment = try #require(found.first { $0.1.group == nil }?.1)
        #expect(found.first { $0.1.group == nil }?.0 == "ann@x.example")
        #expect(assignment.isPrivileged && assignment.role == "AdministratorAccess" && assignment.account == "infrastructure")
        #expect(
            assignment.message
                == "AdministratorAccess on infrastructure (222222222222) is still assigned in Identity Center, but org.yaml's grant of it ended (until 2026-12-10); remove it: aws sso-admin delete-account-assignment --instance-arn arn:aws:sso:::instance/ssoins-1111111111111111 --target-id 222222222222 --target-type AWS_ACCOUNT --permission-set-arn arn:aws:sso:::instance/ssoins-1111111111111111/ps-administratoraccess --principal-type USER --principal-id u-ann"
        )
        #expect(assignment.location != nil)
        let membership = try #require(found.first { $0.1.group != nil })
        #expect(membership.0 == "ben" && membership.1.group == "ops" && !membership.1.isPrivileged)
        #expect(
            membership.1.message.hasSuffix(
                #"remove it: aws identitystore delete-group-membership --identity-store-id d-1234567890 --membership-id "$(aws identitystore get-group-membership-id --identity-store-id d-1234567890 --group-id g-ops --member-id UserId=u-ben --query MembershipId --output text)""#
            ), "\(membership.1.message)")
        // Once expire has removed it, what is live is undeclared, as any unreviewed access.
        let plain = Fixture.imported().replacingOccurrences(of: "groups: [dev-team, ops]", with: "groups: [dev-team]")
        #expect(try drift(plain).contains("user ben undeclared_membership !"))
    }

    /// A disabled user is expected to hold nothing: what they still hold is drift.
    @Test func disabledUsersHoldNothing() throws {
        let yaml = Fixture.imported().replacingOccurrences(of: "    name: Ann A\n", with: "    name: Ann A\n    disabled: true\n")
        let found = try drift(yaml)
        #expect(found.sorted() == ["user ann@x.example undeclared_assignment !", "user ann@x.example undeclared_membership !"], "\(found)")
        let text = DriftFormat.text.render(Drift(model: try accessModel(yaml), snapshot: Fixture.snapshot))
        #expect(text.contains("(the user is disabled in org.yaml)"))
    }

    @Test func jsonIsDocumentedShape() throws {
        let json = DriftFormat.json.render(
            Drift(
                model: try accessModel(Fixture.imported().replacingOccurrences(of: "  cleo", with: "")),
                snapshot: {
                    var s = Fixture.snapshot
                    s.memberships.removeAll { $0.userID == "u-ann" }
                    return s
                }()))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(document["differences"] as? Int == 1)
        let finding = (((document["subjects"] as? [[String: Any]])?.first)?["findings"] as? [[String: Any]])?.first
        #expect(finding?["kind"] as? String == "missing_membership")
        #expect(finding?["file"] as? String == "org.yaml")
        #expect(finding?["line"] is Int)
    }
}
