import Foundation
import IdentityCenterSnapshot
import OrgProfileKit
import OrgYAML
import Reconciliation
import TestSupport
import Testing

@testable import AccessAsCode

/// `assignments` deploying what org.yaml defines beyond the grants: permission sets and, with
/// `--directory`, the groups, users and memberships.
@Suite struct AssignmentsDefinitionsTests {
    typealias Base = AssignmentsTests

    static let exampleYAML =
        (try? String(contentsOfFile: packageRoot.appendingPathComponent("org.yaml.example").path, encoding: .utf8)) ?? ""

    static func resources(_ template: String) throws -> [String: [String: Any]] {
        try #require(try Base.object(template)["Resources"] as? [String: [String: Any]])
    }

    static func line(of text: String, in yaml: String) throws -> Int {
        try #require(yaml.components(separatedBy: "\n").firstIndex(of: text)) + 1
    }

    @Test func cloudFormationDefinesEachRolesPermissionSetAndRefersToIt() throws {
        let (model, snapshot) = try Base.example()
        let templates = Base.compiler(model, snapshot).cloudFormation()
        #expect(templates.count == 1)
        let resources = try Self.resources(templates[0])
        let sets = resources.filter { $0.value["Type"] as? String == "AWS::SSO::PermissionSet" }
        #expect(sets.count == 2)
        let developerID = AssignmentsCompiler.permissionSetID("Developer")
        let developer = try #require(sets[developerID])
        let properties = try #require(developer["Properties"] as? [String: Any])
        #expect(properties["Name"] as? String == "Developer")
        #expect(properties["InstanceArn"] as? String == snapshot.instance.arn)
        #expect(properties["Description"] as? String == "Builds and runs the workloads")
        #expect(properties["SessionDuration"] as? String == "PT8H")
        #expect(properties["ManagedPolicies"] as? [String] == ["arn:aws:iam::aws:policy/PowerUserAccess"])
        #expect(properties["CustomerManagedPolicyReferences"] as? [[String: String]] == [["Name": "deploy-pipeline", "Path": "/ci/"]])
        #expect(properties["Tags"] as? [[String: String]] == [["Key": "team", "Value": "platform"]])
        let inlineText = try #require(properties["InlinePolicy"] as? String)
        let inline = try #require(try JSONSerialization.jsonObject(with: Data(inlineText.utf8)) as? [String: Any])
        #expect(inline["Version"] as? String == "2012-10-17")
        #expect(
            ((inline["Statement"] as? [[String: Any]])?.first?["Action"] as? [String]) == [
                "account:*", "organizations:*", "iam:CreateUser",
            ])
        #expect(developer["DeletionPolicy"] as? String == "Retain")
        let identifier = ((developer["Metadata"] as? [String: Any])?["orgprofile"] as? [String: Any])?["resource_identifier"]
        #expect(
            identifier as? [String: String]
                == [
                    "InstanceArn": snapshot.instance.arn, "PermissionSetArn": snapshot.permissionSets.first { $0.name == "Developer" }!.arn,
                ])
        // A defined role's grants refer to the resource; an undefined one's to the snapshot's ARN.
        for resource in resources.values where resource["Type"] as? String == "AWS::SSO::Assignment" {
            let properties = try #require(resource["Properties"] as? [String: Any])
            let role = ((resource["Metadata"] as? [String: Any])?["orgprofile"] as? [String: String])?["permission_set"]
            switch role {
            case "Developer":
                #expect(properties["PermissionSetArn"] as? [String: [String]] == ["Fn::GetAtt": [developerID, "PermissionSetArn"]])
            case "AdministratorAccess":
                #expect((properties["PermissionSetArn"] as? String)?.hasPrefix("arn:aws:sso:::permissionSet/") == true)
            default: break
            }
        }
        try Base.lint(templates)
    }

    /// Split templates: a reference inside a template is `Fn::GetAtt` of a resource there; one
    /// across templates imports what an earlier template exports. A defined role the snapshot
    /// lacks is created.
    @Test func splitTemplatesKeepEveryReferenceResolvable() throws {
        var (yaml, snapshot) = Base.largeOrg(accounts: 40, groups: 14)
        yaml = yaml.replacingOccurrences(
            of: "  ReadOnlyAccess: {profile_suffix: readonly}\n  Developer: {}\n",
            with:
                "  ReadOnlyAccess: {profile_suffix: readonly, managed_policies: [ReadOnlyAccess]}\n  Developer: {session_duration: PT4H}\n")
        snapshot.permissionSets.removeAll { $0.name == "Developer" }
        let model = try accessModel(yaml)
        let compiler = Base.compiler(model, snapshot)
        #expect(compiler.refusals(for: .cloudformation).isEmpty)
        let templates = compiler.cloudFormation()
        #expect(templates.count == 3)
        var exported: [String: Int] = [:]
        var total = 0
        for (number, template) in templates.enumerated() {
            let object = try Base.object(template)
            let resources = try Self.resources(template)
            total += resources.count
            #expect(resources.count <= AssignmentsCompiler.resourcesPerTemplate)
            for output in (object["Outputs"] as? [String: [String: Any]] ?? [:]).values {
                let name = try #require((output["Export"] as? [String: String])?["Name"])
                let target = try #require((output["Value"] as? [String: [String]])?["Fn::GetAtt"]?.first)
                #expect(resources[target] != nil)
                exported[name] = number
            }
            for resource in resources.values {
                let properties = try #require(resource["Properties"] as? [String: Any])
                if let reference = properties["PermissionSetArn"] as? [String: Any] {
                    if let target = (reference["Fn::GetAtt"] as? [String])?.first {
                        #expect(resources[target] != nil)
                    } else {
                        let name = try #require(reference["Fn::ImportValue"] as? String)
                        #expect(try #require(exported[name]) < number, "\(name)")
                    }
                }
            }
        }
        #expect(total == 1_122)
        let first = try Self.resources(templates[0])
        let created = try #require(first[AssignmentsCompiler.permissionSetID("Developer")])
        #expect(((created["Metadata"] as? [String: Any])?["orgprofile"] as? [String: Any])?["resource_identifier"] == nil)
        try Base.lint(templates)
    }

    @Test func terraformHasOneResourcePerPartAndImportsWhatExists() throws {
        let (model, snapshot) = try Base.example()
        let compiler = Base.compiler(model, snapshot)
        #expect(compiler.refusals(for: .terraform).isEmpty)
        let config = try Base.object(compiler.terraform())
        let resources = try #require(config["resource"] as? [String: [String: [String: Any]]])
        let imports = Dictionary(
            uniqueKeysWithValues: try #require(config["import"] as? [[String: String]]).map { ($0["to"]!, $0["id"]!) })
        let instance = snapshot.instance.arn
        let arn = { (name: String) in snapshot.permissionSets.first { $0.name == name }!.arn }
        let sets = try #require(resources["aws_ssoadmin_permission_set"])
        #expect(Set(sets.keys) == ["role_Developer", "role_ReadOnlyAccess"])
        #expect(sets["role_ReadOnlyAccess"]?["session_duration"] as? String == "PT12H")
        #expect(sets["role_Developer"]?["tags"] as? [String: String] == ["team": "platform"])
        #expect(imports["aws_ssoadmin_permission_set.role_Developer"] == "\(arn("Developer")),\(instance)")
        let managed = try #require(resources["aws_ssoadmin_managed_policy_attachment"])
        #expect(managed.count == 3)
        let viewOnly = try #require(
            managed.first { $0.value["managed_policy_arn"] as? String == "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess" })
        #expect(viewOnly.value["permission_set_arn"] as? String == "${aws_ssoadmin_permission_set.role_ReadOnlyAccess.arn}")
        // Attached live: imported; the job-function policy is not attached yet: created.
        #expect(imports["aws_ssoadmin_managed_policy_attachment.\(viewOnly.key)"] == nil)
        #expect(
            imports["aws_ssoadmin_managed_policy_attachment.role_ReadOnlyAccess__ReadOnlyAccess"]
                == "arn:aws:iam::aws:policy/ReadOnlyAccess,\(arn("ReadOnlyAccess")),\(instance)")
        let customer = try #require(resources["aws_ssoadmin_customer_managed_policy_attachment"])
        let pipeline = try #require(customer.first)
        #expect(pipeline.value["customer_managed_policy_reference"] as? [String: String] == ["name": "deploy-pipeline", "path": "/ci/"])
        #expect(
            imports["aws_ssoadmin_customer_managed_policy_attachment.\(pipeline.key)"]
                == "deploy-pipeline,/ci/,\(arn("Developer")),\(instance)")
        let inline = try #require(resources["aws_ssoadmin_permission_set_inline_policy"]?["role_Developer"])
        let policy = try #require(inline["inline_policy"] as? String)
        #expect(policy.hasPrefix(#"{"Statement":[{"Action":["account:*","organizations:*","iam:CreateUser"]"#))
        #expect(imports["aws_ssoadmin_permission_set_inline_policy.role_Developer"] == "\(arn("Developer")),\(instance)")
        #expect(resources["aws_ssoadmin_permissions_boundary_attachment"] == nil)
        let assignments = try #require(resources["aws_ssoadmin_account_assignment"])
        #expect(
            assignments["group_developers__Developer__workload-development"]?["permission_set_arn"] as? String
                == "${aws_ssoadmin_permission_set.role_Developer.arn}")
        #expect(
            assignments["group_platform__AdministratorAccess__infrastructure"]?["permission_set_arn"] as? String
                == arn("AdministratorAccess"))
    }

    /// A boundary of either kind, and an existing one imported.
    @Test func terraformAttachesTheBoundary() throws {
        let yaml = Self.exampleYAML.replacingOccurrences(
            of: "    tags: {team: platform}\n",
            with: "    tags: {team: platform}\n    permissions_boundary: {name: workload-boundary, path: /}\n"
        ).replacingOccurrences(
            of: "    session_duration: PT12H\n", with: "    session_duration: PT12H\n    permissions_boundary: PowerUserAccess\n")
        var (_, snapshot) = try Base.example()
        let index = try #require(snapshot.permissionSets.firstIndex { $0.name == "Developer" })
        snapshot.permissionSets[index].record(
            .permissionsBoundary, \.permissionsBoundary, .customerManaged(PolicyReference(name: "workload-boundary", path: "/")))
        let config = try Base.object(Base.compiler(try accessModel(yaml), snapshot).terraform())
        let boundaries = try #require(
            (config["resource"] as? [String: Any])?["aws_ssoadmin_permissions_boundary_attachment"] as? [String: [String: Any]])
        #expect(
            boundaries["role_Developer"]?["permissions_boundary"] as? [String: [String: String]]
                == ["customer_managed_policy_reference": ["name": "workload-boundary", "path": "/"]])
        #expect(
            boundaries["role_ReadOnlyAccess"]?["permissions_boundary"] as? [String: String]
                == ["managed_policy_arn": "arn:aws:iam::aws:policy/PowerUserAccess"])
        let imported = try #require(config["import"] as? [[String: String]]).compactMap(\.["to"])
        #expect(imported.contains("aws_ssoadmin_permissions_boundary_attachment.role_Developer"))
        #expect(!imported.contains("aws_ssoadmin_permissions_boundary_attachment.role_ReadOnlyAccess"))
    }

    /// Terraform must know which parts exist; a snapshot that did not read them is refused at
    /// the role. CloudFormation's resource owns the whole definition, so it does not need them.
    @Test func terraformRefusesAPermissionSetWhoseDefinitionWasNotRead() throws {
        var (model, snapshot) = try Base.example()
        for index in snapshot.permissionSets.indices {
            snapshot.permissionSets[index].read.remove(.managedPolicies)
            snapshot.permissionSets[index].unread = [
                .init(
                    part: .part(.managedPolicies), action: "sso:ListManagedPoliciesInPermissionSet",
                    reason: "HTTP 500 Internal Server Error")
            ]
        }
        let compiler = Base.compiler(model, snapshot)
        let line = try Self.line(of: "  Developer:", in: Self.exampleYAML)
        let refusals = compiler.refusals(for: .terraform).map(\.description)
        #expect(refusals.count == 2)
        // The part and the call that failed, never "a version 1 snapshot" of a version 2 one.
        #expect(
            refusals.first
                == "org.yaml:\(line):3: error: the managed policies of permission set 'Developer' were not read: sso:ListManagedPoliciesInPermissionSet failed: HTTP 500 Internal Server Error, so Terraform cannot know whether to import that part; take a new snapshot with the rights docs/live.md lists"
        )
        #expect(compiler.refusals(for: .cloudformation).isEmpty)
        snapshot.snapshotVersion = 1
        #expect(
            Base.compiler(model, snapshot).refusals(for: .terraform).first?.message.contains(
                "a version 1 snapshot does not record what permission set 'Developer' grants") == true)
    }

    /// The directory: groups and users org.yaml declares are resources, created when the
    /// snapshot lacks them and imported when it has them; grants and memberships refer to them.
    @Test func theDirectoryIsCreatedOrImported() throws {
        let yaml = Self.exampleYAML.replacingOccurrences(
            of: "\nusers:\n",
            with: """
                  auditors:
                    description: Reads everything for the yearly audit
                    assignments:
                      - role: ReadOnlyAccess
                        accounts: [infrastructure]

                users:
                  frank:
                    name: Frank van der Berg
                    email: frank@acme.example
                    groups: [auditors]

                """)
        let (_, snapshot) = try Base.example()
        let model = try accessModel(yaml)
        let compiler = Base.compiler(model, snapshot, directory: true)
        let config = try Base.object(compiler.terraform())
        let resources = try #require(config["resource"] as? [String: [String: [String: Any]]])
        let imports = Dictionary(
            uniqueKeysWithValues: try #require(config["import"] as? [[String: String]]).map { ($0["to"]!, $0["id"]!) })
        let groups = try #require(resources["aws_identitystore_group"])
        #expect(Set(groups.keys) == ["group_auditors", "group_developers", "group_platform"])
        #expect(groups["group_auditors"]?["description"] as? String == "Reads everything for the yearly audit")
        #expect(imports["aws_identitystore_group.group_auditors"] == nil)
        #expect(imports["aws_identitystore_group.group_platform"] == "d-9067a1b2c3/90670012-a1b2-c3d4-e5f6-000000000012")
        let users = try #require(resources["aws_identitystore_user"])
        // Carol is disabled but exists: kept as she is, never deleted by a plan.
        #expect(Set(users.keys) == ["user_alice", "user_bob", "user_carol", "user_dave", "user_erin", "user_frank"])
        let frank = try #require(users["user_frank"])
        #expect(frank["user_name"] as? String == "frank")
        #expect(frank["display_name"] as? String == "Frank van der Berg")
        #expect(frank["name"] as? [String: String] == ["given_name": "Frank", "family_name": "van der Berg"])
        #expect((frank["emails"] as? [String: Any])?["value"] as? String == "frank@acme.example")
        #expect(compiler.terraform().contains(#""primary" : true"#))
        #expect(frank["lifecycle"] as? [String: [String]] == ["ignore_changes": ["name"]])
        #expect(imports["aws_identitystore_user.user_frank"] == nil)
        #expect(imports["aws_identitystore_user.user_bob"] == "d-9067a1b2c3/90670002-a1b2-c3d4-e5f6-000000000002")
        let assignments = try #require(resources["aws_ssoadmin_account_assignment"])
        let audit = try #require(assignments["group_auditors__ReadOnlyAccess__infrastructure"])
        #expect(audit["principal_id"] as? String == "${aws_identitystore_group.group_auditors.group_id}")
        let member = try #require(resources["aws_identitystore_group_membership"]?["member_frank__auditors"])
        #expect(member["member_id"] as? String == "${aws_identitystore_user.user_frank.user_id}")
        #expect(member["group_id"] as? String == "${aws_identitystore_group.group_auditors.group_id}")

        let plan = compiler.plan(
            Drift(
                model: model, snapshot: snapshot,
                resolved: Grants(model: model, snapshot: snapshot, creating: [.definedPermissionSets, .directory])))
        #expect(plan.contains("  + group auditors ('auditors')\n"))
        #expect(plan.contains("  + user frank ('frank')\n"))
        #expect(plan.contains("  + user frank: member of auditors\n"))
        #expect(plan.contains("  + group auditors: ReadOnlyAccess on infrastructure\n"))
        #expect(plan.contains("  ~ user alice: the display name is not set in Identity Center, 'Alice Example' in org.yaml\n"))

        // CloudFormation has no user resource: it refuses, at frank's place, and writes nothing.
        let line = try Self.line(of: "  frank:", in: yaml)
        #expect(
            compiler.refusals(for: .cloudformation).map(\.description) == [
                "org.yaml:\(line):3: error: user 'frank' is not in Identity Center, and CloudFormation has no resource that creates a user; create it (the console, or aws identitystore create-user) and take a new snapshot, or deploy with --format terraform"
            ])
    }

    /// Without a user to create, CloudFormation holds the groups and refers to them.
    @Test func cloudFormationHoldsTheDirectorysGroups() throws {
        let yaml = Self.exampleYAML.replacingOccurrences(
            of: "\nusers:\n",
            with: "  auditors:\n    assignments:\n      - role: ReadOnlyAccess\n        accounts: [infrastructure]\n\nusers:\n")
        let (_, snapshot) = try Base.example()
        let compiler = Base.compiler(try accessModel(yaml), snapshot, directory: true)
        #expect(compiler.refusals(for: .cloudformation).isEmpty)
        let templates = compiler.cloudFormation()
        let resources = try Self.resources(templates[0])
        let groups = resources.filter { $0.value["Type"] as? String == "AWS::IdentityStore::Group" }
        #expect(groups.count == 3)
        let auditors = AssignmentsCompiler.directoryGroupID("auditors")
        let audit = try #require(
            resources.values.first {
                ((($0["Metadata"] as? [String: Any])?["orgprofile"] as? [String: String])?["principal"]) == "auditors"
            })
        #expect((audit["Properties"] as? [String: Any])?["PrincipalId"] as? [String: [String]] == ["Fn::GetAtt": [auditors, "GroupId"]])
        let memberships = resources.values.filter { $0["Type"] as? String == "AWS::IdentityStore::GroupMembership" }
        #expect(memberships.count == 3)
        try Base.lint(templates)
    }

    /// docs/assignments.md's jq recipe cuts, from the example's template, the permission sets
    /// and groups that exist, without lanes to resources left out, and the list of identifiers
    /// CloudFormation imports them by.
    @Test func theDocumentedImportRecipeCutsWhatExists() throws {
        guard let found = try? Base.run("sh", ["-c", "command -v jq"]), found.status == 0 else { return }
        let docs = try String(contentsOfFile: packageRoot.appendingPathComponent("docs/assignments.md").path, encoding: .utf8)
        let recipe = docs.components(separatedBy: "\n").filter { $0.hasPrefix("jq '") }
        #expect(recipe.count == 2)
        let (model, snapshot) = try Base.example()
        let templates = Base.compiler(model, snapshot, directory: true).cloudFormation()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try templates[0].write(toFile: folder + "/identity-center.json", atomically: true, encoding: .utf8)
        let result = try Base.run("sh", ["-c", "cd '\(folder)' && " + recipe.joined(separator: " && ")])
        #expect(result.status == 0, "\(result.error)")
        let adopt = try Self.resources(try String(contentsOfFile: folder + "/adopt.json", encoding: .utf8))
        let list = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/adopt-resources.json")))
                as? [[String: Any]])
        #expect(
            Set(list.compactMap { $0["LogicalResourceId"] as? String }) == [
                AssignmentsCompiler.permissionSetID("Developer"), AssignmentsCompiler.permissionSetID("ReadOnlyAccess"),
                AssignmentsCompiler.directoryGroupID("developers"), AssignmentsCompiler.directoryGroupID("platform"),
            ])
        #expect(Set(adopt.keys) == Set(list.compactMap { $0["LogicalResourceId"] as? String }))
        #expect(adopt.values.allSatisfy { $0["DependsOn"] == nil && $0["DeletionPolicy"] as? String == "Retain" })
        let platform = try #require(
            list.first {
                $0["ResourceType"] as? String == "AWS::IdentityStore::Group"
                    && ($0["ResourceIdentifier"] as? [String: String])?["GroupId"] == "90670012-a1b2-c3d4-e5f6-000000000012"
            })
        #expect((platform["ResourceIdentifier"] as? [String: String])?["IdentityStoreId"] == "d-9067a1b2c3")
        try Base.lint([try String(contentsOfFile: folder + "/adopt.json", encoding: .utf8)])
    }
}

/// Terraform reads every string of a `.tf.json` as a template: a value from org.yaml or the
/// directory reaches Terraform as text, never as an expression.
@Suite struct TerraformInjectionTests {
    typealias Base = AssignmentsTests

    static let hostileYAML = AssignmentsDefinitionsTests.exampleYAML.replacingOccurrences(
        of: "    description: Builds and runs the workloads\n", with: "    description: 'Builds ${file(\"/etc/hostname\")}'\n"
    ).replacingOccurrences(
        of: "          Resource: \"*\"\n    tags: {team: platform}\n",
        with: """
                      Resource: "*"
                    - Sid: OwnHome
                      Effect: Allow
                      Action: s3:GetObject
                      Resource: "arn:aws:s3:::home/${aws:username}/*"
                tags: {team: "%{ if true }platform%{ endif }", "${path.cwd}": x}

            """)

    static func config() throws -> String {
        let (_, snapshot) = try Base.example()
        let model = try accessModel(hostileYAML)
        return Base.compiler(model, snapshot, directory: true).terraform()
    }

    @Test func valuesAreLiteralsAndReferencesAreInterpolations() throws {
        let text = try Self.config()
        let config = try Base.object(text)
        let resources = try #require(config["resource"] as? [String: [String: [String: Any]]])
        let developer = try #require(resources["aws_ssoadmin_permission_set"]?["role_Developer"])
        #expect(developer["description"] as? String == #"Builds $${file("/etc/hostname")}"#)
        #expect(developer["tags"] as? [String: String] == ["team": "%%{ if true }platform%%{ endif }", "$${path.cwd}": "x"])
        let inline = try #require(resources["aws_ssoadmin_permission_set_inline_policy"]?["role_Developer"]?["inline_policy"] as? String)
        #expect(inline.contains("arn:aws:s3:::home/$${aws:username}/*"))
        // Every `${` left is one of the generator's own references to a resource's attribute.
        let interpolations = text.components(separatedBy: "${").dropFirst().filter { !$0.isEmpty }
        for piece in interpolations {
            let escaped = text.contains("$" + "${" + piece)
            let reference = piece.hasPrefix("aws_") && piece.contains("}")
            #expect(escaped || reference, "\(piece.prefix(60))")
        }
        #expect(!text.contains(#""${file"#) && !text.contains(#"/${aws:username}"#))
        #expect(!text.replacingOccurrences(of: "%%{", with: "").contains("%{"))
    }

    /// CloudFormation evaluates `Ref` and `Fn::` keys anywhere in an object: a policy that
    /// holds one reaches the template as a JSON string, never as a function.
    @Test func cloudFormationTakesAPolicyAsText() throws {
        let yaml = AssignmentsDefinitionsTests.exampleYAML.replacingOccurrences(
            of: "          Resource: \"*\"\n    tags: {team: platform}\n",
            with: """
                          Resource: "*"
                        - Effect: Allow
                          Action: s3:GetObject
                          Resource: {"Fn::ImportValue": "SecretBucket"}
                          Condition: {StringEquals: {"aws:PrincipalAccount": {"Ref": "AWS::AccountId"}}}
                    tags: {team: platform}

                """)
        let (_, snapshot) = try Base.example()
        let analysis = Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8)))
        // The policy rules refuse a Resource that is not text, so the file does not compile at all.
        #expect(analysis.model == nil, "\(analysis.diagnostics)")
        let tolerated = yaml.replacingOccurrences(of: "Resource: {\"Fn::ImportValue\": \"SecretBucket\"}", with: "Resource: \"*\"")
        let templates = Base.compiler(try accessModel(tolerated), snapshot).cloudFormation()
        func functions(_ value: Any) -> [String] {
            switch value {
            case let object as [String: Any]: object.keys.filter { $0 == "Ref" || $0.hasPrefix("Fn::") } + object.values.flatMap(functions)
            case let list as [Any]: list.flatMap(functions)
            default: []
            }
        }
        for template in templates {
            let resources = try #require(try Base.object(template)["Resources"] as? [String: [String: Any]])
            for (_, resource) in resources where resource["Type"] as? String == "AWS::SSO::PermissionSet" {
                let properties = try #require(resource["Properties"] as? [String: Any])
                #expect(functions(properties).isEmpty, "\(properties)")
                if let policy = properties["InlinePolicy"] as? String { #expect(policy.contains(#""Ref":"AWS::AccountId""#)) }
            }
        }
    }

    /// Terraform itself accepts the configuration (an unescaped IAM policy variable made it
    /// fail), run offline against the provider in the machine's filesystem mirror when both are there.
    @Test func terraformValidatesIt() throws {
        let mirror = "/opt/tf-plugins"
        guard (try? Base.run("sh", ["-c", "command -v terraform"]))?.status == 0, FileManager.default.fileExists(atPath: mirror) else {
            print("skipped: terraform or its provider mirror (\(mirror)) is not on this machine")
            return
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.config().write(toFile: folder + "/main.tf.json", atomically: true, encoding: .utf8)
        try #"{"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws"}}}, "provider": {"aws": {"region": "us-east-1"}}}"#
            .write(toFile: folder + "/versions.tf.json", atomically: true, encoding: .utf8)
        try "provider_installation {\n  filesystem_mirror {\n    path = \"\(mirror)\"\n  }\n}\n".write(
            toFile: folder + "/cli.tfrc", atomically: true, encoding: .utf8)
        let environment = "TF_CLI_CONFIG_FILE=\(folder)/cli.tfrc TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1"
        let initialised = try Base.run("sh", ["-c", "cd \(folder) && \(environment) terraform init -backend=false -input=false -no-color"])
        try #require(initialised.status == 0, "terraform init: \(initialised.output)\(initialised.error)")
        let validated = try Base.run("sh", ["-c", "cd \(folder) && \(environment) terraform validate -no-color"])
        #expect(validated.status == 0, "terraform validate: \(validated.output)\(validated.error)")
    }
}
