import Foundation
import OrgYAML
import Support
import TestSupport
import Testing

/// `expire`: the grants that have lapsed leave org.yaml with the lines of their entries and
/// nothing else, and what is left still validates.
@Suite struct ExpiryTests {
    static let head = """
        version: "1"
        project: acme
        sso_session: {start_url: "https://acme.awsapps.com/start", region: eu-west-1}
        accounts:
          prod: {id: "111111111111"}
          dev: {id: "222222222222"}
        roles:
          Admin: {}
          Reader: {}
        user_management:
          delegated_admin: {account: dev, role: Admin}
          organization_management: {account: prod, role: Admin}

        """

    static func plan(_ yaml: String, asOf: String) -> Result<Expiry.Plan, LoadFailure> {
        Expiry.plan(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8)), asOf: UTCTime.day(asOf)!)
    }

    static func expired(_ yaml: String, asOf: String) throws -> (text: String, removed: [String]) {
        let plan = try plan(yaml, asOf: asOf).get()
        #expect(plan.kept.isEmpty, "\(plan.kept)")
        return (String(decoding: plan.bytes, as: UTF8.self), plan.removed.map(\.what))
    }

    /// Entries in block form go with their lines, from the `-` (or the key) to their last line
    /// indented deeper; the comments before and after them stay.
    @Test func blockEntriesLoseTheirLinesOnly() throws {
        let yaml =
            Self.head + """
                groups:
                  oncall:
                    assignments:
                      - role: Admin
                        accounts: [prod]
                      # the rota's extra reach
                      - role: Reader
                        accounts:
                          - dev
                        # within the entry
                        until: 2026-12-10   # end of the week
                        reason: OPS-1
                      # stays
                      - role: Reader
                        accounts: [prod]
                        until: 2026-12-11
                users:
                  carol:
                    groups:
                    - oncall
                    - group: oncall
                      from: 2026-12-01
                      until: 2026-12-10
                    user_management:
                      until: 2026-12-10
                      reason: x
                    super_admin: {until: 2026-12-10}
                    assignments:
                      - {role: Reader, accounts: [dev], until: 2026-12-31}

                """
        let (text, removed) = try Self.expired(yaml, asOf: "2026-12-11")
        #expect(
            removed == [
                "the assignment of role 'Reader' to group 'oncall'", "the membership of user 'carol' in group 'oncall'",
                "user_management of user 'carol'", "super_admin of user 'carol'",
            ])
        let gone = [
            "      - role: Reader\n        accounts:\n          - dev\n        # within the entry\n        until: 2026-12-10   # end of the week\n        reason: OPS-1\n",
            "    - group: oncall\n      from: 2026-12-01\n      until: 2026-12-10\n",
            "    user_management:\n      until: 2026-12-10\n      reason: x\n",
            "    super_admin: {until: 2026-12-10}\n",
        ]
        var expected = yaml
        for entry in gone {
            #expect(expected.contains(entry))
            expected = expected.replacingOccurrences(of: entry, with: "")
        }
        #expect(text == expected)
        // What stays: until the end of its day, and not lapsed yet.
        #expect(try Self.expired(yaml, asOf: "2026-12-10").removed.isEmpty)
        #expect(try Self.plan(yaml, asOf: "2026-12-10").get().bytes == Array(yaml.utf8))
    }

    /// In a flow collection an entry goes with the comma after it, or else the one before it;
    /// alone on its lines, it takes the lines.
    @Test func flowEntriesLoseTheirTextAndOneComma() throws {
        let yaml =
            Self.head + """
                groups:
                  a:
                    assignments: [{role: Reader, accounts: [dev], until: 2026-12-10}, {role: Admin, accounts: [dev]}]
                  b:
                    assignments: [{role: Admin, accounts: [dev]}, {role: Reader, accounts: [dev], until: 2026-12-10}]
                  c:
                    assignments: [ {role: Reader, accounts: [dev], until: 2026-12-10} ]
                  d:
                    assignments: [
                      {role: Admin, accounts: [dev]},
                      {role: Reader, accounts: [dev], reason: "a, b}", until: 2026-12-10},
                      {role: Reader, accounts: [prod]}
                    ]
                users:
                  bob: {groups: [a, {group: b, until: 2026-12-10, reason: 'it''s, {x}'}], super_admin: {until: 2026-12-10}}

                """
        let (text, removed) = try Self.expired(yaml, asOf: "2026-12-11")
        #expect(removed.count == 6)
        let expected =
            Self.head + """
                groups:
                  a:
                    assignments: [{role: Admin, accounts: [dev]}]
                  b:
                    assignments: [{role: Admin, accounts: [dev]}]
                  c:
                    assignments: [  ]
                  d:
                    assignments: [
                      {role: Admin, accounts: [dev]},
                      {role: Reader, accounts: [prod]}
                    ]
                users:
                  bob: {groups: [a]}

                """
        #expect(text == expected)
    }

    /// An entry written with an anchor is left in place with a warning (an alias elsewhere may
    /// name it); one written inside a list that an alias reuses goes once, from where it is written.
    @Test func anchorsAreNotBroken() throws {
        let yaml =
            Self.head + """
                x-rota: &rota
                  - {role: Admin, accounts: [dev]}
                  - {role: Reader, accounts: [prod], until: 2026-12-10}
                groups:
                  a:
                    assignments:
                      - &tmp {role: Reader, accounts: [dev], until: 2026-12-10}
                  b:
                    assignments: [*tmp]
                  c:
                    assignments: *rota
                  d:
                    assignments: *rota
                users:
                  bob: {groups: [a]}

                """
        let plan = try Self.plan(yaml, asOf: "2026-12-11").get()
        #expect(plan.removed.map(\.what) == ["the assignment of role 'Reader' to group 'c'"])
        #expect(
            String(decoding: plan.bytes, as: UTF8.self)
                == yaml.replacingOccurrences(of: "  - {role: Reader, accounts: [prod], until: 2026-12-10}\n", with: ""))
        #expect(plan.kept.map(\.code) == [.expiredAccess])
        #expect(plan.kept.first?.location == SourceLocation(file: "org.yaml", line: 19, column: 53))
    }

    /// Nothing is offered when org.yaml has errors, or when the edit would leave it with one
    /// (a flow mapping whose last key starts a line).
    @Test func errorsStopIt() throws {
        let broken =
            Self.head
            + "groups:\n  a:\n    assignments: [{role: Nobody, accounts: [dev], until: 2026-12-10}]\nusers:\n  bob: {groups: [a]}\n"
        guard case .failure(let failure) = Self.plan(broken, asOf: "2026-12-11") else {
            Issue.record("a file with errors was expired")
            return
        }
        #expect(failure.diagnostics.map(\.code) == [.unknownRole])
        let unsafe =
            Self.head + """
                groups:
                  a: {}
                users:
                  bob: {groups: [a],
                    super_admin: {until: 2026-12-10}}

                """
        guard case .failure(let refused) = Self.plan(unsafe, asOf: "2026-12-11") else {
            Issue.record("an edit that breaks the file was offered")
            return
        }
        #expect(refused.diagnostics.map(\.code) == [.expiredAccess])
        #expect(refused.diagnostics.first?.message.contains("nothing was changed") == true)
        #expect(try Self.plan(unsafe, asOf: "2026-12-10").get().removed.isEmpty)
    }

    /// Line ends written as CR LF stay so; a character wider than a byte before an entry does
    /// not move where it is found.
    @Test func lineEndsAndWideCharactersAreKept() throws {
        let yaml =
            Self.head + """
                groups:
                  a:
                    description: "Équipe d'astreinte — 24/7"
                    assignments:
                      - {role: Reader, accounts: [dev]}
                      - role: Admin
                        accounts: [dev]
                        until: 2026-12-10
                users:
                  bob: {name: "Zoë", groups: [{group: a, until: 2026-12-10}, a]}

                """
        let crlf = yaml.replacingOccurrences(of: "\n", with: "\r\n")
        let (text, removed) = try Self.expired(crlf, asOf: "2026-12-11")
        #expect(removed.count == 2)
        #expect(
            text
                == crlf.replacingOccurrences(
                    of: "      - role: Admin\r\n        accounts: [dev]\r\n        until: 2026-12-10\r\n", with: ""
                )
                .replacingOccurrences(of: "[{group: a, until: 2026-12-10}, a]", with: "[a]"))
    }
}
