import Foundation
import IdentityCenterSnapshot
import OrgYAML
import Support

/// What import writes of a permission set's definition into its role: every part the snapshot
/// read (version 2), in org.yaml's own forms (a managed policy by name, the inline policy as
/// YAML), so that deploying the imported file changes nothing and drift finds nothing.
extension OrgImport {
    /// The definition's keys of a role, each line indented by four spaces: the parts the
    /// snapshot read, after a comment naming each part it could not read and why (deploying
    /// the role as written would clear or replace those unseen; `drift` and `assignments`
    /// warn of it). When no part was read, the role stays undefined, so deploying leaves the
    /// permission set alone: the comment only when the snapshot says why (a version 1
    /// snapshot, or one from before reads were recorded, says nothing).
    static func definitionLines(_ set: Snapshot.PermissionSet, snapshotVersion: Int) -> String {
        let nothingRead = !set.isDefinitionReadInPart
        let unread = nothingRead && set.unread == nil ? [] : set.unreadReasons(snapshotVersion: snapshotVersion)
        var text = ""
        if !unread.isEmpty {
            text +=
                nothingRead
                ? "    # Not defined here: what it grants was not read, so this role refers to the permission set as it is.\n"
                : "    # These parts were not read, so not imported: deploying this role as written would clear or replace\n"
                    + "    # them unseen. Take a new snapshot with the rights docs/live.md lists, or declare them.\n"
            text += unread.map { "    #   \(YAMLText.comment(TerminalText.escaped($0)))\n" }.joined()
        }
        guard !nothingRead else { return text }
        func line(_ key: String, _ value: String) { text += "    \(key): \(value)\n" }
        let definition = set.definition
        for attribute in PermissionSetText.all {
            if let value = definition.texts[attribute.key], !value.isEmpty { line(attribute.key, YAMLText.scalar(value)) }
        }
        for part in set.read.sorted() where !part.items(definition).isEmpty {
            switch part {
            case .managedPolicies:
                line(
                    part.key,
                    "[" + definition.managedPolicyARNs.map { YAMLText.scalar(managedPolicyName($0)) }.joined(separator: ", ") + "]")
            case .customerManagedPolicies:
                text += "    \(part.key):\n" + definition.customerManagedPolicies.map { "      - \(reference($0))\n" }.joined()
            case .permissionsBoundary:
                switch definition.permissionsBoundary {
                case .managed(let arn)?: line(part.key, YAMLText.scalar(managedPolicyName(arn)))
                case .customerManaged(let boundary)?: line(part.key, reference(boundary))
                case nil: break
                }
            case .tags:
                text +=
                    "    \(part.key):\n"
                    + definition.tags.keys.sorted().map { "      \(YAMLText.scalar($0)): \(YAMLText.scalar(definition.tags[$0]!))\n" }
                    .joined()
            case .inlinePolicy:
                if let document = definition.inlinePolicy { text += "    \(part.key):\n" + yaml(document.scalarsAsText, indent: 6) }
            }
        }
        return text
    }

    /// `ReadOnlyAccess` for `arn:aws:iam::aws:policy/ReadOnlyAccess`, `job-function/ViewOnlyAccess`
    /// with its path; the ARN itself in another partition (org.yaml's names mean `aws`).
    static func managedPolicyName(_ arn: String) -> String {
        let prefix = "arn:aws:iam::aws:policy/"
        return arn.hasPrefix(prefix) ? String(arn.dropFirst(prefix.count)) : arn
    }

    /// `{name: deploy}`, or `{name: deploy, path: /ci/}` when the path is not `/`.
    static func reference(_ reference: PolicyReference) -> String {
        let name = "name: \(YAMLText.scalar(reference.name))"
        return reference.path == "/" ? "{\(name)}" : "{\(name), path: \(YAMLText.scalar(reference.path))}"
    }

    /// A policy document as block YAML at `indent` spaces, keys sorted.
    static func yaml(_ value: JSONValue, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .string(let text):
            return "\(pad)\(YAMLText.scalar(text))\n"
        case .integer, .number, .bool, .null, .reference:
            // Not in a policy written as text (`scalarsAsText`).
            return "\(pad)\(YAMLText.scalar(value.canonicalText))\n"
        case .object(let fields):
            return fields.keys.sorted().map { key in
                switch fields[key]! {
                case .string(let text): "\(pad)\(YAMLText.scalar(key)): \(YAMLText.scalar(text))\n"
                case .array(let items) where items.isEmpty: "\(pad)\(YAMLText.scalar(key)): []\n"
                case .object(let inner) where inner.isEmpty: "\(pad)\(YAMLText.scalar(key)): {}\n"
                case let child: "\(pad)\(YAMLText.scalar(key)):\n" + yaml(child, indent: indent + 2)
                }
            }.joined()
        case .array(let items):
            return items.map { item in
                // The item's first line goes after "- "; the rest keep its indentation.
                let body = yaml(item, indent: indent + 2)
                return pad + "- " + body.dropFirst(indent + 2)
            }.joined()
        }
    }
}
