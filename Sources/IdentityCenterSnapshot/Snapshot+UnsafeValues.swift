import OrgYAML
import Support

extension Snapshot {
    /// What of the snapshot no output may carry: a name, description, e-mail, tag or relay
    /// state holding a control character, a line break or a bidirectional control (the rule
    /// org.yaml's values follow, `NameRules.firstUnsafeScalar`), each as one message naming
    /// the principal, account or permission set by its ID, the value shown escaped. `import`
    /// and `assignments` refuse such a snapshot; `drift` shows the values escaped.
    public func unsafeValues() -> [String] {
        var found: [String] = []
        func check(_ value: String?, _ what: @autoclosure () -> String) {
            guard let value, let scalar = NameRules.firstUnsafeScalar(in: value) else { return }
            found.append("\(what()) '\(TerminalText.escaped(value))' contains \(NameRules.describe(scalar))")
        }
        func check(tags: [String: String]?, of owner: String) {
            for (key, value) in (tags ?? [:]).sorted(by: { $0.key < $1.key }) {
                check(key, "a tag key of \(owner)")
                check(value, "tag '\(TerminalText.escaped(key))' of \(owner)")
            }
        }
        for account in accounts {
            check(account.name, "the name of account \(account.id)")
            check(account.ou, "the OU of account \(account.id)")
            check(tags: account.tags, of: "account \(account.id)")
        }
        for set in permissionSets {
            check(set.name, "the name of permission set \(set.arn)")
            for attribute in PermissionSetText.all {
                check(set.definition.texts[attribute.key], "\(attribute.noun) of permission set '\(TerminalText.escaped(set.name))'")
            }
            check(tags: set.known(.tags, \.tags), of: "permission set '\(TerminalText.escaped(set.name))'")
        }
        for user in users {
            check(user.userName, "the user name of user \(user.id)")
            check(user.displayName, "the display name of user \(user.id)")
            check(user.email, "the e-mail of user \(user.id)")
        }
        for group in groups {
            check(group.displayName, "the display name of group \(group.id)")
            check(group.description, "the description of group \(group.id)")
        }
        return found
    }
}
