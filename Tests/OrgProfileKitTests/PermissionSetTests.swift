import Foundation
import TestSupport
import Testing

@testable import OrgProfileKit
@testable import OrgYAML

/// What a role defines of its permission set: read, resolved to what AWS takes, and every
/// limit and shape problem located, all at once.
@Suite struct PermissionSetTests {
    /// `validOrg` with Developer's `{}` replaced by `definition` (lines indented by four spaces).
    func org(_ definition: String) -> String {
        validOrg.replacingOccurrences(of: "  Developer: {}\n", with: "  Developer:\n" + definition)
    }

    static let full = """
            description: Builds and runs the workloads
            session_duration: PT8H
            relay_state: https://console.aws.amazon.com/ec2/home
            managed_policies: [ReadOnlyAccess, job-function/ViewOnlyAccess, "arn:aws:iam::aws:policy/AWSCodeBuildDeveloperAccess"]
            customer_managed_policies:
              - {name: team-boundary-extras}
              - {name: deploy, path: /ci/}
            permissions_boundary: {name: developer-boundary, path: /boundaries/}
            tags: {team: platform, cost-center: "4711"}
            inline_policy:
              Version: "2012-10-17"
              Statement:
                - Sid: Logs
                  Effect: Allow
                  Action: logs:GetLogEvents
                  Resource: "*"
                - Effect: Deny
                  NotAction: [iam:*, organizations:*]
                  Resource: ["*"]
                  Condition: {Bool: {aws:MultiFactorAuthPresent: "false"}}

        """

    @Test func aFullDefinitionIsReadAndResolved() throws {
        #expect(diagnostics(org(Self.full)) == [])
        let developer = try #require(try model(org(Self.full)).roles.first { $0.name == "Developer" })
        let definition = try #require(developer.definition)
        #expect(definition.description == "Builds and runs the workloads")
        #expect(definition.sessionDuration == "PT8H")
        #expect(
            definition.managedPolicyARNs == [
                "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
                "arn:aws:iam::aws:policy/AWSCodeBuildDeveloperAccess",
            ])
        #expect(
            definition.customerManagedPolicies == [.init(name: "team-boundary-extras", path: "/"), .init(name: "deploy", path: "/ci/")])
        #expect(definition.permissionsBoundary == .customerManaged(.init(name: "developer-boundary", path: "/boundaries/")))
        #expect(definition.tags == ["team": "platform", "cost-center": "4711"])
        #expect(
            definition.inlinePolicy?.canonicalText
                == #"{"Statement":[{"Action":"logs:GetLogEvents","Effect":"Allow","Resource":"*","Sid":"Logs"},{"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}},"Effect":"Deny","NotAction":["iam:*","organizations:*"],"Resource":["*"]}],"Version":"2012-10-17"}"#
        )
        // A role without definition keys stays defined elsewhere.
        #expect(try model(validOrg).roles.allSatisfy { $0.definition == nil })
    }

    @Test func limitsAndShapesAreLocatedAllAtOnce() {
        let bad = """
                description: ""
                session_duration: PT30M
                relay_state: \(String(repeating: "x", count: 241))
                managed_policies: [ReadOnlyAccess, "arn:aws:iam::123456789012:policy/deploy", "Read Only", ReadOnlyAccess]
                customer_managed_policies:
                  - {name: deploy, path: ci}
                  - {path: /x/}
                permissions_boundary: "arn:aws:iam::123456789012:policy/boundary"
                tags: {"aws:team": x}

            """
        #expect(
            diagnostics(org(bad)) == [
                "13:18: error[permission-set-limit]: the description of role 'Developer' has 0 characters; IAM Identity Center takes 1 to 700",
                "14:23: error[invalid-session-duration]: session_duration 'PT30M' of role 'Developer' is shorter than IAM Identity Center allows; write PT1H to PT12H",
                "15:18: error[permission-set-limit]: the relay state of role 'Developer' has 241 characters; IAM Identity Center takes 1 to 240",
                "16:40: error[invalid-policy]: 'arn:aws:iam::123456789012:policy/deploy' in managed_policies of role 'Developer' is a customer-managed policy, which each account has its own copy of; name it by name and path under customer_managed_policies: {name: deploy}",
                "16:83: error[invalid-policy]: 'Read Only' in managed_policies of role 'Developer' is not an AWS managed policy; write its name (ReadOnlyAccess), its path and name (job-function/ViewOnlyAccess) or its ARN (arn:aws:iam::aws:policy/ReadOnlyAccess)",
                "16:96: error[invalid-policy]: role 'Developer' lists the managed policy arn:aws:iam::aws:policy/ReadOnlyAccess twice",
                "16:24: note: it is first listed here",
                "18:30: error[invalid-policy]: path 'ci' in customer_managed_policies of role 'Developer' is not an IAM path: it starts and ends with '/' (just '/' for none)",
                "19:9: error[missing-key]: an entry of 'customer_managed_policies' in role 'Developer' is missing the required key 'name'",
                "20:27: error[invalid-policy]: 'arn:aws:iam::123456789012:policy/boundary' in permissions_boundary of role 'Developer' is a customer-managed policy, which each account has its own copy of; name it by name and path under customer_managed_policies: {name: boundary}",
                "21:12: error[permission-set-limit]: tag key 'aws:team' of role 'Developer' starts with 'aws:', which AWS reserves",
            ])
        #expect(diagnostics(org("    session_duration: 8 hours\n")).first?.contains("is not an ISO 8601 duration such as PT1H") == true)
        #expect(diagnostics(org("    session_duration: PT12H30M\n")).first?.contains("is longer than IAM Identity Center allows") == true)
    }

    @Test func anInlinePolicyIsAnIdentityPolicyDocument() {
        let bad = """
                inline_policy:
                  Statment: []
                  Statement:
                    - Effect: Permit
                      Principal: "*"
                      Action: [GetObject]
                    - Effect: Allow
                      Action: "*"
                      NotAction: s3:*
                      Resource: "*"
                      Condition: {aws:MultiFactorAuthPresent: "true"}

            """
        #expect(
            diagnostics(org(bad)) == [
                "14:7: error[unknown-key]: unknown key 'Statment' in the inline policy of role 'Developer'; did you mean 'Statement'?",
                "14:7: error[invalid-policy]: the inline policy of role 'Developer' has no Version; add Version: \"2012-10-17\" (without it IAM reads the 2008 language, in which policy variables do not work)",
                "16:11: error[invalid-policy]: statement 1 of the inline policy of role 'Developer' has neither Resource nor NotResource; add Resource",
                "16:19: error[invalid-policy]: Effect of statement 1 of the inline policy of role 'Developer' must be Allow or Deny",
                "17:11: error[invalid-policy]: statement 1 of the inline policy of role 'Developer' names a Principal; a permission set's policy is an identity policy, which names none: remove it",
                "18:20: error[invalid-policy]: 'GetObject' in Action of statement 1 of the inline policy of role 'Developer' is not service:Action, such as s3:GetObject, or *",
                "21:11: error[invalid-policy]: statement 2 of the inline policy of role 'Developer' has both Action and NotAction; keep one",
                "23:22: error[invalid-policy]: Condition of statement 2 of the inline policy of role 'Developer' must map each operator to its keys, such as Bool: {aws:MultiFactorAuthPresent: \"true\"}",
            ])
        // Within the size limits as JSON: 10,240 characters that are not white space.
        let actions = (0..<800).map { "s3:Action\($0)" }.joined(separator: ", ")
        let large = diagnostics(
            org(
                "    inline_policy:\n      Version: \"2012-10-17\"\n      Statement: {Effect: Allow, Action: [\(actions)], Resource: \"*\"}\n"
            ))
        #expect(large.count == 1)
        #expect(large.first?.hasPrefix("14:7: error[permission-set-limit]: the inline policy of role 'Developer' has ") == true)
    }

    /// Every diagnostic of org.yaml with companion files, as `FILE:LINE:COLUMN: error[code]: message`.
    func located(_ yaml: String, _ files: [String: String]) -> [String] {
        Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8), companions: .inMemory(files))).diagnostics.map(\.description)
    }

    /// `inline_policy_file`: the same policy as written inline, read from JSON beside org.yaml;
    /// its problems at their places in that file, the path's at its place in org.yaml.
    @Test func anInlinePolicyFileIsReadBesideOrgYAML() throws {
        let json = """
            {
            	"Version": "2012-10-17",
            	"Statement": [{"Effect": "Deny", "Action": ["iam:*"], "Resource": "*",
            	  "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}}}]
            }
            """
        let inline = """
                inline_policy:
                  Version: "2012-10-17"
                  Statement: [{Effect: Deny, Action: ["iam:*"], Resource: "*", Condition: {NumericLessThan: {aws:MultiFactorAuthAge: "3600"}}}]

            """
        let yaml = org("    inline_policy_file: policies/developer.json\n")
        #expect(located(yaml, ["policies/developer.json": json]) == [])
        let fromFile = try #require(
            Compiler.analyze(
                SourceFile(name: "org.yaml", bytes: Array(yaml.utf8), companions: .inMemory(["policies/developer.json": json]))
            )
            .model?.roles.first { $0.name == "Developer" }?.definition?.inlinePolicy)
        #expect(fromFile == (try model(org(inline)).roles.first { $0.name == "Developer" }?.definition?.inlinePolicy))

        #expect(
            located(
                yaml,
                [
                    "policies/developer.json":
                        #"{"Version": "2012-10-17", "Statement": [{"Effect": "Permit", "Action": "s3:*", "Resource": "*"}]}"#
                ])
                == [
                    "policies/developer.json:1:52: error: Effect of statement 1 of the inline policy of role 'Developer' must be Allow or Deny"
                ])
        #expect(
            located(yaml, ["policies/developer.json": "{\"Version\": \"2012-10-17\",\n  \"Statement\": [\n}"]).first?.hasPrefix(
                "policies/developer.json:3:1: error: ") == true)
        #expect(
            located(yaml, [:]) == ["org.yaml:13:25: error: cannot read 'inline_policy_file' policies/developer.json: no such file"])
        #expect(
            located(org("    inline_policy_file: ../secrets/policy.json\n"), [:]) == [
                "org.yaml:13:25: error: 'inline_policy_file' must name a file inside org.yaml's folder by its relative path (such as policies/developer.json), found '../secrets/policy.json'"
            ])
        #expect(
            located(org("    inline_policy_file: /etc/policy.json\n"), [:]).first?.contains("must name a file inside org.yaml's folder")
                == true)
        #expect(
            located(org(inline + "    inline_policy_file: policies/developer.json\n"), [:]) == [
                "org.yaml:16:5: error: role 'Developer' has both 'inline_policy' and 'inline_policy_file'; a permission set has one inline policy: keep one of them"
            ])
    }

    /// A policy file holds a JSON object: a scalar (what a link's target reads as in git, or
    /// a stray word) is refused, as the same text as `inline_policy:` is.
    @Test func anInlinePolicyFileHoldsAJSONObject() {
        let yaml = org("    inline_policy_file: policies/developer.json\n")
        #expect(
            located(yaml, ["policies/developer.json": "../../etc/passwd"]) == [
                "policies/developer.json:1:1: error: policies/developer.json must hold a JSON object (an IAM policy document), found no '{'"
            ])
        #expect(
            located(yaml, ["policies/developer.json": "Version: \"2012-10-17\"\nStatement: []\n"]) == [
                "policies/developer.json:1:1: error: policies/developer.json must hold a JSON object (an IAM policy document), found no '{'"
            ])
        #expect(
            located(yaml, ["policies/developer.json": "[1, 2]"]) == [
                "policies/developer.json:1:1: error: policies/developer.json must hold a JSON object (an IAM policy document), found no '{'"
            ])
    }

    /// On disk, no symbolic link below org.yaml's folder is followed: a link to a file, or a
    /// folder link on the way, could copy a file of the compiling machine into the output.
    @Test func anInlinePolicyFileIsNeverReachedThroughALink() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let manager = FileManager.default
        let policy = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}"#
        try manager.createDirectory(atPath: root + "/outside", withIntermediateDirectories: true)
        try policy.write(toFile: root + "/outside/secret.json", atomically: true, encoding: .utf8)
        try manager.createDirectory(atPath: root + "/org/real", withIntermediateDirectories: true)
        try policy.write(toFile: root + "/org/real/developer.json", atomically: true, encoding: .utf8)
        try manager.createSymbolicLink(atPath: root + "/org/linked.json", withDestinationPath: "../outside/secret.json")
        try manager.createSymbolicLink(atPath: root + "/org/sub", withDestinationPath: "../outside")
        try manager.createSymbolicLink(atPath: root + "/org/inside.json", withDestinationPath: "real/developer.json")
        func problems(_ path: String) throws -> [String] {
            try org("    inline_policy_file: \(path)\n").write(toFile: root + "/org/org.yaml", atomically: true, encoding: .utf8)
            return Compiler.analyze(try SourceFile.read(root + "/org/org.yaml")).diagnostics.filter { $0.severity == .error }.map(
                \.description)
        }
        #expect(try problems("real/developer.json") == [])
        #expect(try problems("./real/developer.json") == [])
        for path in ["linked.json", "sub/secret.json", "inside.json"] {
            let found = try problems(path)
            #expect(found.count == 1, "\(path): \(found)")
            #expect(found.first?.hasPrefix("\(root)/org/org.yaml:13:25: error: cannot read 'inline_policy_file' ") == true, "\(found)")
            #expect(
                found.first?.hasSuffix("is a symbolic link, which is not followed here (it could lead outside the folder)") == true,
                "\(found)")
        }
    }

    @Test func tooManyPoliciesWarnAtTheDefaultQuotaAndFailAtTheRaisedOne() {
        let eleven = (1...11).map { "Policy\($0)" }.joined(separator: ", ")
        #expect(
            diagnostics(org("    managed_policies: [\(eleven)]\n")) == [
                "13:115: warning[permission-set-limit]: role 'Developer' attaches 11 AWS managed policies; IAM Identity Center takes 10 unless the quota was raised (Service Quotas, up to 20)"
            ])
        let twentyOne = (1...21).map { "{name: p\($0)}" }.joined(separator: ", ")
        #expect(
            diagnostics(org("    customer_managed_policies: [\(twentyOne)]\n")).first?.contains(
                "role 'Developer' attaches 21 customer-managed policies; a permission set takes at most 20") == true)
    }

    @Test func durationsAndManagedPolicyNames() {
        #expect(PermissionSetRules.seconds(ofDuration: "PT1H30M") == 5_400)
        #expect(PermissionSetRules.seconds(ofDuration: "PT12H") == 43_200)
        #expect(PermissionSetRules.seconds(ofDuration: "PT90M") == 5_400)
        for text in ["PT", "P1D", "PT1H1H", "PTH", "PT1M1H", "1H"] {
            #expect(PermissionSetRules.seconds(ofDuration: text) == nil, "\(text)")
        }
        #expect(PermissionSetRules.managedPolicyARN("ReadOnlyAccess") == "arn:aws:iam::aws:policy/ReadOnlyAccess")
        #expect(
            PermissionSetRules.managedPolicyARN("arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess")
                == "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess")
        #expect(PermissionSetRules.managedPolicyARN("/ReadOnlyAccess") == nil)
    }
}
