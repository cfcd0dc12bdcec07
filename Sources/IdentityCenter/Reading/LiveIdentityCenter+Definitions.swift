import IdentityCenterSnapshot
import OrgYAML

/// What each permission set grants (snapshot version 2): six calls per permission set, run
/// with the rest of step 3. Each part is optional: a call the reader has no right to make (or
/// that the Identity Center in use does not answer) leaves that part unknown, with one
/// warning per kind of call, never a failure.
extension LiveIdentityCenter {
    /// One part of a permission set's definition, read by one call.
    struct DefinitionPart: Sendable {
        let part: Snapshot.PermissionSet.Part
        /// The operation, for the warning when it cannot be read.
        let operation: String
        /// The IAM action a reader needs for it.
        let action: String
        let read:
            @Sendable (LiveIdentityCenter.Reader, _ instance: String, _ set: String) throws ->
                @Sendable (inout Snapshot.PermissionSet) -> Void
    }

    static let definitionParts: [DefinitionPart] = [
        DefinitionPart(
            part: .managedPolicies, operation: "list-managed-policies-in-permission-set", action: "sso:ListManagedPoliciesInPermissionSet"
        ) {
            reader, instance, set in
            let arns = try reader.call(SSOAdmin.listManagedPoliciesInPermissionSet(instance: instance, permissionSet: set))
                .AttachedManagedPolicies.map(\.Arn)
            return { $0.managedPolicyARNs = arns }
        },
        DefinitionPart(
            part: .customerManagedPolicies,
            operation: "list-customer-managed-policy-references-in-permission-set",
            action: "sso:ListCustomerManagedPolicyReferencesInPermissionSet"
        ) { reader, instance, set in
            let references = try reader.call(
                SSOAdmin.listCustomerManagedPolicyReferencesInPermissionSet(instance: instance, permissionSet: set)
            ).CustomerManagedPolicyReferences.map(\.reference)
            return { $0.customerManagedPolicies = references }
        },
        DefinitionPart(
            part: .inlinePolicy, operation: "get-inline-policy-for-permission-set", action: "sso:GetInlinePolicyForPermissionSet"
        ) {
            reader, instance, set in
            let policy = try reader.call(SSOAdmin.getInlinePolicyForPermissionSet(instance: instance, permissionSet: set)).InlinePolicy
            return { $0.inlinePolicy = policy ?? "" }
        },
        DefinitionPart(
            part: .permissionsBoundary, operation: "get-permissions-boundary-for-permission-set",
            action: "sso:GetPermissionsBoundaryForPermissionSet"
        ) {
            reader, instance, set in
            let boundary: PermissionsBoundary?
            do {
                let found = try reader.call(
                    SSOAdmin.getPermissionsBoundaryForPermissionSet(instance: instance, permissionSet: set)
                ).PermissionsBoundary
                boundary =
                    if let arn = found?.ManagedPolicyArn {
                        .managed(arn: arn)
                    } else if let reference = found?.CustomerManagedPolicyReference?.reference {
                        .customerManaged(reference)
                    } else {
                        nil
                    }
            } catch let failure as AWSCommand.Failure where failure.message.contains("ResourceNotFoundException") {
                // Identity Center's answer for a permission set without a boundary.
                boundary = nil
            }
            return { $0.permissionsBoundary = boundary }
        },
        DefinitionPart(part: .tags, operation: "list-tags-for-resource", action: "sso:ListTagsForResource") { reader, instance, set in
            let byKey = try reader.call(SSOAdmin.listTagsForResource(instance: instance, resource: set)).byKey
            return { $0.tags = byKey }
        },
        DefinitionPart(
            part: .provisioningStatus, operation: "list-accounts-for-provisioned-permission-set",
            action: "sso:ListAccountsForProvisionedPermissionSet"
        ) {
            reader, instance, set in
            let accounts = try reader.call(SSOAdmin.listAccountsNotProvisionedWithLatest(instance: instance, permissionSet: set))
                .AccountIds
            return { $0.outdatedAccountIDs = accounts }
        },
    ]

    /// The work of reading every part of every permission set: each item applies what it read
    /// to the permission set of its ARN, or records why it could not.
    static func definitionWork(_ reader: Reader, instance: String, permissionSets: [String])
        -> [@Sendable () throws ->
        @Sendable (
            inout Details
        ) -> Void]
    {
        permissionSets.flatMap { set in
            definitionParts.map { part -> @Sendable () throws -> @Sendable (inout Details) -> Void in
                { @Sendable in
                    do {
                        let apply = try part.read(reader, instance, set)
                        return { $0.definitionParts[set, default: []].append(apply) }
                    } catch let failure as AWSCommand.Failure {
                        let record = Snapshot.PermissionSet.UnreadPart(part: part.part, action: part.action, reason: failure.message)
                        return {
                            $0.unreadParts[part.operation, default: []].append(failure)
                            $0.definitionParts[set, default: []].append { $0.unread = ($0.unread ?? []) + [record] }
                        }
                    }
                }
            }
        }
    }

    /// One warning per kind of call that failed, naming the action it needs and quoting the
    /// first failure.
    static func unreadWarnings(_ unread: [String: [AWSCommand.Failure]]) -> [String] {
        definitionParts.compactMap { part in
            guard let failures = unread[part.operation], let first = failures.first else { return nil }
            return
                "\(failures.count) permission set\(failures.count == 1 ? "" : "s") could not be read by \(part.operation) (\(part.action)); "
                + "that part of \(failures.count == 1 ? "its" : "their") definition is left out of the snapshot: \(first)"
        }
    }
}
