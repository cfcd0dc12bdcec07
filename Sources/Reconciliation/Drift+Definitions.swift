import Foundation
import IdentityCenterSnapshot
import OrgProfileKit
import OrgYAML
import Support

/// Where a permission set org.yaml defines differs from Identity Center, part by part, and
/// compared as IAM compares: policy documents after `JSONValue.normalizedPolicy` (key order, white
/// space, a string or a one-element list, the order of a list), durations by their length.
/// Only the parts the snapshot read are compared. Each difference is one finding at the role's
/// place; a permission set provisioned with an old version somewhere is its own.
extension Drift {
    static func definitionFindings(model: AccessModel, index: Snapshot.Index) -> [Finding] {
        let accountKey = Dictionary(model.accounts.map { ($0.id, $0.key) }, uniquingKeysWith: { first, _ in first })
        var findings: [Finding] = []
        for role in model.roles {
            guard let set = index.permissionSetsByName[role.name] else { continue }
            func add(_ message: String, kind: Kind = .permissionSetDefinition, privileged: Bool = false) {
                findings.append(
                    Finding(
                        kind: kind, role: role.name, message: "role '\(role.name)': \(message)", location: role.location,
                        isPrivileged: privileged))
            }
            if let outdated = set.outdatedAccountIDs, !outdated.isEmpty {
                add(
                    "not provisioned with its latest version on \(outdated.count) account\(outdated.count == 1 ? "" : "s") (\(outdated.map { accountKey[$0] ?? $0 }.joined(separator: ", "))); provision it again there",
                    kind: .outdatedProvisioning)
            }
            guard let declared = role.definition else { continue }
            for difference in differences(declared, set) { add(difference.message, privileged: difference.isPrivileged) }
        }
        return findings
    }

    /// Each part in which org.yaml's definition differs from the permission set, in words
    /// (the inline policy's with its diff on the lines after), and whether it can grant power.
    static func differences(_ declared: PermissionSet, _ set: Snapshot.PermissionSet) -> [(message: String, isPrivileged: Bool)] {
        var found: [(message: String, isPrivileged: Bool)] = []
        func add(_ message: String, privileged: Bool = false) { found.append((message, privileged)) }
        for attribute in PermissionSetText.all {
            // What Identity Center holds when it is not set (a session lasts an hour).
            let live = set.definition.texts[attribute.key] ?? attribute.unsetValue ?? ""
            let declared = declared.texts[attribute.key] ?? attribute.unsetValue ?? ""
            guard !attribute.same(live, declared) else { continue }
            add(
                "\(attribute.noun) is \(live.isEmpty ? "not set" : "'\(live)'") in Identity Center, \(declared.isEmpty ? "not set" : "'\(declared)'") in org.yaml"
            )
        }
        let live = set.definition
        for part in set.read.sorted() where !part.same(live, declared) {
            switch part {
            case .managedPolicies, .customerManagedPolicies:
                let what = part == .managedPolicies ? "managed policy" : "customer-managed policy"
                attachments(what, live: Set(part.items(live)), declared: Set(part.items(declared))) { add($0, privileged: $1) }
            case .permissionsBoundary:
                add(
                    "the permissions boundary is \(live.permissionsBoundary?.shown ?? "none") in Identity Center, \(declared.permissionsBoundary?.shown ?? "none") in org.yaml",
                    privileged: true)
            case .tags:
                let shown = { (definition: PermissionSet) in
                    part.items(definition).isEmpty ? "none" : part.items(definition).joined(separator: ", ")
                }
                add("the tags are \(shown(live)) in Identity Center, \(shown(declared)) in org.yaml")
            case .inlinePolicy:
                let lines = { (definition: PermissionSet) in
                    Array((definition.inlinePolicy.map { JSON.encode($0.normalizedPolicy) } ?? "").utf8)
                }
                let diff = UnifiedDiff.diff(old: lines(live), new: lines(declared), path: "inline-policy.json")
                add("the inline policy differs (Identity Center's, then org.yaml's, as IAM reads them):\n" + diff, privileged: true)
            }
        }
        return found
    }

    /// What deploying each of `roles` (roles org.yaml defines) would change in Identity Center,
    /// by role: each part in which its definition differs (`differences`), then each part the
    /// snapshot could not read; a role the snapshot lacks is created.
    public static func deploymentChanges(model: AccessModel, snapshot: Snapshot, roles: Set<String>) -> [String: [String]] {
        let byName = Snapshot.Index(snapshot).permissionSetsByName
        var changes: [String: [String]] = [:]
        for role in model.roles where roles.contains(role.name) {
            guard let declared = role.definition else { continue }
            guard let set = byName[role.name] else {
                changes[role.name] = ["permission set '\(role.name)' is not in Identity Center: deploying creates it"]
                continue
            }
            changes[role.name] =
                differences(declared, set).map(\.message) + set.unreadReasons(snapshotVersion: snapshot.snapshotVersion)
        }
        return changes
    }

    /// Policies attached in one place and not the other; one attached live and never declared
    /// grants power nobody reviewed.
    private static func attachments(
        _ what: String, live: Set<String>, declared: Set<String>, _ add: (String, Bool) -> Void
    ) {
        for policy in live.subtracting(declared).sorted() {
            add("\(what) \(policy) is attached in Identity Center but not in org.yaml", true)
        }
        for policy in declared.subtracting(live).sorted() {
            add("\(what) \(policy) is in org.yaml but not attached in Identity Center", false)
        }
    }
}
