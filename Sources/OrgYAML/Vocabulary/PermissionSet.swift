import Support

/// What a permission set grants, as a role in org.yaml defines it, in the form AWS takes:
/// AWS managed policies as ARNs, a customer-managed policy as its name and path, the inline
/// policy as a `JSONValue` (from org.yaml every scalar text, as YAML writes it; from Identity
/// Center as written), compared as IAM reads it (`normalizedPolicy`). One form for org.yaml's
/// model and for what a snapshot read of Identity Center (`Snapshot.PermissionSet`).
public struct PermissionSet: Sendable, Equatable {
    /// Its text attributes (`PermissionSetText`) as written, by key.
    public var texts: [String: String]
    public var description: String? {
        get { texts[PermissionSetText.description.key] }
        set { texts[PermissionSetText.description.key] = newValue }
    }
    /// ISO 8601, as written.
    public var sessionDuration: String? {
        get { texts[PermissionSetText.sessionDuration.key] }
        set { texts[PermissionSetText.sessionDuration.key] = newValue }
    }
    public var managedPolicyARNs: [String]
    public var customerManagedPolicies: [PolicyReference]
    public var inlinePolicy: JSONValue?
    public var permissionsBoundary: PermissionsBoundary?
    /// By key.
    public var tags: [String: String]

    /// A definition of nothing: no text attribute, no policy, no boundary, no tag.
    public init() {
        (texts, managedPolicyARNs, customerManagedPolicies, inlinePolicy, permissionsBoundary, tags) = ([:], [], [], nil, nil, [:])
    }

    /// The definition of a spec without errors (`PermissionSetRules` passed it): what does not
    /// resolve is left out.
    public init(_ spec: PermissionSetSpec) {
        func reference(_ spec: PolicyReferenceSpec) -> PolicyReference? {
            spec.name.map { PolicyReference(name: $0.value, path: spec.path?.value ?? "/") }
        }
        texts = spec.texts.mapValues(\.value)
        managedPolicyARNs = spec.managedPolicies.compactMap { PermissionSetRules.managedPolicyARN($0.value) }
        customerManagedPolicies = spec.customerManagedPolicies.compactMap(reference)
        inlinePolicy = spec.inlinePolicy.map(JSONValue.init(policy:))
        switch spec.permissionsBoundary {
        case .managed(let policy)?: permissionsBoundary = PermissionSetRules.managedPolicyARN(policy.value).map { .managed(arn: $0) }
        case .customerManaged(let policy)?: permissionsBoundary = reference(policy).map { .customerManaged($0) }
        case nil: permissionsBoundary = nil
        }
        tags = Dictionary(spec.tags.map { ($0.key.value, $0.value.value) }, uniquingKeysWith: { first, _ in first })
    }
}
