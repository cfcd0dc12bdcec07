import Foundation
import TestSupport
import Testing

@testable import OrgProfileKit
@testable import OrgYAML

@Suite struct AccessDiffTests {
    func reviewDiff() throws -> AccessDiff {
        AccessDiff(old: try model(try fixture("review/old.yaml")), new: try model(try fixture("review/new.yaml")))
    }

    func rows(_ diff: AccessDiff, _ name: String) -> [String] {
        guard let principal = diff.principals.first(where: { $0.name == name }) else { return [] }
        return principal.rows.map {
            "\(AccessDiffFormat.attention($0))\(AccessDiffFormat.marker($0.change)) \(AccessDiffFormat.describe($0.change))"
        }
    }

    @Test func goldenFilesForEveryFormat() throws {
        let diff = try reviewDiff()
        try expectGolden(AccessDiffFormat.text.render(diff), "review/diff.txt")
        try expectGolden(AccessDiffFormat.markdown.render(diff), "review/diff.md")
        try expectGolden(AccessDiffFormat.json.render(diff), "review/diff.json")
    }

    @Test func userManagementChangeIsPrivilegedAndNamesBothTargets() throws {
        let diff = try reviewDiff()
        #expect(
            rows(diff, "bob").prefix(2) == [
                "!~ super_admin: false -> true",
                "!+ acme-user-management: organization-management/AdministratorAccess (111111111111, us-west-2), user management",
            ])
        let old = try model(
            validOrg.replacingOccurrences(
                of: "groups:\n",
                with:
                    "user_management:\n  delegated_admin: {account: infrastructure, role: Developer}\n  organization_management: {account: workload-development, role: ReadOnlyAccess}\ngroups:\n"
            ) + "  dora:\n    user_management: true\n")
        let new = try model(
            validOrg.replacingOccurrences(
                of: "groups:\n",
                with:
                    "user_management:\n  delegated_admin: {account: infrastructure, role: Developer}\n  organization_management: {account: workload-development, role: ReadOnlyAccess}\ngroups:\n"
            ) + "  dora:\n    super_admin: true\n")
        let umDiff = AccessDiff(old: old, new: new)
        #expect(
            rows(umDiff, "dora") == [
                "!~ super_admin: false -> true",
                "!~ acme-user-management: infrastructure/Developer, user management -> workload-development/ReadOnlyAccess, user management",
            ])
    }

    @Test func everyChangeKind() throws {
        let diff = try reviewDiff()
        #expect(diff.session == [AccessDiff.SessionChange(field: "region", old: "us-west-2", new: "us-east-1")])
        let statuses = Dictionary(
            uniqueKeysWithValues: diff.principals.compactMap { p in p.status.map { ("\(p.kind.rawValue) \(p.name)", $0) } })
        #expect(statuses == ["user frank": .added, "user gina": .removed, "user dave": .disabled, "user carol": .enabled])
        // An account key renamed: one rename per profile, not a removal and an addition.
        #expect(rows(diff, "developers").contains(" > acme-workload-development -> acme-workload-dev: workload-dev/Developer"))
        // A region changed: the same profile name now points elsewhere; not privileged.
        #expect(
            rows(diff, "developers").contains(
                " ~ acme-workload-production-readonly: workload-production/ReadOnlyAccess in eu-west-1 -> workload-production/ReadOnlyAccess in eu-central-1"
            ))
        // A new account reaches every "*" holder.
        #expect(rows(diff, "alice").contains("!+ acme-sandbox: sandbox/AdministratorAccess (555555555555, us-west-2)"))
        // A role changed on one account: a removal and a privileged addition.
        #expect(
            rows(diff, "erin").sorted()
                == [
                    " - acme-organization-management-readonly: organization-management/ReadOnlyAccess (111111111111, us-west-2)",
                    "!+ acme-organization-management: organization-management/AdministratorAccess (111111111111, us-west-2)",
                ].sorted())
    }

    @Test func privilegedChangesComeFirst() throws {
        let diff = try reviewDiff()
        let flags = diff.principals.map(\.isPrivileged)
        #expect(flags == flags.sorted { $0 && !$1 })
        #expect(flags.first == true && flags.last == false)
        #expect(diff.principals.first?.name == "bob")
        for principal in diff.principals {
            let rowFlags = principal.rows.map(\.isPrivileged)
            #expect(rowFlags == rowFlags.sorted { $0 && !$1 })
        }
    }

    /// A wildcard that grows is broad whatever the role: marked, but not power in itself.
    @Test func aWildcardThatGrowsIsBroadWhateverTheRole() throws {
        let yaml = validOrg.replacingOccurrences(of: "accounts: [infrastructure]", with: "accounts: \"*\"")
        let grown = yaml.replacingOccurrences(of: "accounts:\n", with: "accounts:\n  sandbox:\n    id: \"555555555555\"\n")
        let diff = AccessDiff(old: try model(yaml), new: try model(grown))
        #expect(rows(diff, "bob") == ["*+ acme-sandbox-readonly: sandbox/ReadOnlyAccess (555555555555, us-west-2)"])
        #expect(diff.principals.allSatisfy { !$0.isPrivileged })
    }

    /// One user becomes a super admin while another joins a group that holds SecurityAudit on
    /// every account: the super admin comes first, the read-only grants are broad, and only
    /// power counts as privileged.
    @Test func powerRanksBeforeBreadth() throws {
        let base = validOrg.replacingOccurrences(of: "roles:\n", with: "roles:\n  SecurityAudit: {}\n")
            .replacingOccurrences(
                of: "groups:\n",
                with: "user_management:\n  delegated_admin: {account: infrastructure, role: Developer}\n"
                    + "  organization_management: {account: infrastructure, role: Developer}\n"
                    + "groups:\n  security:\n    assignments:\n      - role: SecurityAudit\n        accounts: \"*\"\n")
        let old = try model(base + "  amy: {}\n  zed: {}\n")
        let new = try model(base + "  amy:\n    groups: [security]\n  zed:\n    super_admin: true\n")
        let diff = AccessDiff(old: old, new: new)
        #expect(diff.principals.map(\.name) == ["zed", "amy"])
        #expect(
            rows(diff, "zed") == [
                "!~ super_admin: false -> true",
                "!+ acme-user-management: infrastructure/Developer (222222222222, us-west-2), user management",
            ])
        #expect(
            rows(diff, "amy") == [
                "*+ acme-infrastructure: infrastructure/SecurityAudit (222222222222, us-west-2)",
                "*+ acme-workload-development: workload-development/SecurityAudit (333333333333, us-west-2)",
            ])
        let text = AccessDiffFormat.text.render(diff)
        #expect(text.hasPrefix("access changes: 3 added, 0 removed, 1 changed, 0 renamed; 2 privileged, 2 broad (2 users)\n"))
        #expect(
            text.contains(
                "  * + acme-infrastructure: infrastructure/SecurityAudit (222222222222, us-west-2); via group security; * every account via \"*\"\n"
            ))
    }

    /// Ranked by how much a change grants: an administrator before power users, whatever
    /// the names; among equal roles, the change that reaches more accounts, then more people.
    @Test func anAdministratorOutranksPowerUsersAndWiderChangesComeFirst() throws {
        let base = validOrg.replacingOccurrences(of: "roles:\n", with: "roles:\n  PowerUserAccess: {}\n  AdministratorAccess: {}\n")
            .replacingOccurrences(of: "    groups: [developers]\n", with: "")
        let old = try model(base + "  amy: {}\n  zed: {}\n  ann: {}\n  abe: {}\n")
        let new = try model(
            base.replacingOccurrences(
                of: "groups:\n",
                with:
                    "groups:\n  power:\n    assignments:\n      - role: PowerUserAccess\n        accounts: [infrastructure, workload-development]\n"
            )
                + "  amy: {groups: [power]}\n  abe: {groups: [power]}\n"
                + "  ann:\n    assignments:\n      - role: PowerUserAccess\n        accounts: [infrastructure]\n"
                + "  zed:\n    assignments:\n      - role: AdministratorAccess\n        accounts: [workload-development]\n"
                + "      - role: PowerUserAccess\n        accounts: [infrastructure]\n")
        let diff = AccessDiff(old: old, new: new)
        // zed's administrator grant first (a name after the others'), then the group's change
        // (two accounts, two people), then ann's (one account, one person).
        #expect(
            rows(diff, "zed").first == "!+ acme-workload-development: workload-development/AdministratorAccess (333333333333, us-west-2)")
        let text = AccessDiffFormat.text.render(diff)
        let order = ["\nuser zed\n", "\n2 users, the same changes each: abe, amy\n", "\ngroup power (added)\n", "\nuser ann\n"].map {
            text.range(of: $0)?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil } && order == order.sorted { $0! < $1! }, "\(text)")
        let markdown = AccessDiffFormat.markdown.render(diff)
        let table = markdown.components(separatedBy: "\n").filter { $0.hasPrefix("| `+` |") }
        #expect(table.first?.contains("AdministratorAccess") == true, "\(markdown)")
    }

    @Test func privilegedRolesAreConfigurable() throws {
        let custom = validOrg + "review:\n  privileged_roles: [Developer]\n"
        let old = try model(custom.replacingOccurrences(of: "    groups: [developers]\n", with: ""))
        let new = try model(custom)
        let diff = AccessDiff(old: old, new: new)
        #expect(diff.privilegedRolePatterns == ["Developer"])
        #expect(rows(diff, "bob") == ["!+ acme-workload-development: workload-development/Developer (333333333333, us-west-2)"])
        #expect(AccessDiff(old: nil, new: try model(validOrg)).privilegedRolePatterns == ["Admin", "FullAccess", "PowerUser"])
    }

    /// A command setting that was already there (here a pager every profile has had) does
    /// not make a new profile privileged; one that is new or changed does, and says so.
    @Test func aCommandSettingIsPrivilegedOnlyWhenNewOrChanged() throws {
        let paged = validOrg.replacingOccurrences(
            of: "accounts:\n", with: "allow_commands: [less, more]\ndefaults:\n  settings:\n    cli_pager: less\naccounts:\n")
        let old = try model(paged)
        let newUser = try model(paged + "  dora:\n    groups: [developers]\n")
        let added = AccessDiff(old: old, new: newUser)
        #expect(
            rows(added, "dora") == [
                " + acme-workload-development: workload-development/Developer (333333333333, us-west-2), runs cli_pager = less"
            ])
        let row = try #require(added.principals.first { $0.name == "dora" }?.rows.first)
        #expect(row.reasons.isEmpty)
        #expect(row.sources == [.group("developers")])

        // A new account inherits the old defaults: not new either.
        let newAccount = try model(
            paged.replacingOccurrences(of: "accounts: [infrastructure]", with: "accounts: [infrastructure, sandbox]")
                .replacingOccurrences(
                    of: "accounts:\n  infrastructure:", with: "accounts:\n  sandbox:\n    id: \"555555555555\"\n  infrastructure:"))
        #expect(AccessDiff(old: old, new: newAccount).principals.flatMap(\.rows).allSatisfy { !$0.isPrivileged })

        let changed = AccessDiff(
            old: old,
            new: try model(
                paged.replacingOccurrences(of: "cli_pager: less", with: "cli_pager: more") + "  dora:\n    groups: [developers]\n"))
        let doraRow = try #require(changed.principals.first { $0.name == "dora" }?.rows.first)
        #expect(doraRow.reasons == [.commandChanged])
        #expect(changed.principals.first { $0.name == "bob" }?.rows.allSatisfy { $0.reasons == [.commandChanged] } == true)
    }

    /// Every privileged row says why, and every added or removed profile where it comes from.
    @Test func reasonsAndSources() throws {
        let diff = try reviewDiff()
        let bob = try #require(diff.principals.first { $0.name == "bob" })
        #expect(bob.rows.prefix(2).map(\.reasons) == [[.superAdmin], [.userManagement, .privilegedRole]])
        #expect(bob.rows[1].sources == [.userManagement])
        let alice = try #require(diff.principals.first { $0.name == "alice" })
        #expect(alice.rows[0].reasons == [.privilegedRole, .everyAccount])
        #expect(alice.rows[0].sources == [.group("platform")])
        let gina = try #require(diff.principals.first { $0.name == "gina" })
        #expect(gina.rows.allSatisfy { $0.sources == [.group("developers")] && $0.reasons.isEmpty })
        for principal in diff.principals {
            for row in principal.rows {
                switch row.change {
                case .added, .removed: #expect(!row.sources.isEmpty, "\(principal.name): \(row.change.profileName)")
                default: #expect(row.sources.isEmpty)
                }
            }
        }
    }

    @Test func nothingChanged() throws {
        let same = AccessDiff(old: try model(validOrg), new: try model(validOrg))
        #expect(same.isEmpty)
        #expect(AccessDiffFormat.text.render(same) == "no access changes\n")
    }

    @Test func everythingIsAddedWithoutAnOldVersion() throws {
        let diff = AccessDiff(old: nil, new: try model(validOrg))
        #expect(diff.principals.map(\.status) == [.added, .added])
        #expect(diff.session.isEmpty)
    }
}

@Suite struct AccessReportTests {
    @Test func goldenFilesForEveryFormat() throws {
        let report = AccessReport(model: try model(try fixture("review/new.yaml")))
        try expectGolden(report.render(.text), "review/report.txt")
        try expectGolden(report.render(.markdown), "review/report.md")
        try expectGolden(report.render(.csv), "review/report.csv")
        try expectGolden(report.render(.json), "review/report.json")
    }

    @Test func matrixFollowsAccountOrderAndListsAdmins() throws {
        let report = AccessReport(model: try model(try fixture("review/new.yaml")))
        #expect(
            report.accounts.map(\.key) == ["organization-management", "infrastructure", "workload-dev", "sandbox", "workload-production"])
        #expect(report.rows.map(\.user) == ["alice", "bob", "carol", "erin", "frank"])
        #expect(report.superAdmins == ["alice", "bob"])
        #expect(report.userManagementAdmins == ["erin"])
    }

}

@Suite struct DiagnosticFormatTests {
    let diagnostic = Diagnostic.error(
        .duplicateKey, "duplicate key 'a, b: 100%' in x", at: SourceLocation(file: "dir/org.yaml", line: 3, column: 5),
        notes: [.init("first here", at: SourceLocation(file: "dir/org.yaml", line: 1, column: 1))])

    @Test func text() {
        #expect(
            DiagnosticFormat.text.render([diagnostic])
                == "dir/org.yaml:3:5: error: duplicate key 'a, b: 100%' in x\ndir/org.yaml:1:1: note: first here\n")
        #expect(DiagnosticFormat.text.render([.warning(.unusedRole, "w", at: nil)]) == "orgprofile: warning: w\n")
    }

    /// On a terminal: the source line with a caret under the column (following the line's
    /// own tabs), colour only when asked for.
    @Test func terminalQuotesTheLineWithACaret() {
        let source: [UInt8] = Array("version: 1\nusers:\n  bob:\n    groups: [developer]\n\tx: y\r\n".utf8)
        let diagnostics = [
            Diagnostic.error(.unknownGroup, "unknown group 'developer'", at: SourceLocation(file: "org.yaml", line: 4, column: 14)),
            Diagnostic.warning(.unusedRole, "tabbed", at: SourceLocation(file: "org.yaml", line: 5, column: 2)),
            Diagnostic.error(.unreadableFile, "no place", at: nil),
        ]
        let plain = DiagnosticFormat.text.render(diagnostics, terminal: .init(color: false, sources: ["org.yaml": source]))
        #expect(
            plain == """
                org.yaml:4:14: error: unknown group 'developer'
                    4 |     groups: [developer]
                      |              ^
                org.yaml:5:2: warning: tabbed
                    5 | \tx: y
                      | \t^
                orgprofile: error: no place

                """)
        let colored = DiagnosticFormat.text.render(diagnostics, terminal: .init(color: true, sources: ["org.yaml": source]))
        #expect(colored.contains("\u{1B}[1;31merror:\u{1B}[m unknown group"))
        #expect(colored.contains("\u{1B}[32m^\u{1B}[m"))
        // A file it was not given, and a line past the end, are not quoted.
        #expect(
            DiagnosticFormat.text.render([diagnostics[0]], terminal: .init(color: false, sources: [:]))
                == "org.yaml:4:14: error: unknown group 'developer'\n")
        let past = Diagnostic.error(.unknownGroup, "x", at: SourceLocation(file: "org.yaml", line: 9, column: 1))
        #expect(
            DiagnosticFormat.text.render([past], terminal: .init(color: false, sources: ["org.yaml": source])) == "org.yaml:9:1: error: x\n"
        )
    }

    @Test func tally() {
        #expect(DiagnosticFormat.tally(errors: 0, warnings: 0) == nil)
        #expect(DiagnosticFormat.tally(errors: 2, warnings: 1) == "2 errors, 1 warning")
        #expect(DiagnosticFormat.tally(errors: 1, warnings: 0) == "1 error")
        #expect(DiagnosticFormat.tally(errors: 0, warnings: 3) == "3 warnings")
    }

    @Test func github() {
        #expect(
            DiagnosticFormat.github.render([diagnostic]) == """
                ::error file=dir/org.yaml,line=3,col=5,title=duplicate-key::duplicate key 'a, b: 100%25' in x
                ::notice file=dir/org.yaml,line=1,col=1,title=duplicate-key::first here

                """)
        #expect(DiagnosticFormat.escapeProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
    }

    @Test func json() throws {
        let lines = DiagnosticFormat.json.render([diagnostic]).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(
            lines[0]
                == #"{"code":"duplicate-key","column":5,"file":"dir/org.yaml","line":3,"message":"duplicate key 'a, b: 100%' in x","severity":"error"}"#
        )
        #expect(lines[1] == #"{"code":"duplicate-key","column":1,"file":"dir/org.yaml","line":1,"message":"first here","severity":"note"}"#)
    }

    @Test func strictTurnsWarningsIntoErrors() {
        let yaml = validOrg + "  dora:\n    name: Dora\n"
        let relaxed = Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8)))
        #expect(relaxed.model != nil)
        #expect(relaxed.diagnostics.map(\.severity) == [.warning])
        let strict = Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8)), strict: true)
        #expect(strict.model == nil)
        #expect(strict.diagnostics.map(\.severity) == [.error])
    }

    /// Every code is documented in docs/diagnostics.md with an example and a fix.
    @Test func everyCodeIsDocumented() throws {
        let docs = try readText(packageRoot.appendingPathComponent("docs/diagnostics.md").path)
        for code in DiagnosticCode.orgYAMLCodes + DiagnosticCode.orgProfileKitCodes {
            #expect(docs.contains("### `\(code.rawValue)`"), "docs/diagnostics.md has no section for \(code.rawValue)")
        }
    }
}

/// A change that gives many people the same access is said once, with every name, in text
/// and Markdown, and complete, person by person, in JSON.
@Suite struct GroupedDiffTests {
    static func org(accounts: Int, users: Int) -> String {
        var yaml = "version: 1\nproject: acme\nsso_session:\n  start_url: https://acme.awsapps.com/start\n  region: us-west-2\naccounts:\n"
        for index in 0..<accounts { yaml += "  acct-\(index): {id: \"\(100_000_000_000 + index)\"}\n" }
        yaml +=
            "roles:\n  ReadOnlyAccess: {}\ngroups:\n  everyone:\n    assignments:\n      - role: ReadOnlyAccess\n        accounts: \"*\"\nusers:\n"
        for index in 0..<users { yaml += "  user\(index): {groups: [everyone]}\n" }
        return yaml
    }

    @Test func identicalChangesAreOneGroup() throws {
        let old = try model(Self.org(accounts: 3, users: 50))
        let new = try model(Self.org(accounts: 5, users: 50))
        let diff = AccessDiff(old: old, new: new)
        #expect(diff.principals.count == 51)
        let text = AccessDiffFormat.text.render(diff)
        #expect(text.hasPrefix("access changes: 102 added, 0 removed, 0 changed, 0 renamed; 0 privileged, 102 broad (50 users, 1 group)\n"))
        #expect(text.contains("\n50 users, the same changes each: user0, user1, user10, "), "\(text)")
        #expect(text.components(separatedBy: "+ acme-acct-4: ").count == 3)  // once for the users, once for the group
        let markdown = AccessDiffFormat.markdown.render(diff)
        #expect(markdown.contains("### 50 users, the same changes each\n\n`user0`, `user1`, `user10`, "))
        #expect(markdown.components(separatedBy: "acme-acct-4: ").count == 3 && markdown.components(separatedBy: "| `+` |").count == 5)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(AccessDiffFormat.json.render(diff).utf8)) as? [String: Any])
        let principals = try #require(json["principals"] as? [[String: Any]])
        #expect(principals.count == 51)
        #expect(principals.allSatisfy { ($0["changes"] as? [Any])?.count == 2 })
        // The rows of the 50 users are one stored list.
        let users = diff.principals.filter { $0.kind == .user }
        #expect(Set(users.map(\.changeSet)).count == 1)
        #expect(
            users.allSatisfy {
                $0.rows.withUnsafeBufferPointer { $0.baseAddress } == users[0].rows.withUnsafeBufferPointer { $0.baseAddress }
            })
    }
}

/// diff sees what roles grant: a change of a role's definition is listed once, with who holds
/// the role, and privileged when it can grant power (issue 31, item 1).
@Suite struct RoleDefinitionDiffTests {
    static func org(_ developer: String) -> String {
        validOrg.replacingOccurrences(of: "  Developer: {}\n", with: "  Developer:\n" + developer)
    }

    static let defined = "    description: Builds things\n    session_duration: PT4H\n    managed_policies: [ReadOnlyAccess]\n"

    @Test func anInlinePolicyOfEverythingIsAPrivilegedChange() throws {
        let old = try model(Self.org(Self.defined))
        let new = try model(
            Self.org(
                Self.defined
                    + "    inline_policy:\n      Version: \"2012-10-17\"\n      Statement: [{Effect: Allow, Action: \"*\", Resource: \"*\"}]\n"
            ))
        let diff = AccessDiff(old: old, new: new)
        #expect(!diff.isEmpty)
        #expect(diff.principals.isEmpty)
        let role = try #require(diff.roles.first)
        #expect(role.role == "Developer" && role.isPrivileged && !role.becomesDefined)
        #expect(role.attributes.map(\.key) == ["inline_policy"])
        #expect(role.users == ["bob"] && role.groups == ["developers"])
        let text = AccessDiffFormat.text.render(diff)
        #expect(
            text.hasPrefix(
                "access changes: 0 added, 0 removed, 0 changed, 0 renamed; 0 privileged; 1 role definition changed, 1 privileged\n\nrole Developer (held by 1 user (bob) and 1 group (developers))\n  ! ~ inline_policy: added\n      --- /dev/null\n      +++ b/inline-policy.json\n"
            ), "\(text)")
        #expect(text.contains("\n      +    \"Action\" : \"*\",\n"), "\(text)")
        let markdown = AccessDiffFormat.markdown.render(diff)
        #expect(
            markdown.contains(
                "| `~` | role `Developer` (held by 1 user (bob) and 1 group (developers)) | inline\\_policy: added | what the role grants |"
            ), "\(markdown)")
        #expect(markdown.contains("```diff\n--- /dev/null\n+++ b/inline-policy.json\n"), "\(markdown)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(AccessDiffFormat.json.render(diff).utf8)) as? [String: Any])
        let roles = try #require(json["roles"] as? [[String: Any]])
        #expect(roles.first?["role"] as? String == "Developer" && roles.first?["privileged"] as? Bool == true)
        #expect((json["summary"] as? [String: Any])?["roles"] as? Int == 1)
    }

    @Test func everyAttributeIsListed() throws {
        let old = try model(Self.org(Self.defined))
        let new = try model(
            Self.org(
                "    description: Builds more things\n    session_duration: PT8H\n    managed_policies: [AdministratorAccess]\n    tags: {team: a}\n"
                    + "    permissions_boundary: PowerUserAccess\n"))
        let role = try #require(AccessDiff(old: old, new: new).roles.first)
        #expect(
            role.attributes.map { "\($0.isPrivileged ? "!" : " ") \($0.key): \($0.change)" } == [
                "  description: 'Builds things' -> 'Builds more things'", "  session_duration: 'PT4H' -> 'PT8H'",
                "! managed_policies: + arn:aws:iam::aws:policy/AdministratorAccess",
                "  managed_policies: - arn:aws:iam::aws:policy/ReadOnlyAccess",
                "  permissions_boundary: none -> arn:aws:iam::aws:policy/PowerUserAccess", "  tags: + team=a",
            ])
        #expect(role.isPrivileged)
    }

    /// A role becoming defined is privileged (deploying replaces what Identity Center holds);
    /// a description alone is not.
    @Test func becomingDefinedIsPrivilegedADescriptionIsNot() throws {
        let becoming = AccessDiff(old: try model(validOrg), new: try model(Self.org("    description: Builds things\n")))
        #expect(becoming.roles.first?.becomesDefined == true && becoming.roles.first?.isPrivileged == true)
        let described = AccessDiff(
            old: try model(Self.org("    description: Builds things\n")), new: try model(Self.org("    description: Builds\n")))
        #expect(described.roles.first?.isPrivileged == false)
        #expect(AccessDiff(old: try model(validOrg), new: try model(validOrg)).roles.isEmpty)
    }
}
