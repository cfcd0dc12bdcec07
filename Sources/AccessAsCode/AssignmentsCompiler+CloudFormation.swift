import OrgProfileKit
import OrgYAML
import Support

/// CloudFormation: one `AWS::SSO::PermissionSet` per role org.yaml defines, one
/// `AWS::IdentityStore::Group` per group of the directory, one `AWS::SSO::Assignment` per
/// grant, one `AWS::IdentityStore::GroupMembership` per membership, in that order, 500 to a
/// template. A grant refers to its permission set and group with `Fn::GetAtt` inside its
/// template; one split from them into a later template imports the value the earlier
/// template exports.
extension AssignmentsCompiler {
    struct Template: Encodable {
        var AWSTemplateFormatVersion = "2010-09-09"
        var Description: String
        var Resources: [String: Resource]
        var Outputs: [String: Output]?
    }

    struct Resource: Encodable {
        var `Type`: String
        var Properties: JSONValue
        var Metadata: JSONValue
        var DependsOn: String?
        /// Permission sets and groups outlive their stack: deleting one removes access
        /// that assignments outside the stack may rely on, and a resource import needs it.
        var DeletionPolicy: String?
        var UpdateReplacePolicy: String?
    }

    struct Output: Encodable {
        var Value: JSONValue
        var Export: [String: String]
    }

    /// `GroupPlatformTeamAdministratorAccessInfrastructure1a2b3c4d`: letters and digits of the
    /// names in CamelCase, and a digest of the exact names, so two resources never share one.
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

    static func permissionSetID(_ role: String) -> String { logicalID(["PermissionSet", role]) }
    static func directoryGroupID(_ group: String) -> String { logicalID(["DirectoryGroup", group]) }

    /// Every resource in order, references not yet settled.
    func cloudFormationResources() -> [(id: String, resource: Resource)] {
        let instance = snapshot.instance.arn
        let store = snapshot.instance.identityStoreID
        let kept = (DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain")
        var resources: [(id: String, resource: Resource)] = []
        for set in permissionSets {
            var about: [String: JSONValue] = ["role": .string(set.role.name)]
            if let live = set.live {
                about["resource_identifier"] = ["InstanceArn": .string(instance), "PermissionSetArn": .string(live.arn)]
            }
            resources.append(
                (
                    Self.permissionSetID(set.role.name),
                    Resource(
                        Type: "AWS::SSO::PermissionSet",
                        Properties: Self.properties(set.definition, name: set.role.name, instance: instance),
                        Metadata: ["orgprofile": .object(about)], DeletionPolicy: kept.DeletionPolicy,
                        UpdateReplacePolicy: kept.UpdateReplacePolicy)
                ))
        }
        for entry in directory where entry.declared.kind == .group {
            var properties: [String: JSONValue] = ["DisplayName": .string(entry.displayName), "IdentityStoreId": .string(store)]
            properties["Description"] = entry.description.map(JSONValue.string)
            var about: [String: JSONValue] = ["group": .string(entry.declared.name)]
            if let id = entry.id { about["resource_identifier"] = ["GroupId": .string(id), "IdentityStoreId": .string(store)] }
            resources.append(
                (
                    Self.directoryGroupID(entry.declared.name),
                    Resource(
                        Type: "AWS::IdentityStore::Group", Properties: .object(properties), Metadata: ["orgprofile": .object(about)],
                        DeletionPolicy: kept.DeletionPolicy, UpdateReplacePolicy: kept.UpdateReplacePolicy)
                ))
        }
        let defined = Set(permissionSets.map(\.role.name))
        for grant in grants {
            let declared = grant.declared
            let permissionSet: JSONValue =
                defined.contains(declared.role)
                ? .reference(Self.permissionSetID(declared.role), attribute: "PermissionSetArn") : .string(grant.permissionSetARN ?? "")
            resources.append(
                (
                    Self.logicalID([declared.principalKind.rawValue, declared.principal, declared.role, declared.account]),
                    Resource(
                        Type: "AWS::SSO::Assignment",
                        Properties: [
                            "InstanceArn": .string(instance), "PermissionSetArn": permissionSet,
                            "PrincipalId": principalReference(declared.principalKind, declared.principal, id: grant.principalID),
                            "PrincipalType": .string(grant.principalType.rawValue), "TargetId": .string(declared.accountID),
                            "TargetType": "AWS_ACCOUNT",
                        ],
                        Metadata: ["orgprofile": .object(Self.names(grant).mapValues(JSONValue.string))])
                ))
        }
        for membership in memberships {
            let declared = membership.declared
            resources.append(
                (
                    Self.logicalID(["member", declared.user, "in", declared.group]),
                    Resource(
                        Type: "AWS::IdentityStore::GroupMembership",
                        Properties: [
                            "GroupId": principalReference(.group, declared.group, id: membership.groupID),
                            "IdentityStoreId": .string(store),
                            "MemberId": ["UserId": .string(membership.userID ?? "")],
                        ],
                        Metadata: [
                            "orgprofile": [
                                "user": .string(declared.user), "user_name": .string(membership.userName), "group": .string(declared.group),
                                "group_name": .string(membership.groupName),
                            ]
                        ])
                ))
        }
        return resources
    }

    /// A group of the directory is this output's resource; any other principal is its ID.
    /// (`refusals` keeps users CloudFormation cannot create out.)
    private func principalReference(_ kind: Principal.Kind, _ name: String, id: String?) -> JSONValue {
        kind == .group && ownsDirectory ? .reference(Self.directoryGroupID(name), attribute: "GroupId") : .string(id ?? "")
    }

    /// `AWS::SSO::PermissionSet`'s properties: what org.yaml defines, nothing else.
    static func properties(_ definition: PermissionSet, name: String, instance: String) -> JSONValue {
        var properties: [String: JSONValue] = ["InstanceArn": .string(instance), "Name": .string(name)]
        for attribute in PermissionSetText.all {
            properties[attribute.cloudFormation] = definition.texts[attribute.key].map(JSONValue.string)
        }
        let reference = { (policy: PolicyReference) -> JSONValue in
            ["Name": .string(policy.name), "Path": .string(policy.path)]
        }
        for part in PermissionSetPart.allCases where !part.items(definition).isEmpty {
            properties[part.cloudFormation] =
                switch part {
                case .managedPolicies: .array(definition.managedPolicyARNs.map(JSONValue.string))
                case .customerManagedPolicies: .array(definition.customerManagedPolicies.map(reference))
                case .permissionsBoundary:
                    switch definition.permissionsBoundary {
                    case .managed(let arn)?: ["ManagedPolicyArn": .string(arn)]
                    case .customerManaged(let policy)?: ["CustomerManagedPolicyReference": reference(policy)]
                    case nil: nil
                    }
                case .tags: .array(definition.tags.keys.sorted().map { ["Key": .string($0), "Value": .string(definition.tags[$0]!)] })
                // As a JSON string, not an object: CloudFormation evaluates `Ref` and `Fn::...` keys
                // anywhere in an object, so a policy written as one could run intrinsic functions.
                case .inlinePolicy: definition.inlinePolicy.map { .string($0.canonicalText) }
                }
        }
        return .object(properties)
    }

    /// The name under which a template exports a resource's attribute for a later one.
    func exportName(_ id: String, _ attribute: String) -> String { "orgprofile-\(project)-\(id)-\(attribute)" }

    /// One template, or one per 500 resources: each a JSON text. Deploy them in order: a
    /// later one may import what an earlier one exports.
    public func cloudFormation() -> [String] { cloudFormationTemplates().map(JSON.encode) }

    func cloudFormationTemplates() -> [Template] {
        let resources = cloudFormationResources()
        let chunks = stride(from: 0, to: max(resources.count, 1), by: Self.resourcesPerTemplate).map {
            Array(resources[$0..<min($0 + Self.resourcesPerTemplate, resources.count)])
        }
        var home: [String: Int] = [:]
        for (number, chunk) in chunks.enumerated() { for (id, _) in chunk { home[id] = number } }
        var exports = Array(repeating: [String: Output](), count: chunks.count)
        var templates = chunks.enumerated().map { number, chunk in
            var named: [String: Resource] = [:]
            for (index, (id, resource)) in chunk.enumerated() {
                var resource = resource
                resource.Properties = resource.Properties.resolvingReferences { target, attribute in
                    guard let holder = home[target], holder != number else { return .reference(target, attribute: attribute) }
                    let name = exportName(target, attribute)
                    exports[holder][target + attribute] = Output(Value: .reference(target, attribute: attribute), Export: ["Name": name])
                    return ["Fn::ImportValue": .string(name)]
                }
                // At most `concurrentOperations` lanes: each resource waits for the one that many
                // before it (a reference to it already makes it wait).
                if index >= Self.concurrentOperations, case let lane = chunk[index - Self.concurrentOperations].id,
                    !resource.Properties.references.contains(lane)
                {
                    resource.DependsOn = lane
                }
                named[id] = resource
            }
            let part = chunks.count > 1 ? " (template \(number + 1) of \(chunks.count))" : ""
            return Template(
                Description: "IAM Identity Center access of \(project), compiled by orgprofile from \(source)\(part)", Resources: named)
        }
        for number in templates.indices where !exports[number].isEmpty { templates[number].Outputs = exports[number] }
        return templates
    }
}
