/// A part of what a permission set grants beyond its text attributes (`PermissionSetText`):
/// its policies, its boundary and its tags, each attached by a resource of its own and read by
/// a call of its own, declared once. Everything that names a part goes through this table
/// (decoding and the editor schema, the snapshot's JSON and the live read, import, drift, the
/// definition gaps, the review diff, and the CloudFormation and Terraform emitters), and each
/// of them handles every case of it (`PermissionSetPartTests` walks the table through them).
/// Its raw value is its key in a snapshot; its cases are in the order every output lists them.
public enum PermissionSetPart: String, Codable, CaseIterable, Comparable, Sendable {
    case managedPolicies = "managed_policy_arns"
    case customerManagedPolicies = "customer_managed_policies"
    case permissionsBoundary = "permissions_boundary"
    case tags
    case inlinePolicy = "inline_policy"

    /// Its key in org.yaml.
    public var key: String {
        switch self {
        case .managedPolicies: "managed_policies"
        case .customerManagedPolicies, .inlinePolicy, .permissionsBoundary, .tags: rawValue
        }
    }

    /// What a reader calls it.
    public var noun: String {
        switch self {
        case .managedPolicies: "managed policies"
        case .customerManagedPolicies: "customer-managed policies"
        case .inlinePolicy: "inline policy"
        case .permissionsBoundary: "permissions boundary"
        case .tags: "tags"
        }
    }

    public var isPlural: Bool { [.managedPolicies, .customerManagedPolicies, .tags].contains(self) }

    /// What it is, in the editor schema's words.
    public var schema: String {
        switch self {
        case .managedPolicies:
            "AWS managed policies: a name (ReadOnlyAccess), a path and name (job-function/ViewOnlyAccess) or an ARN."
        case .customerManagedPolicies: "Customer-managed policies, by the name and path each assigned account has them under."
        case .inlinePolicy: "An IAM identity policy document written as YAML: Version \"2012-10-17\" and Statement."
        case .permissionsBoundary: "An AWS managed policy (as in managed_policies) or a customer-managed {name, path}."
        case .tags: "Tags of the permission set."
        }
    }

    /// The sso-admin operation that reads it, as the API names it (its IAM action is
    /// `sso:` and this name).
    public var readOperation: String {
        switch self {
        case .managedPolicies: "ListManagedPoliciesInPermissionSet"
        case .customerManagedPolicies: "ListCustomerManagedPolicyReferencesInPermissionSet"
        case .inlinePolicy: "GetInlinePolicyForPermissionSet"
        case .permissionsBoundary: "GetPermissionsBoundaryForPermissionSet"
        case .tags: "ListTagsForResource"
        }
    }

    /// Its property in CloudFormation's `AWS::SSO::PermissionSet`.
    public var cloudFormation: String {
        switch self {
        case .managedPolicies: "ManagedPolicies"
        case .customerManagedPolicies: "CustomerManagedPolicyReferences"
        case .inlinePolicy: "InlinePolicy"
        case .permissionsBoundary: "PermissionsBoundary"
        case .tags: "Tags"
        }
    }

    /// Where Terraform's AWS provider holds it: a resource type of its own, or (the tags) an
    /// argument of `aws_ssoadmin_permission_set`.
    public var terraform: String {
        switch self {
        case .managedPolicies: "aws_ssoadmin_managed_policy_attachment"
        case .customerManagedPolicies: "aws_ssoadmin_customer_managed_policy_attachment"
        case .inlinePolicy: "aws_ssoadmin_permission_set_inline_policy"
        case .permissionsBoundary: "aws_ssoadmin_permissions_boundary_attachment"
        case .tags: "tags"
        }
    }

    /// Whether having it where the other side does not can grant power: a policy attached,
    /// a boundary removed. Tags grant nothing.
    public var canGrant: Bool { self != .tags }

    /// Its items in a definition, each as messages show it, sorted: a managed policy's ARN, a
    /// customer-managed policy's `/path/name`, the boundary's policy, a tag as `key=value`,
    /// the inline policy as IAM reads it (`normalizedPolicy`, one line).
    public func items(_ definition: PermissionSet) -> [String] {
        switch self {
        case .managedPolicies: definition.managedPolicyARNs.sorted()
        case .customerManagedPolicies: definition.customerManagedPolicies.map(\.shown).sorted()
        case .inlinePolicy: definition.inlinePolicy.map { [$0.normalizedPolicy.canonicalText] } ?? []
        case .permissionsBoundary: definition.permissionsBoundary.map { [$0.shown] } ?? []
        case .tags: definition.tags.keys.sorted().map { "\($0)=\(definition.tags[$0]!)" }
        }
    }

    /// Whether two definitions have it alike, as IAM Identity Center compares: policies as
    /// sets, the inline policy as IAM reads it (`normalizedPolicy`).
    public func same(_ one: PermissionSet, _ other: PermissionSet) -> Bool {
        switch self {
        case .managedPolicies: Set(one.managedPolicyARNs) == Set(other.managedPolicyARNs)
        case .customerManagedPolicies: Set(one.customerManagedPolicies) == Set(other.customerManagedPolicies)
        case .permissionsBoundary: one.permissionsBoundary == other.permissionsBoundary
        case .tags: one.tags == other.tags
        case .inlinePolicy: one.inlinePolicy?.normalizedPolicy == other.inlinePolicy?.normalizedPolicy
        }
    }

    public static func < (lhs: PermissionSetPart, rhs: PermissionSetPart) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
