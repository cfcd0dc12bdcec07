import Foundation
import OrgYAML
import Support

/// How `diff` prints an `AccessDiff`: for a terminal, for a pull-request comment, or as
/// JSON with a stable schema (docs/ci.md).
public enum AccessDiffFormat: String, CaseIterable, Sendable {
    case text, markdown, json

    public func render(_ diff: AccessDiff) -> String {
        var output = ""
        write(diff) { output += $0 }
        return output
    }

    /// The diff handed to `emit` piece by piece (JSON a principal at a time).
    public func write(_ diff: AccessDiff, to emit: (String) throws -> Void) rethrows {
        switch self {
        case .text: try emit(Self.text(diff))
        case .markdown: try emit(Self.markdown(diff))
        case .json: try Self.json(diff, emit)
        }
    }

    /// Principals of one kind whose changes are the same (status and rows): shown once, with
    /// every member named, so a change that reaches 5,000 people is 5,000 names and its rows
    /// once, not 5,000 copies of the rows.
    struct Group {
        var kind: Principal.Kind
        var status: AccessDiff.Status?
        var names: [String]
        var rows: [AccessDiff.Row]

        /// `user bob (added)`, or `5000 users, the same changes each: a, b, ...`.
        var title: String {
            let status = status.map { " (\($0.rawValue))" } ?? ""
            guard names.count > 1 else { return "\(kind.rawValue) \(names[0])\(status)" }
            return "\(names.count) \(kind.rawValue)s\(status), the same changes each: " + names.joined(separator: ", ")
        }

        /// `user \`bob\``, or `5000 users (\`a\`, \`b\`, \`c\` and 4997 more)` for a table.
        var markdownWho: String {
            guard names.count > 1 else { return "\(kind.rawValue) \(Markdown.code(names[0]))" }
            let shown = names.prefix(3).map(Markdown.code).joined(separator: ", ")
            return "\(names.count) \(kind.rawValue)s (\(shown)\(names.count > 3 ? " and \(names.count - 3) more" : ""))"
        }
    }

    /// `role Developer (now defined in org.yaml; held by 2 users (alice, bob))`.
    static func roleTitle(_ role: RoleDefinitionChange) -> String {
        let state = role.becomesDefined ? "now defined in org.yaml; " : role.noLongerDefined ? "no longer defined in org.yaml; " : ""
        return "role \(role.role) (\(state)\(role.holders))"
    }

    /// The diff's principals as groups, ranked by how much each grants: its most powerful
    /// reason, then its most powerful privileged role, then the accounts its changes reach,
    /// then how many people get them; users before groups, then by first name.
    static func groups(_ diff: AccessDiff) -> [Group] {
        var groups: [Group] = []
        var index: [String: Int] = [:]
        for principal in diff.principals {
            let key = "\(principal.changeSet) \(principal.kind.rawValue) \(principal.status?.rawValue ?? "")"
            if let found = index[key] {
                groups[found].names.append(principal.name)
            } else {
                index[key] = groups.count
                groups.append(Group(kind: principal.kind, status: principal.status, names: [principal.name], rows: principal.rows))
            }
        }
        let ranked = groups.map { group -> (key: (Int, Int, Int, Int, Int), group: Group) in
            let accounts = Set(group.rows.compactMap(\.accountKey)).count
            return ((group.rows.rank, group.rows.rolePower, -accounts, -group.names.count, group.kind == .user ? 0 : 1), group)
        }
        return ranked.sorted { lhs, rhs in
            lhs.key < rhs.key || (lhs.key == rhs.key && lhs.group.names[0] < rhs.group.names[0])
        }.map(\.group)
    }

    // MARK: Counts and descriptions shared by the formats

    struct Counts {
        var added = 0, removed = 0, changed = 0, renamed = 0, privileged = 0, broad = 0, users = 0, groups = 0
        /// Role definitions that change, and those of them that are privileged.
        var roles = 0, privilegedRoles = 0

        init(_ diff: AccessDiff) {
            roles = diff.roles.count
            privilegedRoles = diff.roles.filter(\.isPrivileged).count
            for principal in diff.principals {
                if principal.kind == .user { users += 1 } else { groups += 1 }
                for row in principal.rows {
                    if row.isPrivileged { privileged += 1 }
                    if row.isBroad { broad += 1 }
                    switch row.change {
                    case .added: added += 1
                    case .removed: removed += 1
                    case .changed, .superAdmin, .until: changed += 1
                    case .renamed: renamed += 1
                    }
                }
            }
        }

        var summary: String {
            let who = [(users, "user"), (groups, "group")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
            let definitions =
                roles == 0
                ? ""
                : "; \(roles) role definition\(roles == 1 ? "" : "s") changed"
                    + (privilegedRoles > 0 ? ", \(privilegedRoles) privileged" : "")
            return "\(added) added, \(removed) removed, \(changed) changed, \(renamed) renamed; \(privileged) privileged"
                + (broad > 0 ? ", \(broad) broad" : "") + (who.isEmpty ? "" : " (\(who.joined(separator: ", ")))") + definitions
        }
    }

    static func marker(_ change: AccessDiff.Change) -> String {
        switch change {
        case .added: "+"
        case .removed: "-"
        case .changed, .superAdmin, .until: "~"
        case .renamed: ">"
        }
    }

    /// `account/role`, with the account id and region where the other side differs in them.
    static func describe(_ profile: Profile, against other: Profile? = nil) -> String {
        let account = profile.account
        var text = "\(account.key)/\(profile.role.name)"
        if let other {
            if other.account.key == account.key, other.account.id != account.id { text += " (\(account.id))" }
            if other.account.region != account.region { text += " in \(account.region)" }
        } else {
            text += " (\(account.id), \(account.region))"
        }
        if profile.userManagement != nil { text += ", user management" }
        if let commands = profile.commands, commands != other?.commands || other == nil {
            text += ", runs " + commands.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")
        }
        if let end = profile.end { text += ", until \(AccessWindow.shown(end: end))" }
        return text
    }

    /// The change without its marker: `NAME: what` or `OLD -> NEW: what`.
    static func describe(_ change: AccessDiff.Change) -> String {
        switch change {
        case .added(let facts), .removed(let facts):
            "\(facts.name): \(describe(facts))"
        case .changed(let old, let new):
            "\(new.name): \(describe(old, against: new)) -> \(describe(new, against: old))"
        case .renamed(let old, let new):
            "\(old.name) -> \(new.name): \(describe(new, against: old))"
        case .superAdmin(let old, let new):
            "super_admin: \(old) -> \(new)"
        case .until(let old, let new):
            "\(new.name): \(new.account.key)/\(new.role.name), only its end moves: \(ending(old.end)) -> \(ending(new.end))"
        }
    }

    /// `until 2027-01-31`, or `no end`.
    static func ending(_ end: Date?) -> String {
        end.map { "until \(AccessWindow.shown(end: $0))" } ?? "no end"
    }

    /// `group platform, direct assignment`: where an added or removed profile comes from.
    static func via(_ row: AccessDiff.Row) -> String {
        row.sources.map(\.description).joined(separator: ", ")
    }

    /// `privileged role, every account via "*"`: why a change is marked.
    static func why(_ row: AccessDiff.Row) -> String {
        row.reasons.map(\.rawValue).joined(separator: ", ")
    }

    /// `!` for a privileged change, `*` for a broad one, a space otherwise.
    static func attention(_ row: AccessDiff.Row) -> String {
        row.isPrivileged ? "!" : row.isBroad ? "*" : " "
    }

    // MARK: text

    static func text(_ diff: AccessDiff) -> String {
        guard !diff.isEmpty else { return "no access changes\n" }
        var output = "access changes: \(Counts(diff).summary)\n"
        for change in diff.session {
            output += "! sso-session \(change.field): \(change.old) -> \(change.new) (affects everyone)\n"
        }
        for role in diff.roles {
            output += "\n\(TerminalText.escaped(roleTitle(role)))\n"
            for attribute in role.attributes {
                output += "  \(attribute.isPrivileged ? "!" : " ") ~ \(TerminalText.escaped("\(attribute.key): \(attribute.change)"))\n"
            }
            for line in role.policyDiff?.lines ?? [] { output += "      " + TerminalText.escaped(line) + "\n" }
            if let deployment = role.deployment {
                output += "  deploying it changes in Identity Center (per the snapshot):\(deployment.isEmpty ? " nothing" : "")\n"
                for finding in deployment {
                    let lines = finding.lines
                    output += "    ~ \(TerminalText.escaped(lines[0]))\n"
                    for line in lines.dropFirst() { output += "        " + TerminalText.escaped(line) + "\n" }
                }
            }
        }
        for group in groups(diff) {
            output += "\n\(TerminalText.escaped(group.title))\n"
            for row in group.rows {
                var line = "  \(attention(row)) \(marker(row.change)) \(describe(row.change))"
                if !row.sources.isEmpty { line += "; via \(via(row))" }
                if !row.reasons.isEmpty { line += "; \(attention(row)) \(why(row))" }
                output += line + "\n"
            }
        }
        return output
    }

    // MARK: markdown

    static func markdown(_ diff: AccessDiff) -> String {
        guard !diff.isEmpty else { return "**Access changes:** none\n" }
        var output = "**Access changes:** \(Counts(diff).summary)\n"
        if !diff.session.isEmpty {
            output += "\n"
            for change in diff.session {
                output +=
                    "- :warning: **sso-session \(Markdown.code(change.field))**: \(Markdown.code(change.old)) → \(Markdown.code(change.new)) (affects everyone)\n"
            }
        }
        let groups = groups(diff)
        // Most powerful first, then the change that reaches more people.
        let privileged = groups.flatMap { group in group.rows.filter(\.isPrivileged).map { (group, $0) } }.sorted { lhs, rhs in
            (lhs.1.rank, lhs.1.rolePower ?? .max, -lhs.0.names.count) < (rhs.1.rank, rhs.1.rolePower ?? .max, -rhs.0.names.count)
        }
        let privilegedDefinitions = diff.roles.flatMap { role in role.attributes.filter(\.isPrivileged).map { (role, $0) } }
        if !privileged.isEmpty || !privilegedDefinitions.isEmpty {
            output += "\n### :warning: Privileged changes\n\n| | Who | Change | Why |\n| --- | --- | --- | --- |\n"
            for (role, attribute) in privilegedDefinitions {
                output +=
                    "| `~` | role \(Markdown.code(role.role)) (\(cell(role.holders))) | \(cell("\(attribute.key): \(attribute.change)")) | what the role grants |\n"
            }
            for (group, row) in privileged {
                output += "| `\(marker(row.change))` | \(group.markdownWho) | \(cell(describe(row.change))) | \(cell(why(row))) |\n"
            }
        }
        for role in diff.roles {
            output +=
                "\n### \(role.isPrivileged ? ":warning: " : "")role \(Markdown.code(role.role))\n\n\(cell(String(roleTitle(role).drop { $0 != "(" })))\n"
            output += "\n| | Attribute | Change |\n| --- | --- | --- |\n"
            for attribute in role.attributes {
                output += "| \(attribute.isPrivileged ? ":warning:" : "") | `\(attribute.key)` | \(cell(attribute.change)) |\n"
            }
            if let diff = role.policyDiff { output += "\n" + Markdown.fenced(diff.lines, info: "diff") }
            if let deployment = role.deployment {
                output += "\nDeploying it changes in Identity Center (per the snapshot):\(deployment.isEmpty ? " nothing" : "")\n\n"
                for finding in deployment {
                    let lines = finding.lines
                    output += "- \(Markdown.text(lines[0]))\n"
                    if lines.count > 1 { output += "\n" + Markdown.fenced(Array(lines.dropFirst()), info: "diff") }
                }
            }
        }
        for group in groups {
            let status = group.status.map { " (\($0.rawValue))" } ?? ""
            if group.names.count == 1 {
                output += "\n### \(group.kind.rawValue) \(Markdown.code(group.names[0]))\(status)\n"
            } else {
                output += "\n### \(group.names.count) \(group.kind.rawValue)s\(status), the same changes each\n\n"
                output += group.names.map(Markdown.code).joined(separator: ", ") + "\n"
            }
            guard !group.rows.isEmpty else { continue }
            output += "\n| | Change | Via | Privileged |\n| --- | --- | --- | --- |\n"
            for row in group.rows {
                let why = row.isPrivileged ? ":warning: " + cell(why(row)) : row.isBroad ? "broad: " + cell(why(row)) : ""
                output += "| `\(marker(row.change))` | \(cell(describe(row.change))) | \(cell(via(row))) | \(why) |\n"
            }
        }
        return output
    }

    /// Text in a Markdown table cell, through the Markdown writer (`->` shown as `→`).
    static func cell(_ text: String) -> String {
        Markdown.text(text.replacingOccurrences(of: "->", with: "→"))
    }

    // MARK: json

    /// The JSON document's parts: its summary, principals and their changes.
    enum JSONDocument {
        struct Summary: Encodable {
            var added, removed, changed, renamed, privileged, broad, users, groups, roles: Int
        }

        struct Principal: Encodable {
            var kind: String
            var name: String
            var status: AccessDiff.Status?
            var privileged: Bool
            var changes: [Change]
        }

        struct Change: Encodable {
            var change: String
            /// It grants power.
            var privileged: Bool
            /// It grants no power but follows every account.
            var broad: Bool
            /// Why it is marked, most powerful first: `super_admin`, `user_management`,
            /// `privileged_role`, `command_changed`, `every_account`.
            var reasons: [String]
            /// Where an added or removed profile comes from.
            var via: [ProfileSource]
            var profile: String?
            var old: Profile?
            var new: Profile?
            var oldSuperAdmin: Bool?
            var newSuperAdmin: Bool?

            enum CodingKeys: String, CodingKey {
                case change, privileged, broad, reasons, via, profile, old, new
                case oldSuperAdmin = "old_super_admin"
                case newSuperAdmin = "new_super_admin"
            }
        }

    }

    /// The JSON document (keys sorted, as `JSON` writes them), a principal at a time.
    static func json(_ diff: AccessDiff, _ emit: (String) throws -> Void) rethrows {
        let counts = Counts(diff)
        var json = JSONStream(.pretty)
        json.openObject()
        json.key("principals")
        json.openArray()
        for principal in diff.principals {
            json.value(
                JSONDocument.Principal(
                    kind: principal.kind.rawValue, name: principal.name, status: principal.status, privileged: principal.isPrivileged,
                    changes: principal.rows.map(jsonChange)))
            try emit(String(decoding: json.take(), as: UTF8.self))
        }
        json.close()
        json.key("privileged_roles")
        json.value(diff.privilegedRolePatterns)
        json.key("roles")
        json.value(diff.roles)
        json.key("session")
        json.value(diff.session)
        json.key("summary")
        json.value(
            JSONDocument.Summary(
                added: counts.added, removed: counts.removed, changed: counts.changed, renamed: counts.renamed,
                privileged: counts.privileged, broad: counts.broad, users: counts.users, groups: counts.groups, roles: counts.roles))
        json.close()
        try emit(String(decoding: json.take(), as: UTF8.self))
    }

    static func jsonChange(_ row: AccessDiff.Row) -> JSONDocument.Change {
        var change = JSONDocument.Change(
            change: "", privileged: row.isPrivileged, broad: row.isBroad, reasons: row.reasons.map(\.key), via: row.sources)
        switch row.change {
        case .added(let facts): (change.change, change.profile, change.new) = ("added", facts.name, facts)
        case .removed(let facts): (change.change, change.profile, change.old) = ("removed", facts.name, facts)
        case .changed(let old, let new): (change.change, change.profile, change.old, change.new) = ("changed", new.name, old, new)
        case .renamed(let old, let new): (change.change, change.profile, change.old, change.new) = ("renamed", new.name, old, new)
        case .until(let old, let new): (change.change, change.profile, change.old, change.new) = ("until", new.name, old, new)
        case .superAdmin(let old, let new): (change.change, change.oldSuperAdmin, change.newSuperAdmin) = ("super_admin", old, new)
        }
        return change
    }
}
