import AWSClient
import OrgYAML
import Support

/// The IAM Identity Center admin calls the live reader makes (`sso-admin`), each with the
/// part of its answer that is read.
enum SSOAdmin {
    static func listInstances() -> AWSOperation<AWSList<Instance>> {
        AWSOperation(AWSRequest(.ssoAdmin, "ListInstances"))
    }

    static func listPermissionSets(instance: String) -> AWSOperation<AWSList<AWSListedText<PermissionSetARNs>>> {
        AWSOperation(AWSRequest(.ssoAdmin, "ListPermissionSets", ["InstanceArn": .string(instance)]))
    }

    static func describePermissionSet(instance: String, permissionSet: String) -> AWSOperation<PermissionSetDetails> {
        AWSOperation(
            AWSRequest(.ssoAdmin, "DescribePermissionSet", ["InstanceArn": .string(instance), "PermissionSetArn": .string(permissionSet)]))
    }

    static func listPermissionSetsProvisionedToAccount(instance: String, account: String) -> AWSOperation<
        AWSList<AWSListedText<PermissionSetARNs>>
    > {
        AWSOperation(
            AWSRequest(
                .ssoAdmin, "ListPermissionSetsProvisionedToAccount", ["InstanceArn": .string(instance), "AccountId": .string(account)])
        )
    }

    static func listAccountAssignments(instance: String, account: String, permissionSet: String) -> AWSOperation<AWSList<Assignment>> {
        AWSOperation(
            AWSRequest(
                .ssoAdmin, "ListAccountAssignments",
                ["InstanceArn": .string(instance), "AccountId": .string(account), "PermissionSetArn": .string(permissionSet)]))
    }

    /// A call about one permission set: `InstanceArn` and `PermissionSetArn`.
    static func ofPermissionSet<Answer>(_ operation: String, instance: String, permissionSet: String) -> AWSOperation<Answer> {
        AWSOperation(AWSRequest(.ssoAdmin, operation, ["InstanceArn": .string(instance), "PermissionSetArn": .string(permissionSet)]))
    }

    static func listManagedPoliciesInPermissionSet(instance: String, permissionSet: String) -> AWSOperation<AWSList<ManagedPolicy>> {
        ofPermissionSet(PermissionSetPart.managedPolicies.readOperation, instance: instance, permissionSet: permissionSet)
    }

    static func listCustomerManagedPolicyReferencesInPermissionSet(instance: String, permissionSet: String) -> AWSOperation<
        AWSList<CustomerManagedPolicyReference>
    > {
        ofPermissionSet(PermissionSetPart.customerManagedPolicies.readOperation, instance: instance, permissionSet: permissionSet)
    }

    static func getInlinePolicyForPermissionSet(instance: String, permissionSet: String) -> AWSOperation<InlinePolicy> {
        ofPermissionSet(PermissionSetPart.inlinePolicy.readOperation, instance: instance, permissionSet: permissionSet)
    }

    static func getPermissionsBoundaryForPermissionSet(instance: String, permissionSet: String) -> AWSOperation<PermissionsBoundary> {
        ofPermissionSet(PermissionSetPart.permissionsBoundary.readOperation, instance: instance, permissionSet: permissionSet)
    }

    static func listTagsForResource(instance: String, resource: String) -> AWSOperation<AWSList<Tag>> {
        AWSOperation(
            AWSRequest(
                .ssoAdmin, PermissionSetPart.tags.readOperation, ["InstanceArn": .string(instance), "ResourceArn": .string(resource)]))
    }

    static let provisioningStatusOperation = "ListAccountsForProvisionedPermissionSet"

    /// The accounts where a permission set's latest version is not provisioned yet.
    static func listAccountsNotProvisionedWithLatest(instance: String, permissionSet: String) -> AWSOperation<
        AWSList<AWSListedText<AccountIDs>>
    > {
        AWSOperation(
            AWSRequest(
                .ssoAdmin, provisioningStatusOperation,
                [
                    "InstanceArn": .string(instance), "PermissionSetArn": .string(permissionSet),
                    "ProvisioningStatus": "LATEST_PERMISSION_SET_NOT_PROVISIONED",
                ]))
    }

    struct Instance: AWSListItem {
        static let listMember = "Instances"
        var InstanceArn, IdentityStoreId: String
    }

    enum PermissionSetARNs: AWSListMember { static let listMember = "PermissionSets" }

    struct PermissionSetDetails: AWSOnePageAnswer {
        /// The optional fields are read leniently: `SessionDuration` as a number of seconds
        /// too (moto returns 3600 where AWS returns "PT1H"), and an optional field of
        /// another type is left out and named in `unexpected`, so that the snapshot warns
        /// and goes on.
        struct Details: Decodable, Sendable {
            var Name: String
            var PermissionSetArn: String
            /// Its text attributes (`PermissionSetText`), by key.
            var texts: [String: String] = [:]
            /// Optional fields of a type AWS does not document, left out.
            var unexpected: [String] = []

            init(from decoder: Decoder) throws {
                let container = try decoder.container(keyedBy: JSONKey.self)
                Name = try container.decode(String.self, forKey: JSONKey("Name"))
                PermissionSetArn = try container.decode(String.self, forKey: JSONKey("PermissionSetArn"))
                for attribute in PermissionSetText.all {
                    let field = JSONKey(attribute.awsField)
                    if attribute.kind == .sessionDuration, let seconds = try? container.decodeIfPresent(Int.self, forKey: field) {
                        texts[attribute.key] = Self.duration(seconds: seconds)
                        continue
                    }
                    do {
                        texts[attribute.key] = try container.decodeIfPresent(String.self, forKey: field)
                    } catch {
                        unexpected.append(attribute.awsField)
                    }
                }
            }

            /// A number of seconds as an ISO 8601 duration: 3600 is `PT1H`, 5400 `PT1H30M`.
            static func duration(seconds: Int) -> String {
                let (hours, minutes, rest) = (seconds / 3600, seconds % 3600 / 60, seconds % 60)
                return "PT" + (hours > 0 ? "\(hours)H" : "") + (minutes > 0 ? "\(minutes)M" : "")
                    + (rest > 0 || seconds == 0 ? "\(rest)S" : "")
            }
        }

        var PermissionSet: Details
    }

    struct Assignment: AWSListItem {
        static let listMember = "AccountAssignments"
        var AccountId: String
        var PermissionSetArn: String
        var PrincipalType: String
        var PrincipalId: String
    }

    struct ManagedPolicy: AWSListItem {
        static let listMember = "AttachedManagedPolicies"
        var Arn: String
    }

    struct CustomerManagedPolicyReference: AWSListItem {
        static let listMember = "CustomerManagedPolicyReferences"
        var Name: String
        var Path: String?

        var reference: PolicyReference { .init(name: Name, path: Path ?? "/") }
    }

    struct InlinePolicy: AWSOnePageAnswer { var InlinePolicy: String? }

    struct PermissionsBoundary: AWSOnePageAnswer {
        struct Boundary: Decodable, Sendable {
            var ManagedPolicyArn: String?
            var CustomerManagedPolicyReference: CustomerManagedPolicyReference?
        }

        var PermissionsBoundary: Boundary?
    }

    enum AccountIDs: AWSListMember { static let listMember = "AccountIds" }
}

/// A resource's tag, as both sso-admin and Organizations answer them.
struct Tag: AWSListItem {
    static let listMember = "Tags"
    var Key: String
    var Value: String?
}

extension AWSList<Tag> {
    /// By key; the first of a repeated key.
    var byKey: [String: String] {
        Dictionary(items.map { ($0.Key, $0.Value ?? "") }, uniquingKeysWith: { first, _ in first })
    }
}
