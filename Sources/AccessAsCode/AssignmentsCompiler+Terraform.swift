import OrgProfileKit
import OrgYAML
import Reconciliation
import Support

/// Terraform (`.tf.json`): each role org.yaml defines as `aws_ssoadmin_permission_set` and one
/// resource per part of what it grants, the directory's groups and users, one
/// `aws_ssoadmin_account_assignment` per grant and the memberships, each referring to the
/// others by address; an `import` block for everything that already exists, so the first
/// plan creates only what is missing. Every value is written through `TerraformJSON`: text as
/// a literal (a `${` in a description or policy stays text), references as interpolations.
extension AssignmentsCompiler {
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

        /// Resource type, then name, then arguments, each string already Terraform's literal.
        var resource: [String: [String: JSONValue]]
        var `import`: [Import]?
    }

    /// What one Terraform configuration is being built of.
    private struct TerraformBuilder {
        var resources: [String: [String: JSONValue]] = [:]
        var imports: [TerraformConfig.Import] = []

        /// Adds a resource, imported from `existing` when that is known.
        mutating func add(_ type: String, _ key: String, _ arguments: JSONValue, importing existing: String?) {
            resources[type, default: [:]][key] = arguments
            if let existing { imports.append(.init(to: "\(type).\(key)", id: existing)) }
        }
    }

    static func permissionSetKey(_ role: String) -> String { terraformKey("role", [role]) }

    /// The ARN of the permission set this configuration defines for a role.
    static func permissionSetAddress(_ role: String) -> JSONValue {
        .reference("aws_ssoadmin_permission_set.\(permissionSetKey(role))", attribute: "arn")
    }

    public func terraform() -> String {
        let instance = snapshot.instance.arn
        let store = snapshot.instance.identityStoreID
        var config = TerraformBuilder()
        for set in permissionSets { addPermissionSet(set, to: &config) }
        var owned: [Grants.PrincipalKey: JSONValue] = [:]
        for entry in directory {
            let key = Self.terraformKey(entry.declared.kind.rawValue, [entry.declared.name])
            let existing = entry.id.map { "\(store)/\($0)" }
            switch entry.declared.kind {
            case .group:
                var arguments: [String: JSONValue] = ["identity_store_id": .string(store), "display_name": .string(entry.displayName)]
                arguments["description"] = entry.description.map(JSONValue.string)
                config.add("aws_identitystore_group", key, .object(arguments), importing: existing)
                owned[.init(kind: .group, name: entry.declared.name)] = .reference("aws_identitystore_group.\(key)", attribute: "group_id")
            case .user:
                var arguments: [String: JSONValue] = [
                    "identity_store_id": .string(store), "user_name": .string(entry.declared.identityCenterName),
                    "display_name": .string(entry.displayName), "name": Self.personalName(entry.displayName),
                    // org.yaml has no given and family names: they are set once, at creation.
                    "lifecycle": ["ignore_changes": ["name"]],
                ]
                arguments["emails"] = entry.email.map { ["value": .string($0), "primary": .bool(true)] }
                config.add("aws_identitystore_user", key, .object(arguments), importing: existing)
                owned[.init(kind: .user, name: entry.declared.name)] = .reference("aws_identitystore_user.\(key)", attribute: "user_id")
            }
        }
        let defined = Set(permissionSets.map(\.role.name))
        let live = snapshotIndex.assignments
        for grant in grants {
            let declared = grant.declared
            let permissionSet: JSONValue =
                defined.contains(declared.role)
                ? Self.permissionSetAddress(declared.role) : .string(grant.permissionSetARN ?? "")
            let principal = owned[.init(kind: declared.principalKind, name: declared.principal)] ?? .string(grant.principalID ?? "")
            let existing = grant.assignment.flatMap { live.contains($0) ? $0 : nil }.map {
                [$0.principalID, $0.principalType.rawValue, $0.accountID, "AWS_ACCOUNT", $0.permissionSetARN, instance].joined(
                    separator: ",")
            }
            config.add(
                "aws_ssoadmin_account_assignment",
                Self.terraformKey(declared.principalKind.rawValue, [declared.principal, declared.role, declared.account]),
                [
                    "instance_arn": .string(instance), "permission_set_arn": permissionSet, "principal_id": principal,
                    "principal_type": .string(grant.principalType.rawValue), "target_id": .string(declared.accountID),
                    "target_type": "AWS_ACCOUNT",
                ], importing: existing)
        }
        for membership in memberships {
            let declared = membership.declared
            let existing = membership.membership.flatMap(snapshotIndex.membershipID).map { "\(store)/\($0)" }
            config.add(
                "aws_identitystore_group_membership", Self.terraformKey("member", [declared.user, declared.group]),
                [
                    "identity_store_id": .string(store),
                    "group_id": owned[.init(kind: .group, name: declared.group)] ?? .string(membership.groupID ?? ""),
                    "member_id": owned[.init(kind: .user, name: declared.user)] ?? .string(membership.userID ?? ""),
                ], importing: existing)
        }
        let imports = config.imports.sorted { $0.to < $1.to }.map { TerraformConfig.Import(to: $0.to, id: TerraformJSON.literal($0.id)) }
        return JSON.encode(
            TerraformConfig(resource: config.resources.mapValues { $0.mapValues(\.terraform) }, import: imports.isEmpty ? nil : imports))
    }

    /// The permission set and a resource per part of its definition. A part is imported when
    /// the snapshot shows it (`refusals` keeps out permission sets whose parts it did not read).
    private func addPermissionSet(_ set: DefinedPermissionSet, to config: inout TerraformBuilder) {
        let instance = snapshot.instance.arn
        let definition = set.definition
        let key = Self.permissionSetKey(set.role.name)
        let address = Self.permissionSetAddress(set.role.name)
        let live = set.live
        /// The import ID of a part that exists: its own fields, then the permission set's and the instance's ARNs.
        func existing(_ present: Bool, _ fields: [String] = []) -> String? {
            guard let live, present else { return nil }
            return (fields + [live.arn, instance]).joined(separator: ",")
        }
        var arguments: [String: JSONValue] = ["name": .string(set.role.name), "instance_arn": .string(instance)]
        for attribute in PermissionSetText.all { arguments[attribute.key] = definition.texts[attribute.key].map(JSONValue.string) }
        let attached: [String: JSONValue] = ["instance_arn": .string(instance), "permission_set_arn": address]
        /// A resource attaching one item of a part to the permission set.
        func attach(_ part: PermissionSetPart, _ key: String, _ fields: [String: JSONValue], importing: String?) {
            config.add(part.terraform, key, .object(attached.merging(fields) { first, _ in first }), importing: importing)
        }
        func reference(_ policy: PolicyReference) -> JSONValue { ["name": .string(policy.name), "path": .string(policy.path)] }
        for part in PermissionSetPart.allCases {
            let known = live.flatMap { $0.read.contains(part) ? $0.definition : nil }
            switch part {
            case .managedPolicies:
                for arn in definition.managedPolicyARNs {
                    let policy = arn.components(separatedBy: ":policy/").last ?? arn
                    attach(
                        part, Self.terraformKey("role", [set.role.name, policy]), ["managed_policy_arn": .string(arn)],
                        importing: existing(known?.managedPolicyARNs.contains(arn) == true, [arn]))
                }
            case .customerManagedPolicies:
                for policy in definition.customerManagedPolicies {
                    attach(
                        part, Self.terraformKey("role", [set.role.name, policy.shown]),
                        ["customer_managed_policy_reference": reference(policy)],
                        importing: existing(known?.customerManagedPolicies.contains(policy) == true, [policy.name, policy.path]))
                }
            case .permissionsBoundary:
                guard let boundary = definition.permissionsBoundary else { continue }
                let value: JSONValue =
                    switch boundary {
                    case .managed(let arn): ["managed_policy_arn": .string(arn)]
                    case .customerManaged(let policy): ["customer_managed_policy_reference": reference(policy)]
                    }
                attach(part, key, ["permissions_boundary": value], importing: existing(known?.permissionsBoundary != nil))
            case .tags:
                if !definition.tags.isEmpty { arguments[part.terraform] = .object(definition.tags.mapValues(JSONValue.string)) }
            case .inlinePolicy:
                guard let policy = definition.inlinePolicy else { continue }
                attach(part, key, ["inline_policy": .string(policy.canonicalText)], importing: existing(known?.inlinePolicy != nil))
            }
        }
        config.add("aws_ssoadmin_permission_set", key, .object(arguments), importing: existing(true))
    }

    /// Identity Center's given and family names, which a user must have to be created: the
    /// display name's first word, and the rest (the first word again when there is no rest).
    static func personalName(_ displayName: String) -> JSONValue {
        let words = displayName.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let given = words.first ?? displayName
        let family = words.count > 1 ? words.dropFirst().joined(separator: " ") : given
        return ["given_name": .string(given), "family_name": .string(family)]
    }
}
