/// Decoding what a role defines of its permission set (`PermissionSetSpec`): the shape only;
/// the limits and the policy document's rules are `PermissionSetRules`'.
extension SpecDecoder {
    /// The keys of a role that define its permission set: its text attributes, its parts, and
    /// `inline_policy_file`, the inline policy's other spelling.
    static let permissionSetKeys =
        PermissionSetText.all.map(\.key) + PermissionSetPart.allCases.map(\.key) + [inlinePolicyFileKey]
    static let inlinePolicyFileKey = "inline_policy_file"

    /// The definition a role's keys write; nil when they write none of it.
    mutating func permissionSet(_ fields: MappingFields, at location: SourceLocation) -> PermissionSetSpec? {
        guard Self.permissionSetKeys.contains(where: { fields[$0] != nil }) else { return nil }
        let context = fields.context
        var spec = PermissionSetSpec(location: location)
        for attribute in PermissionSetText.all {
            if let value = optionalString(fields, attribute.key) { spec.texts[attribute.key] = value }
        }
        for part in PermissionSetPart.allCases {
            let key = part.key
            guard let pair = fields[key] else {
                if part == .inlinePolicy, let file = fields[Self.inlinePolicyFileKey] {
                    spec.inlinePolicyFile = string(file.value, "'\(Self.inlinePolicyFileKey)' in \(context)")
                }
                continue
            }
            switch part {
            case .managedPolicies:
                spec.managedPolicies = stringList(pair.value, "'\(key)' in \(context)")
            case .customerManagedPolicies:
                spec.customerManagedPolicies = items(pair.value, "'\(key)' in \(context)", shape: "a list of {name, path}")
                    .compactMap { policyReference($0, "an entry of '\(key)' in \(context)") }
            case .permissionsBoundary:
                if pair.value.isMapping {
                    spec.permissionsBoundary = policyReference(pair.value, "'\(key)' in \(context)").map { .customerManaged($0) }
                } else {
                    spec.permissionsBoundary = string(pair.value, "'\(key)' in \(context)").map { .managed($0) }
                }
            case .tags:
                // A tag's value may be empty: AWS allows it.
                if let tags = mapping(pair.value, "'\(key)' in \(context)") {
                    spec.tags = stringPairs(tags, key: "tag", in: "tags of \(context)", emptyValues: true)
                }
            case .inlinePolicy:
                if pair.value.isMapping {
                    spec.inlinePolicy = pair.value
                } else {
                    diagnostics.append(
                        .error(
                            .wrongType,
                            "'\(key)' in \(context) must be a policy document (a mapping with Version and Statement), found \(pair.value.kindDescription)",
                            at: pair.value.location))
                }
                if let file = fields[Self.inlinePolicyFileKey] {
                    diagnostics.append(
                        .error(
                            .invalidPolicy,
                            "\(context) has both '\(key)' and '\(Self.inlinePolicyFileKey)'; a permission set has one inline policy: keep one of them",
                            at: file.key.location))
                }
            }
        }
        return spec
    }

    /// `{name, path}` of a customer-managed policy.
    private mutating func policyReference(_ node: YAMLNode, _ what: String) -> PolicyReferenceSpec? {
        guard let fields = fields(node, allowed: ["name", "path"], context: what, owner: node.location) else { return nil }
        return PolicyReferenceSpec(name: requiredString(fields, "name"), path: optionalString(fields, "path"), location: node.location)
    }
}
