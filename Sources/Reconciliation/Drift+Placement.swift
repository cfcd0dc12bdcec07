import IdentityCenterSnapshot
import OrgProfileKit
import OrgYAML

/// Where Organizations places an account otherwise than org.yaml: its OU (when org.yaml
/// writes one) or its tags (when org.yaml writes some, or chooses accounts by tags), each
/// one finding at the account, with the grants that would follow it: what each selector
/// would choose if org.yaml placed the account as Organizations does.
extension Drift {
    static func placementFindings(model: AccessModel, index: Snapshot.Index) -> [Finding] {
        let live = index.accountsByID
        let usesTags = model.selectorAssignments.contains { assignment in
            guard case .listed(let selectors)? = assignment.accounts else { return false }
            return selectors.contains {
                if case .tags = $0 { return true }
                return false
            }
        }
        let declared = model.accounts
        let asDeclared = AccountSelection(keys: declared.map(\.key), ous: declared.map { $0.ou?.value }, tags: declared.map(\.tags))
        var findings: [Finding] = []
        for (index, account) in declared.enumerated() {
            guard let found = live[account.id] else { continue }
            var differences: [String] = []
            var ous = declared.map { $0.ou?.value }
            var tags = declared.map(\.tags)
            if let ou = account.ou?.value, let liveOU = found.ou, liveOU != ou {
                differences.append("is in OU \(liveOU) in Organizations, \(ou) in org.yaml")
                ous[index] = liveOU
            }
            if let liveTags = found.tags, liveTags != account.tags, !account.tags.isEmpty || usesTags {
                let shown = { (tags: [String: String]) in
                    tags.isEmpty ? "none" : tags.keys.sorted().map { "\($0)=\(tags[$0]!)" }.joined(separator: ", ")
                }
                differences.append("has tags \(shown(liveTags)) in Organizations, \(shown(account.tags)) in org.yaml")
                tags[index] = liveTags
            }
            guard !differences.isEmpty else { continue }
            let asLive = AccountSelection(keys: declared.map(\.key), ous: ous, tags: tags)
            var gained: [String] = []
            var lost: [String] = []
            var gainedRoles: [String] = []
            for assignment in model.selectorAssignments {
                let before = asDeclared.select(assignment.accounts, except: assignment.except).contains { $0.account == index }
                let after = asLive.select(assignment.accounts, except: assignment.except).contains { $0.account == index }
                guard before != after else { continue }
                let grant =
                    "\(assignment.principalKind.rawValue) \(assignment.principal) \(after ? "would gain" : "would lose") \(assignment.role)"
                if after {
                    gained.append(grant)
                    gainedRoles.append(assignment.role)
                } else {
                    lost.append(grant)
                }
            }
            let following =
                gained.isEmpty && lost.isEmpty
                ? "no grant of org.yaml follows it" : "placed as Organizations has it, " + (gained + lost).joined(separator: ", ")
            findings.append(
                Finding(
                    kind: .accountPlacement, account: account.key,
                    message: "account '\(account.key)' (\(account.id)) \(differences.joined(separator: " and ")); \(following)",
                    location: account.ou?.location ?? account.location,
                    isPrivileged: gainedRoles.contains(where: model.isPrivileged(role:))))
        }
        return findings
    }
}
