import AWSClient
import IdentityCenterSnapshot
import OrgYAML
import Support

/// What each permission set grants (snapshot version 2): six calls per permission set, run
/// with the rest of step 3. Each part is optional: a call the reader has no right to make (or
/// that the Identity Center in use does not answer) leaves that part unknown, with one
/// warning per kind of call, never a failure.
extension LiveIdentityCenter {
    /// What one call reads of a permission set: a part of its definition, or where it is
    /// provisioned.
    struct DefinitionRead: Sendable {
        let reading: Snapshot.PermissionSet.Reading
        let read:
            @Sendable (LiveIdentityCenter.Reader, _ instance: String, _ set: String) throws ->
                @Sendable (inout Snapshot.PermissionSet) -> Void

        /// The sso-admin operation, as the API names it.
        var operation: String {
            switch reading {
            case .part(let part): part.readOperation
            case .provisioningStatus: SSOAdmin.provisioningStatusOperation
            }
        }

        /// The IAM action a reader needs for it.
        var action: String { "sso:" + operation }
    }

    /// One call per part of the definition (`PermissionSetPart`), then the provisioning status.
    static let definitionReads: [DefinitionRead] =
        PermissionSetPart.allCases.map { part in DefinitionRead(reading: .part(part)) { try read(part, $0, $1, $2) } }
        + [
            DefinitionRead(reading: .provisioningStatus) { reader, instance, set in
                let accounts = try reader.call(SSOAdmin.listAccountsNotProvisionedWithLatest(instance: instance, permissionSet: set))
                    .items.map(\.text)
                return { $0.outdatedAccountIDs = accounts }
            }
        ]

    /// Reads one part of a permission set: what to record of it.
    static func read(_ part: PermissionSetPart, _ reader: Reader, _ instance: String, _ set: String) throws
        -> @Sendable (inout Snapshot.PermissionSet) -> Void
    {
        switch part {
        case .managedPolicies:
            let arns = try reader.call(SSOAdmin.listManagedPoliciesInPermissionSet(instance: instance, permissionSet: set))
                .items.map(\.Arn)
            return { $0.record(part, \.managedPolicyARNs, arns) }
        case .customerManagedPolicies:
            let references = try reader.call(
                SSOAdmin.listCustomerManagedPolicyReferencesInPermissionSet(instance: instance, permissionSet: set)
            ).items.map(\.reference)
            return { $0.record(part, \.customerManagedPolicies, references) }
        case .permissionsBoundary:
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
            return { $0.record(part, \.permissionsBoundary, boundary) }
        case .tags:
            let byKey = try reader.call(SSOAdmin.listTagsForResource(instance: instance, resource: set)).byKey
            return { $0.record(part, \.tags, byKey) }
        case .inlinePolicy:
            let operation = SSOAdmin.getInlinePolicyForPermissionSet(instance: instance, permissionSet: set)
            let text = try reader.call(operation).InlinePolicy ?? ""
            let policy = text.isEmpty ? nil : JSONValue(policyText: text)
            guard text.isEmpty || policy != nil else {
                throw AWSCommand.Failure(call: AWSCommand.shown(operation.request), message: "the inline policy it answered is not JSON")
            }
            return { $0.record(part, \.inlinePolicy, policy) }
        }
    }

    /// The work of reading every part of every permission set: each item applies what it read
    /// to the permission set of its ARN, or records why it could not.
    static func definitionWork(_ reader: Reader, instance: String, permissionSets: [String])
        -> [@Sendable () throws ->
        @Sendable (
            inout Details
        ) -> Void]
    {
        permissionSets.flatMap { set in
            definitionReads.map { call -> @Sendable () throws -> @Sendable (inout Details) -> Void in
                { @Sendable in
                    do {
                        let apply = try call.read(reader, instance, set)
                        return { $0.definitionParts[set, default: []].append(apply) }
                    } catch let failure as AWSCommand.Failure {
                        let record = Snapshot.PermissionSet.UnreadPart(part: call.reading, action: call.action, reason: failure.message)
                        return {
                            $0.unreadParts[call.operation, default: []].append(failure)
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
        definitionReads.compactMap { call in
            guard let failures = unread[call.operation], let first = failures.first else { return nil }
            return
                "\(failures.count) permission set\(failures.count == 1 ? "" : "s") could not be read by \(AWSRequest.kebab(call.operation)) (\(call.action)); "
                + "that part of \(failures.count == 1 ? "its" : "their") definition is left out of the snapshot: \(first)"
        }
    }
}
