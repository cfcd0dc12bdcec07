/// Decoding what a role defines of its permission set (`PermissionSetSpec`): the shape only;
/// the limits and the policy document's rules are `PermissionSetRules`'.
extension SpecDecoder {
    /// The keys of a role that define its permission set.
    static let permissionSetKeys =
        PermissionSetText.all.map(\.key) + [
            "managed_policies", "customer_managed_policies", "inline_policy", "inline_policy_file", "permissions_boundary", "tags",
        ]

    /// The definition a role's keys write; nil when they write none of it.
    mutating func permissionSet(_ fields: MappingFields, at location: SourceLocation) -> PermissionSetSpec? {
        guard Self.permissionSetKeys.contains(where: { fields[$0] != nil }) else { return nil }
        let context = fields.context
        var spec = PermissionSetSpec(location: location)
        for attribute in PermissionSetText.all {
            if let value = optionalString(fields, attribute.key) { spec.texts[attribute.key] = value }
        }
        if let pair = fields["managed_policies"] {
            spec.managedPolicies = stringList(pair.value, "'managed_policies' in \(context)")
        }
        if let pair = fields["customer_managed_policies"] {
            spec.customerManagedPolicies = items(pair.value, "'customer_managed_policies' in \(context)", shape: "a list of {name, path}")
                .compactMap { policyReference($0, "an entry of 'customer_managed_policies' in \(context)") }
        }
        if let pair = fields["inline_policy"] {
            if pair.value.isMapping {
                spec.inlinePolicy = pair.value
            } else {
                diagnostics.append(
                    .error(
                        .wrongType,
                        "'inline_policy' in \(context) must be a policy document (a mapping with Version and Statement), found \(pair.value.kindDescription)",
                        at: pair.value.location))
            }
        }
        if let pair = fields["inline_policy_file"] {
            if fields["inline_policy"] != nil {
                diagnostics.append(
                    .error(
                        .invalidPolicy,
                        "\(context) has both 'inline_policy' and 'inline_policy_file'; a permission set has one inline policy: keep one of them",
                        at: pair.key.location))
            } else {
                spec.inlinePolicyFile = string(pair.value, "'inline_policy_file' in \(context)")
            }
        }
        if let pair = fields["permissions_boundary"] {
            if pair.value.isMapping {
                spec.permissionsBoundary = policyReference(pair.value, "'permissions_boundary' in \(context)").map { .customerManaged($0) }
            } else {
                spec.permissionsBoundary = string(pair.value, "'permissions_boundary' in \(context)").map { .managed($0) }
            }
        }
        if let pair = fields["tags"], let tags = mapping(pair.value, "'tags' in \(context)") {
            // A tag's value may be empty: AWS allows it.
            spec.tags = stringPairs(tags, key: "tag", in: "tags of \(context)", emptyValues: true)
        }
        return spec
    }

    /// `{name, path}` of a customer-managed policy.
    private mutating func policyReference(_ node: YAMLNode, _ what: String) -> PolicyReferenceSpec? {
        guard let fields = fields(node, allowed: ["name", "path"], context: what, owner: node.location) else { return nil }
        return PolicyReferenceSpec(name: requiredString(fields, "name"), path: optionalString(fields, "path"), location: node.location)
    }
}
