import Crypto
import Foundation
import OrgProfileKit
import OrgYAML
import Support

/// org.yaml's grants as infrastructure code: CloudFormation templates, a Terraform JSON
/// configuration, or rows for auditors. Names are resolved to IDs once, through a
/// snapshot (`Grants`), and kept beside the IDs for reviewers. Output is deterministic: grants
/// are sorted by principal, role and account, and every name derived from a grant depends
/// on that grant alone, so adding or removing one grant leaves the others' names alone.
public struct AssignmentsCompiler {
    public enum Format: String, CaseIterable, Sendable {
        /// What would be created, and what exists undeclared: a plan, writing nothing.
        case text
        case cloudformation, terraform, csv, json
    }

    /// CloudFormation's limit of resources in one stack.
    public static let resourcesPerTemplate = 500
    /// How many assignment operations CloudFormation is let run at once (it starts about 20).
    public static let concurrentOperations = 20

    public let grants: [Grants.Grant]
    public let memberships: [Grants.Membership]
    public let snapshot: Snapshot
    public let project: String
    public let source: String

    public init(resolved: Grants, snapshot: Snapshot, project: String, source: String, includeMemberships: Bool) {
        grants = resolved.grants.sorted { Self.order($0).lexicographicallyPrecedes(Self.order($1)) }
        memberships =
            includeMemberships
            ? resolved.memberships.sorted { ($0.declared.user, $0.declared.group) < ($1.declared.user, $1.declared.group) } : []
        self.snapshot = snapshot
        self.project = project
        self.source = source
    }

    static func order(_ grant: Grants.Grant) -> [String] {
        [grant.declared.principalKind.rawValue, grant.declared.principal, grant.declared.role, grant.declared.account]
    }

    /// The first 8 hex digits of the SHA-256 of a grant's names: what keeps a name unique
    /// when characters had to be dropped from it.
    static func digest(_ parts: [String]) -> String {
        SHA256.hash(data: Array(parts.joined(separator: "\u{0}").utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: CloudFormation

    /// `GroupPlatformTeamAdministratorAccessInfrastructure1a2b3c4d`: letters and digits of the
    /// names in CamelCase, and a digest of the exact names, so two grants never share one.
    static func logicalID(_ parts: [String]) -> String {
        var id = ""
        for part in parts {
            var upper = true
            for character in part {
                if character.isASCII, character.isLetter || character.isNumber {
                    id.append(upper ? Character(character.uppercased()) : character)
                    upper = false
                } else {
                    upper = true
                }
            }
        }
        return String(id.prefix(200)) + digest(parts)
    }

    struct Template: Encodable {
        var AWSTemplateFormatVersion = "2010-09-09"
        var Description: String
        var Resources: [String: Resource]
    }

    struct Resource: Encodable {
        var `Type`: String
        var Properties: [String: PropertyValue]
        var Metadata: [String: [String: String]]
        var DependsOn: String?
    }

    enum PropertyValue: Encodable {
        case text(String)
        case object([String: String])

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .object(let object): try container.encode(object)
            }
        }
    }

    /// One template, or one per 500 resources: each a JSON text.
    public func cloudFormation() -> [String] {
        var resources: [(String, Resource)] = grants.map { grant in
            let declared = grant.declared
            let id = Self.logicalID([declared.principalKind.rawValue, declared.principal, declared.role, declared.account])
            return (
                id,
                Resource(
                    Type: "AWS::SSO::Assignment",
                    Properties: [
                        "InstanceArn": .text(snapshot.instance.arn), "PermissionSetArn": .text(grant.assignment.permissionSetARN),
                        "PrincipalId": .text(grant.assignment.principalID), "PrincipalType": .text(grant.assignment.principalType.rawValue),
                        "TargetId": .text(grant.assignment.accountID), "TargetType": .text("AWS_ACCOUNT"),
                    ],
                    Metadata: ["orgprofile": Self.names(grant)])
            )
        }
        resources += memberships.map { membership in
            let id = Self.logicalID(["member", membership.declared.user, "in", membership.declared.group])
            return (
                id,
                Resource(
                    Type: "AWS::IdentityStore::GroupMembership",
                    Properties: [
                        "GroupId": .text(membership.membership.groupID), "IdentityStoreId": .text(snapshot.instance.identityStoreID),
                        "MemberId": .object(["UserId": membership.membership.userID]),
                    ],
                    Metadata: [
                        "orgprofile": [
                            "user": membership.declared.user, "user_name": membership.userName, "group": membership.declared.group,
                            "group_name": membership.groupName,
                        ]
                    ])
            )
        }
        let chunks = stride(from: 0, to: max(resources.count, 1), by: Self.resourcesPerTemplate).map {
            Array(resources[$0..<min($0 + Self.resourcesPerTemplate, resources.count)])
        }
        return chunks.enumerated().map { number, chunk in
            var named: [String: Resource] = [:]
            for (index, (id, resource)) in chunk.enumerated() {
                var resource = resource
                // At most `concurrentOperations` lanes: each resource waits for the one that many before it.
                if index >= Self.concurrentOperations { resource.DependsOn = chunk[index - Self.concurrentOperations].0 }
                named[id] = resource
            }
            let part = chunks.count > 1 ? " (template \(number + 1) of \(chunks.count))" : ""
            return JSON.encode(
                Template(
                    Description: "IAM Identity Center account assignments of \(project), compiled by orgprofile from \(source)\(part)",
                    Resources: named))
        }
    }

    /// The names a reviewer reads beside a grant's IDs.
    static func names(_ grant: Grants.Grant) -> [String: String] {
        [
            "principal_type": grant.assignment.principalType.rawValue, "principal": grant.declared.principal,
            "principal_name": grant.principalName,
            "permission_set": grant.declared.role, "account": grant.declared.account, "account_name": grant.accountName,
        ]
    }

    // MARK: Terraform

    /// `group_platform-team__AdministratorAccess__infrastructure`: the names joined, each
    /// kept to what a Terraform name may hold; a digest added when anything was dropped.
    static func terraformKey(_ kind: String, _ parts: [String]) -> String {
        var lossless = true
        let cleaned = parts.map { part in
            String(
                part.map { character -> Character in
                    if character.isASCII, character.isLetter || character.isNumber || character == "-" || character == "_" {
                        return character
                    }
                    lossless = false
                    return "_"
                })
        }
        let key = kind + "_" + cleaned.joined(separator: "__")
        return lossless ? key : key + "_" + digest([kind] + parts)
    }

    struct TerraformConfig: Encodable {
        struct Import: Encodable {
            var to: String
            var id: String
        }

        var resource: [String: [String: [String: String]]]
        var `import`: [Import]?
    }

    public func terraform() -> String {
        let live = Set(snapshot.assignments)
        var assignments: [String: [String: String]] = [:]
        var imports: [TerraformConfig.Import] = []
        for grant in grants {
            let declared = grant.declared
            let key = Self.terraformKey(declared.principalKind.rawValue, [declared.principal, declared.role, declared.account])
            let assignment = grant.assignment
            assignments[key] = [
                "instance_arn": snapshot.instance.arn, "permission_set_arn": assignment.permissionSetARN,
                "principal_id": assignment.principalID,
                "principal_type": assignment.principalType.rawValue, "target_id": assignment.accountID, "target_type": "AWS_ACCOUNT",
            ]
            if live.contains(assignment) {
                imports.append(
                    .init(
                        to: "aws_ssoadmin_account_assignment.\(key)",
                        id: [
                            assignment.principalID, assignment.principalType.rawValue, assignment.accountID, "AWS_ACCOUNT",
                            assignment.permissionSetARN, snapshot.instance.arn,
                        ].joined(separator: ",")))
            }
        }
        var resources = ["aws_ssoadmin_account_assignment": assignments]
        if !memberships.isEmpty {
            let existing = Dictionary(snapshot.memberships.map { ($0, $0.id) }, uniquingKeysWith: { first, _ in first })
            var members: [String: [String: String]] = [:]
            for membership in memberships {
                let key = Self.terraformKey("member", [membership.declared.user, membership.declared.group])
                members[key] = [
                    "identity_store_id": snapshot.instance.identityStoreID, "group_id": membership.membership.groupID,
                    "member_id": membership.membership.userID,
                ]
                if let id = existing[membership.membership] ?? nil {
                    imports.append(.init(to: "aws_identitystore_group_membership.\(key)", id: "\(snapshot.instance.identityStoreID)/\(id)"))
                }
            }
            resources["aws_identitystore_group_membership"] = members
        }
        return JSON.encode(TerraformConfig(resource: resources, import: imports.isEmpty ? nil : imports.sorted { $0.to < $1.to }))
    }

    // MARK: Rows

    static let columns = [
        "principal_type", "principal", "principal_name", "permission_set", "account", "account_name", "account_id", "principal_id",
        "permission_set_arn",
    ]

    func rows() -> [[String]] {
        grants.map { grant in
            [
                grant.assignment.principalType.rawValue, grant.declared.principal, grant.principalName, grant.declared.role,
                grant.declared.account,
                grant.accountName, grant.assignment.accountID, grant.assignment.principalID, grant.assignment.permissionSetARN,
            ]
        }
    }

    /// RFC 4180, as `report` writes it.
    public func csv() -> String {
        ([Self.columns] + rows()).map { $0.map(AccessReport.csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    public func json() -> String {
        JSON.encode(rows().map { Dictionary(uniqueKeysWithValues: zip(Self.columns, $0)) })
    }

    // MARK: The plan

    /// What applying the templates would create, and what exists that org.yaml does not
    /// declare: drift's comparison, told as a plan.
    public static func plan(_ drift: Drift, memberships: Bool) -> String {
        var create: [String] = []
        var unmanaged: [String] = []
        var problems: [String] = []
        var reprovision: [String] = []
        for subject in drift.subjects {
            let who = subject.kind.map { "\($0.rawValue) \(subject.name ?? "")" } ?? ""
            for finding in subject.findings {
                switch finding.kind {
                case .missingAssignment: create.append("+ \(who): \(finding.role ?? "") on \(finding.account ?? "")")
                case .missingMembership where memberships: create.append("+ \(who): member of \(finding.group ?? "")")
                case .undeclaredAssignment: unmanaged.append("? \(who): \(finding.role ?? "") on \(finding.account ?? "")")
                case .undeclaredMembership where memberships: unmanaged.append("? \(who): member of \(finding.group ?? "")")
                case .outdatedProvisioning: reprovision.append("~ \(finding.message)")
                // Definitions are drift's to report until assignments deploys them.
                case .missingMembership, .undeclaredMembership, .accountName, .permissionSetDefinition: continue
                case .missingPrincipal, .missingAccount, .missingPermissionSet: problems.append("! \(finding.message)")
                }
            }
        }
        var text = "\(create.count) to create, \(unmanaged.count) existing but not declared (left alone)\n"
        if !create.isEmpty { text += "\nwould create:\n" + create.sorted().map { "  \($0)\n" }.joined() }
        if !unmanaged.isEmpty { text += "\nexisting, not declared in org.yaml:\n" + unmanaged.sorted().map { "  \($0)\n" }.joined() }
        if !problems.isEmpty { text += "\nnames the snapshot lacks:\n" + problems.map { "  \($0)\n" }.joined() }
        if !reprovision.isEmpty { text += "\nto provision again:\n" + reprovision.sorted().map { "  \($0)\n" }.joined() }
        return text
    }
}
