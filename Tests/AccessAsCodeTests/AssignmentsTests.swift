import Foundation
import IdentityCenterSnapshot
import OrgProfileKit
import Reconciliation
import Support
import TestSupport
import Testing

@testable import AccessAsCode

@Suite struct AssignmentsTests {
    static let exampleSnapshot = packageRoot.appendingPathComponent("Tests/IdentityCenterSnapshotTests/Fixtures/example-snapshot.json").path

    static func example() throws -> (AccessModel, Snapshot) {
        let model = try accessModel(
            try String(contentsOfFile: packageRoot.appendingPathComponent("org.yaml.example").path, encoding: .utf8))
        return (model, try SnapshotFile(path: exampleSnapshot).snapshot())
    }

    static func compiler(_ model: AccessModel, _ snapshot: Snapshot, directory: Bool = false) -> AssignmentsCompiler {
        let resolved = Grants(
            model: model, snapshot: snapshot, creating: directory ? [.definedPermissionSets, .directory] : [.definedPermissionSets])
        #expect(resolved.unresolved.isEmpty, "\(Grants.diagnostics(resolved.unresolved))")
        return AssignmentsCompiler(model: model, resolved: resolved, snapshot: snapshot, source: "org.yaml", directory: directory)
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// cfn-lint, when installed, finds nothing to report in these templates.
    static func lint(_ templates: [String]) throws {
        guard let found = try? run("sh", ["-c", "command -v cfn-lint"]), found.status == 0 else { return }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var paths: [String] = []
        for (index, template) in templates.enumerated() {
            let path = folder + "/template-\(index + 1).json"
            try template.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let result = try run("cfn-lint", paths)
        #expect(result.status == 0, "cfn-lint: \(result.output)\(result.error)")
    }

    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let result = try ProcessRunner.run(program, arguments)
        return (result.status, String(decoding: result.output, as: UTF8.self), result.error)
    }

    @Test func theExampleTemplatePassesCfnLintWithOneResourcePerGrant() throws {
        let (model, snapshot) = try Self.example()
        let templates = Self.compiler(model, snapshot, directory: true).cloudFormation()
        #expect(templates.count == 1)
        let resources = try #require(try Self.object(templates[0])["Resources"] as? [String: [String: Any]])
        let assignments = resources.values.filter { $0["Type"] as? String == "AWS::SSO::Assignment" }
        #expect(assignments.count == model.declaredAssignments.count)
        #expect(model.declaredAssignments.count == 12)
        #expect(resources.values.filter { $0["Type"] as? String == "AWS::IdentityStore::GroupMembership" }.count == 3)
        for (id, resource) in resources {
            #expect(id.count <= 255 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }, "\(id)")
            let properties = resource["Properties"] as? [String: Any] ?? [:]
            if resource["Type"] as? String == "AWS::SSO::Assignment" {
                #expect(
                    Set(properties.keys) == ["InstanceArn", "PermissionSetArn", "PrincipalId", "PrincipalType", "TargetId", "TargetType"])
                #expect((resource["Metadata"] as? [String: [String: String]])?["orgprofile"]?["permission_set"] != nil)
            }
        }
        // Alice's super-admin grant goes to alice; the delegated-admin one to platform, which carries the flag.
        #expect(resources.keys.contains { $0.hasPrefix("UserAliceAdministratorAccessOrganizationManagement") })
        #expect(resources.keys.contains { $0.hasPrefix("GroupPlatformUserManagementInfrastructure") })
        #expect(!resources.keys.contains { $0.hasPrefix("UserCarol") })
        try Self.lint(templates)
    }

    /// A large org: more than 500 grants split into templates of at most 500, each passing
    /// cfn-lint, each resource waiting for the one 20 before it.
    @Test func aLargeOrgIsSplitAndEachTemplatePassesCfnLint() throws {
        let (yaml, snapshot) = Self.largeOrg(accounts: 40, groups: 14)
        let model = try accessModel(yaml)
        let templates = Self.compiler(model, snapshot).cloudFormation()
        #expect(model.declaredAssignments.count == 1_120)
        #expect(templates.count == 3)
        var total = 0
        for template in templates {
            let resources = try #require(try Self.object(template)["Resources"] as? [String: [String: Any]])
            #expect(resources.count <= AssignmentsCompiler.resourcesPerTemplate)
            total += resources.count
            #expect(resources.values.filter { $0["DependsOn"] == nil }.count == AssignmentsCompiler.concurrentOperations)
            for resource in resources.values {
                if let dependency = resource["DependsOn"] as? String { #expect(resources[dependency] != nil) }
            }
        }
        #expect(total == 1_120)
        try Self.lint(templates)
    }

    /// An org of `groups` groups, each with two roles on every account, and the snapshot of an
    /// Identity Center that has all of them, with IDs and ARNs in AWS's shapes.
    static func largeOrg(accounts: Int, groups: Int) -> (String, Snapshot) {
        var yaml = "version: 1\nproject: big\nsso_session:\n  start_url: https://big.awsapps.com/start\n  region: us-east-1\naccounts:\n"
        for account in 0..<accounts { yaml += "  account-\(account):\n    id: \"\(String(format: "%012d", 100_000_000_000 + account))\"\n" }
        yaml += "roles:\n  ReadOnlyAccess: {profile_suffix: readonly}\n  Developer: {}\ngroups:\n"
        for group in 0..<groups {
            yaml +=
                "  team-\(group):\n    assignments:\n      - role: ReadOnlyAccess\n        accounts: \"*\"\n      - role: Developer\n        accounts: \"*\"\n"
        }
        yaml += "users: {}\n"
        let instance = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
        let sets = ["Developer", "ReadOnlyAccess"].enumerated().map {
            Snapshot.PermissionSet(
                arn: "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-\(String(format: "%016x", $0.offset + 1))", name: $0.element,
                description: nil, sessionDuration: nil)
        }
        let snapshot = Snapshot(
            instance: .init(arn: instance, identityStoreID: "d-1234567890", region: "us-east-1"), organization: nil,
            accounts: (0..<accounts).map {
                .init(id: String(format: "%012d", 100_000_000_000 + $0), name: "account-\($0)", status: "ACTIVE")
            },
            permissionSets: sets, users: [],
            groups: (0..<groups).map {
                .init(id: String(format: "90670000-0000-0000-0000-%012d", $0), displayName: "team-\($0)", description: nil)
            },
            memberships: [], assignments: [])
        return (yaml, snapshot)
    }

    /// Terraform: every argument, keys unique, valid and stable, an import for each grant
    /// that exists, and only the missing ones to create.
    @Test func terraformImportsWhatExists() throws {
        let (model, snapshot) = try Self.example()
        let text = Self.compiler(model, snapshot, directory: true).terraform()
        let config = try Self.object(text)
        let resources = try #require(
            (config["resource"] as? [String: Any])?["aws_ssoadmin_account_assignment"] as? [String: [String: String]])
        #expect(resources.count == model.declaredAssignments.count)
        for (key, arguments) in resources {
            #expect(key.range(of: #"^[A-Za-z_][A-Za-z0-9_-]*$"#, options: .regularExpression) != nil, "\(key)")
            #expect(
                Set(arguments.keys) == ["instance_arn", "permission_set_arn", "principal_id", "principal_type", "target_id", "target_type"])
        }
        let imports = try #require(config["import"] as? [[String: String]])
        let imported = imports.compactMap { $0["to"] }.filter { $0.hasPrefix("aws_ssoadmin_account_assignment.") }
        // 12 declared, 3 missing from the snapshot (erin's two, alice's management grant).
        #expect(imported.count == 9)
        #expect(Set(imported).count == 9)
        #expect(imported.allSatisfy { resources[String($0.dropFirst("aws_ssoadmin_account_assignment.".count))] != nil })
        let bob = try #require(imports.first { $0["to"] == "aws_ssoadmin_account_assignment.user_bob__ReadOnlyAccess__infrastructure" })
        #expect(
            bob["id"]
                == "90670002-a1b2-c3d4-e5f6-000000000002,USER,222222222222,AWS_ACCOUNT,arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-a1b2c3d4e5f60003,arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6"
        )
        let memberships = try #require(
            (config["resource"] as? [String: Any])?["aws_identitystore_group_membership"] as? [String: [String: String]])
        #expect(memberships.count == 3)
        #expect(imports.contains { $0["id"] == "d-9067a1b2c3/m-bob-developers" })
    }

    /// Names derive from the grant alone: adding another grant changes no other name.
    @Test func namesAreStableAndOutputDeterministic() throws {
        let (model, snapshot) = try Self.example()
        let before = Self.compiler(model, snapshot).cloudFormation()[0]
        #expect(before == Self.compiler(model, snapshot).cloudFormation()[0])
        let grown = try accessModel(
            try String(contentsOfFile: packageRoot.appendingPathComponent("org.yaml.example").path, encoding: .utf8)
                .replacingOccurrences(
                    of: "      - role: ReadOnlyAccess\n        accounts: [infrastructure]\n",
                    with: "      - role: ReadOnlyAccess\n        accounts: [infrastructure, workload-development]\n"))
        let beforeIDs = Set(try #require(try Self.object(before)["Resources"] as? [String: Any]).keys)
        let afterIDs = Set(
            try #require(try Self.object(Self.compiler(grown, snapshot).cloudFormation()[0])["Resources"] as? [String: Any]).keys)
        #expect(afterIDs.subtracting(beforeIDs).count == 1)
        #expect(beforeIDs.isSubset(of: afterIDs))
        #expect(
            AssignmentsCompiler.terraformKey("user", ["alice@x.example", "Dev", "a"]).hasPrefix("user_alice_x_example__Dev__a_"))
        #expect(AssignmentsCompiler.terraformKey("group", ["ops", "Dev", "a"]) == "group_ops__Dev__a")
    }

    /// The plan shows an inline policy's change line by line, as drift does (issue 31, item 2).
    @Test func thePlanShowsThePolicyDiff() throws {
        let yaml = AssignmentsDefinitionsTests.exampleYAML.replacingOccurrences(
            of: "        - Sid: NoAccountSettings\n          Effect: Deny\n",
            with: "        - Sid: NoAccountSettings\n          Effect: Allow\n")
        let (_, snapshot) = try Self.example()
        let model = try accessModel(yaml)
        let plan = Self.compiler(model, snapshot).plan(Drift(model: model, snapshot: snapshot))
        #expect(
            plan.contains(
                "  ~ role 'Developer': the inline policy differs (Identity Center's, then org.yaml's, as IAM reads them):\n      --- a/inline-policy.json\n"
            ), "\(plan)")
        #expect(plan.contains("\n      -    \"Effect\" : \"Deny\",\n      +    \"Effect\" : \"Allow\",\n"), "\(plan)")
    }

    /// A role defined for the first time (one key added to a role Identity Center already has):
    /// the plan lists every attribute deploying would change, and what the snapshot could not
    /// read by part and call.
    @Test func thePlanOfAFirstDefinitionListsEveryChangeAndWhatWasNotRead() throws {
        let yaml = AssignmentsDefinitionsTests.exampleYAML.replacingOccurrences(
            of: "  AdministratorAccess: {}\n", with: "  AdministratorAccess:\n    description: Everything\n")
        var (_, snapshot) = try Self.example()
        let index = try #require(snapshot.permissionSets.firstIndex { $0.name == "AdministratorAccess" })
        snapshot.permissionSets[index].read.remove(.permissionsBoundary)
        snapshot.permissionSets[index].unread = [
            .init(
                part: .part(.permissionsBoundary), action: "sso:GetPermissionsBoundaryForPermissionSet",
                reason: "HTTP 500 Internal Server Error")
        ]
        let model = try accessModel(yaml)
        let plan = Self.compiler(model, snapshot).plan(Drift(model: model, snapshot: snapshot))
        for line in [
            "  ~ role 'AdministratorAccess': the description is not set in Identity Center, 'Everything' in org.yaml\n",
            "  ~ role 'AdministratorAccess': the session duration is 'PT8H' in Identity Center, 'PT1H' in org.yaml\n",
            "  ~ role 'AdministratorAccess': managed policy arn:aws:iam::aws:policy/AdministratorAccess is attached in Identity Center but not in org.yaml\n",
            "\nnot read from Identity Center, so deploying replaces it unseen:\n  ! the permissions boundary of permission set 'AdministratorAccess' was not read: sso:GetPermissionsBoundaryForPermissionSet failed: HTTP 500 Internal Server Error\n",
        ] {
            #expect(plan.contains(line), "\(line)\n\(plan)")
        }
        #expect(!plan.contains("version 1"))

        // What the snapshot says goes to a terminal escaped: an answer holding a control shows it.
        snapshot.permissionSets[index].unread?[0].reason = "HTTP 500 \u{1B}[2J"
        let escaped = Self.compiler(model, snapshot).plan(Drift(model: model, snapshot: snapshot))
        #expect(escaped.contains("failed: HTTP 500 \\u{1B}[2J\n") && !escaped.contains("\u{1B}"), "\(escaped)")
    }

    @Test func rowsAndPlan() throws {
        let (model, snapshot) = try Self.example()
        let compiler = Self.compiler(model, snapshot)
        let csv = compiler.csv()
        #expect(
            csv.hasPrefix(
                "principal_type,principal,principal_name,permission_set,account,account_name,account_id,principal_id,permission_set_arn\r\n"
            ))
        #expect(csv.components(separatedBy: "\r\n").count - 2 == 12)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(compiler.json().utf8)) as? [[String: String]])
        #expect(rows.count == 12)
        #expect(rows.contains { $0["principal"] == "platform" && $0["permission_set"] == "UserManagement" })
        let plan = compiler.plan(Drift(model: model, snapshot: snapshot))
        #expect(
            plan == """
                3 to create, 2 to change, 1 existing but not declared (left alone)

                would create:
                  + user alice: AdministratorAccess on organization-management
                  + user erin: ReadOnlyAccess on organization-management
                  + user erin: UserManagement on infrastructure

                would change:
                  ~ role 'ReadOnlyAccess': managed policy arn:aws:iam::aws:policy/job-function/ViewOnlyAccess is in org.yaml but not attached in Identity Center
                  ~ role 'ReadOnlyAccess': the session duration is 'PT8H' in Identity Center, 'PT12H' in org.yaml

                existing, not declared in org.yaml:
                  ? user bob: AdministratorAccess on workload-production

                to provision again:
                  ~ role 'ReadOnlyAccess': its definition changes; applying provisions it again on 3 accounts (infrastructure, workload-development, workload-production)
                  ~ role 'ReadOnlyAccess': not provisioned with its latest version on 1 account (workload-development); provision it again there
                      aws sso-admin provision-permission-set --instance-arn arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6 --permission-set-arn arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-a1b2c3d4e5f60003 --target-type ALL_PROVISIONED_ACCOUNTS

                customer-managed policies each account must have before the permission set reaches it:
                  /ci/deploy-pipeline (role Developer): workload-development

                """)
    }

    /// A grant that has ended is in no output: not in the Terraform or the CloudFormation, so
    /// deploying removes it, and the plan lists it under "ends" with the command that removes it
    /// by hand. A temporary grant that ends within its role's session duration is noted.
    @Test func temporaryGrantsLeaveTheIaCWhenTheyEnd() throws {
        let yaml = try String(contentsOfFile: packageRoot.appendingPathComponent("org.yaml.example").path, encoding: .utf8)
            .replacingOccurrences(
                of: "      - role: ReadOnlyAccess\n        accounts: [infrastructure]\n",
                with: "      - role: ReadOnlyAccess\n        accounts: [infrastructure]\n        until: 2026-12-10\n"
            )
            .replacingOccurrences(
                of: "      - role: AdministratorAccess\n        accounts: \"*\"\n",
                with:
                    "      - role: AdministratorAccess\n        accounts: \"*\"\n      - role: ReadOnlyAccess\n        accounts: [infrastructure]\n        until: 2026-12-11T06:00:00Z\n"
            )
        let snapshot = try SnapshotFile(path: Self.exampleSnapshot).snapshot()
        let bob = "user_bob__ReadOnlyAccess__infrastructure"
        func outputs(_ day: String) throws -> (terraform: String, cloudFormation: String, plan: String) {
            let (model, lapsed) = try accessModels(yaml, asOf: UTCTime.day(day)!)
            let compiler = Self.compiler(model, snapshot)
            return (
                compiler.terraform(), compiler.cloudFormation().joined(),
                compiler.plan(Drift(model: model, snapshot: snapshot, lapsed: lapsed))
            )
        }
        let during = try outputs("2026-12-10")
        #expect(during.terraform.contains(bob) && during.cloudFormation.contains("222222222222"))
        #expect(!during.plan.contains("ends:") && !during.plan.contains("sessions that can outlive"), "\(during.plan)")
        let after = try outputs("2026-12-11")
        #expect(!after.terraform.contains(bob))
        let resources = try #require(
            (try Self.object(after.terraform)["resource"] as? [String: Any])?["aws_ssoadmin_account_assignment"] as? [String: Any])
        #expect(resources.count == 12)
        #expect(
            after.plan.hasPrefix("4 to create, 2 to change, 1 to remove (lapsed), 1 existing but not declared (left alone)\n"),
            "\(after.plan)")
        #expect(
            after.plan.contains(
                """
                ends: 1 grant lapsed since the last snapshot (deploying removes each that an earlier deployment created; the command removes it by hand):
                  - user bob: ReadOnlyAccess on infrastructure (222222222222) is still assigned in Identity Center, but org.yaml's grant of it ended (until 2026-12-10); remove it: aws sso-admin delete-account-assignment --instance-arn arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6 --target-id 222222222222 --target-type AWS_ACCOUNT --permission-set-arn arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-a1b2c3d4e5f60003 --principal-type USER --principal-id 90670002-a1b2-c3d4-e5f6-000000000002

                """), "\(after.plan)")
        #expect(
            after.plan.contains(
                "  ! group platform: ReadOnlyAccess on infrastructure ends 2026-12-11T06:00:00Z, in 6 hours; its session_duration is PT12H (12 hours), so a session started before the end can outlive the grant by up to that\n"
            ), "\(after.plan)")
        // CloudFormation: the template of the day after holds one assignment fewer on that account.
        let count = { (text: String) in text.components(separatedBy: "\"TargetId\" : \"222222222222\"").count }
        #expect(count(after.cloudFormation) == count(during.cloudFormation) - 1, "\(after.cloudFormation.prefix(400))")
    }

    @Test func aNameTheSnapshotLacksIsALocatedError() throws {
        let (_, snapshot) = try Self.example()
        let yaml = try String(contentsOfFile: packageRoot.appendingPathComponent("org.yaml.example").path, encoding: .utf8)
            .replacingOccurrences(of: "  platform:\n", with: "  platform:\n    identity_center_name: Platform Team\n")
        let resolved = Grants(model: try accessModel(yaml), snapshot: snapshot)
        let line = try #require(yaml.components(separatedBy: "\n").firstIndex(of: "  platform:")) + 1
        #expect(
            Grants.diagnostics(resolved.unresolvedForGrants).map(\.description) == [
                "org.yaml:\(line):3: error: Identity Center has no group 'Platform Team' (in the snapshot); create it in Identity Center (or in the identity provider that provisions it), take a new snapshot (orgprofile snapshot) and run again; or set identity_center_name to its name there"
            ])
    }

    /// A user who only joins a group is needed by no grant: missing from the snapshot, they
    /// are unresolved (drift reports them) but nothing `assignments` writes needs them.
    @Test func onlyWhatAGrantNamesIsNeeded() throws {
        let (_, snapshot) = try Self.example()
        let yaml =
            try String(contentsOfFile: packageRoot.appendingPathComponent("org.yaml.example").path, encoding: .utf8)
            + "  zoe:\n    groups: [platform]\n"
        let resolved = Grants(model: try accessModel(yaml), snapshot: snapshot, creating: [.definedPermissionSets])
        #expect(resolved.unresolved.map(\.subject) == ["user 'zoe'"])
        #expect(resolved.unresolvedForGrants.isEmpty)
        let direct = yaml + "    assignments:\n      - role: ReadOnlyAccess\n        accounts: [infrastructure]\n"
        let needing = Grants(model: try accessModel(direct), snapshot: snapshot, creating: [.definedPermissionSets])
        #expect(needing.unresolvedForGrants.map(\.subject) == ["user 'zoe'"])
        #expect(!needing.grants.contains { $0.declared.principal == "zoe" })
    }
}
