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
                guard let value = set.definition.texts[attribute.key], !attribute.same(value, nil) else { continue }
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
            for part in set.read.sorted() where part.items(declared).isEmpty {
                let live = set.definition
                let count = part.items(live).count
                guard count > 0 else { continue }
                let them = count == 1 ? "it" : "them"
                switch part {
                case .managedPolicies:
                    let names = live.managedPolicyARNs.map(OrgImport.managedPolicyName).joined(separator: ", ")
                    cleared(part.key, "\(names) attached", consequence: "detach \(them)", keep: "\(part.key): [\(names)]")
                case .customerManagedPolicies:
                    let shown = live.customerManagedPolicies.map(\.shown).joined(separator: ", ")
                    cleared(part.key, "\(shown) attached", consequence: "detach \(them)", keep: part.key)
                case .permissionsBoundary:
                    let shown =
                        switch live.permissionsBoundary {
                        case .managed(let arn)?: OrgImport.managedPolicyName(arn)
                        case .customerManaged(let reference)?: reference.shown
                        case nil: ""
                        }
                    cleared(part.key, "the boundary \(shown)", consequence: "remove it", keep: part.key)
                case .tags:
                    cleared(
                        part.key, "the tags \(live.tags.keys.sorted().joined(separator: ", "))", consequence: "remove them", keep: part.key)
                case .inlinePolicy:
                    cleared(part.key, "an inline policy", consequence: "delete it", keep: part.key)
                }
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
