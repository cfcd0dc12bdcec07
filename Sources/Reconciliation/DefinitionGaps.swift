import IdentityCenterSnapshot
import OrgProfileKit
import OrgYAML
import Support

/// What deploying a role org.yaml defines would do to its permission set that org.yaml does
/// not say: a deployed definition is the whole definition, so an attribute org.yaml leaves
/// out that Identity Center has is cleared (a session reset to an hour), and a part the
/// snapshot could not read is replaced unseen. One warning per attribute, at the role, from
/// every command given both org.yaml and a snapshot (`validate --snapshot`, `drift`,
/// `assignments`), so that adding one key to a role never silently redefines the rest.
public enum DefinitionGaps {
    /// `index` is the snapshot's, as the command built it for everything else it reads.
    public static func diagnostics(model: AccessModel, snapshot: Snapshot, index: Snapshot.Index) -> [Diagnostic] {
        let live = index.permissionSetsByName
        var found: [Diagnostic] = []
        for role in model.roles {
            guard let declared = role.definition, let set = live[role.name] else { continue }
            let location = role.location.inFile(model.file)
            func cleared(_ key: String, _ what: String, consequence: String, keep: String) {
                found.append(
                    .warning(
                        .definitionClears,
                        "role '\(role.name)' defines its permission set without \(key), while Identity Center's has \(what): deploying would \(consequence); add \(keep) to keep it",
                        at: location))
            }
            for attribute in PermissionSetText.all where declared.texts[attribute.key] == nil {
                guard let value = set.texts[attribute.key], !attribute.same(value, nil) else { continue }
                switch attribute.kind {
                case .text:
                    cleared(attribute.key, "\(attribute.noun) '\(value)'", consequence: "clear it", keep: attribute.key)
                case .sessionDuration:
                    cleared(
                        attribute.key, "sessions of \(value)",
                        consequence: "cut them to \(attribute.unsetValue ?? ""), Identity Center's default",
                        keep: "\(attribute.key): \(value)")
                }
            }
            if declared.managedPolicyARNs.isEmpty, let arns = set.managedPolicyARNs, !arns.isEmpty {
                let names = arns.map(OrgImport.managedPolicyName)
                cleared(
                    "managed_policies", "\(names.joined(separator: ", ")) attached",
                    consequence: "detach \(arns.count == 1 ? "it" : "them")",
                    keep: "managed_policies: [\(names.joined(separator: ", "))]")
            }
            if declared.customerManagedPolicies.isEmpty, let references = set.customerManagedPolicies, !references.isEmpty {
                cleared(
                    "customer_managed_policies", "\(references.map(\.shown).joined(separator: ", ")) attached",
                    consequence: "detach \(references.count == 1 ? "it" : "them")", keep: "customer_managed_policies")
            }
            if declared.permissionsBoundary == nil, let boundary = set.permissionsBoundary ?? nil {
                let shown =
                    switch boundary {
                    case .managed(let arn): OrgImport.managedPolicyName(arn)
                    case .customerManaged(let reference): reference.shown
                    }
                cleared("permissions_boundary", "the boundary \(shown)", consequence: "remove it", keep: "permissions_boundary")
            }
            if declared.tags.isEmpty, let tags = set.tags, !tags.isEmpty {
                cleared(
                    "tags", "the tags \(tags.keys.sorted().joined(separator: ", "))", consequence: "remove them", keep: "tags")
            }
            if declared.inlinePolicy == nil, let policy = set.inlinePolicy, !policy.isEmpty {
                cleared("inline_policy", "an inline policy", consequence: "delete it", keep: "inline_policy")
            }
            for reason in set.unreadReasons(snapshotVersion: snapshot.snapshotVersion) {
                found.append(
                    .warning(
                        .definitionUnread,
                        "role '\(role.name)' defines its permission set, but \(reason); deploying would replace it unseen; take a new snapshot with the rights docs/live.md lists, or declare the part in org.yaml knowing what it replaces",
                        at: location))
            }
        }
        return found
    }
}
