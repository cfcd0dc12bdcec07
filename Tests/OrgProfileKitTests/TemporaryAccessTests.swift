import Foundation
import OrgYAML
import Support
import TestSupport
import Testing

@testable import OrgProfileKit

/// The compile as of a day depends on temporary access only through what is in force that
/// day: it equals the compile of the same org with those grants written plainly and the
/// others left out.
@Suite struct TemporaryAccessTests {
    static let head = """
        version: "1"
        project: acme
        sso_session: {start_url: "https://acme.awsapps.com/start", region: eu-west-1}
        accounts:
          prod: {id: "111111111111"}
          dev: {id: "222222222222"}
        roles:
          AdministratorAccess: {}
          ReadOnlyAccess: {profile_suffix: ro}
        user_management:
          delegated_admin: {account: dev, role: AdministratorAccess}
          organization_management: {account: prod, role: AdministratorAccess}

        """

    /// The groups' permanent assignments, which every version shares.
    static let groups =
        head + """
            groups:
              oncall:
                assignments:
                  - {role: AdministratorAccess, accounts: [prod]}
              devs:
                assignments:
                  - {role: ReadOnlyAccess, accounts: [dev]}

            """

    /// Grants in force for a while: a group's assignment, a membership, a user's assignment
    /// that starts later, a super_admin grant and a user_management grant.
    static let temporary =
        groups + """
                  - {role: AdministratorAccess, accounts: [dev], until: 2026-12-10, reason: JIRA-1}
            users:
              ann:
                groups: [devs, {group: oncall, until: 2026-12-14}]
                user_management: {from: 2026-12-12, until: 2026-12-16}
              ben:
                groups: [devs]
                super_admin: {until: "2026-12-20T12:00:00Z", reason: audit}
                assignments:
                  - {role: ReadOnlyAccess, accounts: [prod], from: 2026-12-09, until: 2026-12-31}

            """

    /// The same org as it is on each day: what is in force written plainly.
    static func plain(devsAdmin: Bool, oncall: Bool, userManagement: Bool, superAdmin: Bool, benProd: Bool) -> String {
        var yaml = groups + (devsAdmin ? "      - {role: AdministratorAccess, accounts: [dev]}\n" : "")
        yaml += "users:\n  ann:\n    groups: [devs\(oncall ? ", oncall" : "")]\n"
        yaml += userManagement ? "    user_management: true\n" : ""
        yaml += "  ben:\n    groups: [devs]\n" + (superAdmin ? "    super_admin: true\n" : "")
        yaml += benProd ? "    assignments:\n      - {role: ReadOnlyAccess, accounts: [prod]}\n" : ""
        return yaml
    }

    static func compiled(_ yaml: String, asOf: String) throws -> [String: Data] {
        let analysis = Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8)), asOf: UTCTime.day(asOf)!)
        #expect(!analysis.diagnostics.hasErrors, "\(analysis.diagnostics)")
        let model = try #require(analysis.model)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try OutputWriter(root: folder).write(Renderer(model: model, templates: .builtin(), sourceName: "org.yaml"))
        return tree(folder)
    }

    @Test(arguments: [
        ("2026-12-08", true, true, false, true, false),
        ("2026-12-10", true, true, false, true, true),
        ("2026-12-11", false, true, false, true, true),
        ("2026-12-12", false, true, true, true, true),
        ("2026-12-14", false, true, true, true, true),
        ("2026-12-15", false, false, true, true, true),
        ("2026-12-20", false, false, false, true, true),
        ("2026-12-21", false, false, false, false, true),
        ("2027-01-01", false, false, false, false, false),
    ])
    func theCompileIsTheOrgAsItIsThatDay(
        _ day: String, _ devsAdmin: Bool, _ oncall: Bool, _ userManagement: Bool, _ superAdmin: Bool, _ benProd: Bool
    ) throws {
        let plain = Self.plain(
            devsAdmin: devsAdmin, oncall: oncall, userManagement: userManagement, superAdmin: superAdmin, benProd: benProd)
        let expected = try Self.compiled(plain, asOf: day)
        let actual = try Self.compiled(Self.temporary, asOf: day)
        #expect(actual.keys.sorted() == expected.keys.sorted(), "\(day)")
        // Every file but the onboarding pages, which say until when a temporary profile lasts.
        // (and the manifest, which holds their digests).
        for path in expected.keys.sorted()
        where actual[path] != expected[path] && !path.hasSuffix("/README.md") && path != "manifest.json" && path != "index.html" {
            Issue.record("\(day): \(path) differs:\n\(String(decoding: actual[path] ?? Data(), as: UTF8.self))")
        }
        let page = { (path: String) in String(decoding: actual[path] ?? Data(), as: UTF8.self) }
        #expect(page("users/ann/README.md").contains("| AdministratorAccess, until 2026-12-14 |") == oncall, "\(day)")
        #expect(page("users/ben/README.md").contains("| ReadOnlyAccess, until 2026-12-31 |") == benProd, "\(day)")
        #expect(page("users/ben/README.md").contains(#"(user management), until 2026-12-20T12\:00\:00Z |"#) == superAdmin, "\(day)")
        // The access page differs by its view of what ends only: the day and the list.
        let withoutView = page("index.html").replacingOccurrences(
            of: #""asOf":"[0-9-]+","#, with: "", options: .regularExpression
        ).replacingOccurrences(
            of: #","temporary":\[(\[[0-9]+,"[0-9TZ:-]+","1?",\[[0-9,]+\]\],?)+\]"#, with: "", options: .regularExpression)
        #expect(withoutView == String(decoding: expected["index.html"]!, as: UTF8.self), "\(day): index.html")
        #expect(
            page("index.html").contains(#""temporary":[["#) == (devsAdmin || oncall || userManagement || superAdmin || benProd), "\(day)")
        // Without the lines that say so, the pages are the plain org's.
        for path in expected.keys where path.hasSuffix("/README.md") {
            let withoutEnds = page(path).replacingOccurrences(of: #", until [0-9TZ:\\-]+ \|"#, with: " |", options: .regularExpression)
            #expect(withoutEnds == String(decoding: expected[path]!, as: UTF8.self), "\(day): \(path)")
        }
    }

    /// `expire` as of a day changes nothing the compile of that day writes, and leaves no
    /// grant that has lapsed.
    @Test(arguments: ["2026-12-08", "2026-12-11", "2026-12-15", "2026-12-21", "2027-01-01"])
    func expireChangesNothingTheCompileWrites(_ day: String) throws {
        let plan = try Expiry.plan(SourceFile(name: "org.yaml", bytes: Array(Self.temporary.utf8)), asOf: UTCTime.day(day)!).get()
        let expired = String(decoding: plan.bytes, as: UTF8.self)
        #expect(plan.removed.isEmpty == (day == "2026-12-08"), "\(day)")
        let analysis = Compiler.analyze(SourceFile(name: "org.yaml", bytes: plan.bytes), asOf: UTCTime.day(day)!)
        #expect(!analysis.diagnostics.contains { $0.code == .expiredAccess }, "\(day): \(analysis.diagnostics)")
        let before = try Self.compiled(Self.temporary, asOf: day)
        let after = try Self.compiled(expired, asOf: day)
        #expect(before.keys.sorted() == after.keys.sorted())
        for path in before.keys.sorted() where before[path] != after[path] {
            Issue.record("\(day): \(path) differs after expire")
        }
    }

    /// In review: a temporary grant is shown with its end; a change that only moves an end says
    /// so, and one that extends access, or makes it last, counts as a grant of it.
    @Test func diffShowsEndsAndTreatsALongerEndAsAGrant() throws {
        let asOf = UTCTime.day("2026-12-08")!
        /// ann in devs and, when given, one more membership.
        func model(_ membership: String?) throws -> AccessModel {
            let yaml = Self.groups + "users:\n  ann:\n    groups: [devs\(membership.map { ", " + $0 } ?? "")]\n"
            return try #require(Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8)), asOf: asOf).model)
        }
        func text(_ old: String?, _ new: String?) throws -> String {
            AccessDiffFormat.text.render(AccessDiff(old: try model(old), new: try model(new)))
        }
        let week = "{group: oncall, until: 2026-12-14}"
        let added = try text(nil, week)
        #expect(
            added.contains("  ! + acme-prod: prod/AdministratorAccess (111111111111, eu-west-1), until 2026-12-14; via group oncall"),
            "\(added)")
        let longer = try text(week, "{group: oncall, until: 2026-12-20}")
        #expect(
            longer.contains(
                "  ! ~ acme-prod: prod/AdministratorAccess, only its end moves: until 2026-12-14 -> until 2026-12-20; via group oncall; ! privileged role"
            ),
            "\(longer)")
        let lasting = try text(week, "oncall")
        #expect(
            lasting.contains("  ! ~ acme-prod: prod/AdministratorAccess, only its end moves: until 2026-12-14 -> no end;"), "\(lasting)")
        #expect(lasting.hasPrefix("access changes: 0 added, 0 removed, 1 changed, 0 renamed; 1 privileged"), "\(lasting)")
        let shorter = try text(week, "{group: oncall, until: 2026-12-10}")
        #expect(
            shorter.contains("    ~ acme-prod: prod/AdministratorAccess, only its end moves: until 2026-12-14 -> until 2026-12-10;"),
            "\(shorter)")
        #expect(shorter.hasPrefix("access changes: 0 added, 0 removed, 1 changed, 0 renamed; 0 privileged"), "\(shorter)")
        #expect(try text(week, week) == "no access changes\n")
        let json = AccessDiffFormat.json.render(AccessDiff(old: try model(week), new: try model("oncall")))
        #expect(json.contains("\"change\" : \"until\"") && json.contains("\"until\" : \"2026-12-14\""), "\(json)")
    }

    /// The report says until when each temporary profile lasts, in every format, and lists
    /// them by end date with what ends within 7 days marked.
    @Test func theReportShowsWhatEndsByEndDate() throws {
        let analysis = Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(Self.temporary.utf8)), asOf: UTCTime.day("2026-12-12")!)
        let report = AccessReport(model: try #require(analysis.model))
        #expect(
            report.temporary.map { "\($0.isSoon ? "!" : " ") \(AccessWindow.shown(end: $0.end)) \($0.user) \($0.cell.profile)" } == [
                "! 2026-12-14 ann acme-prod", "! 2026-12-16 ann acme-user-management", "  2026-12-20T12:00:00Z ben acme-user-management",
                "  2026-12-31 ben acme-prod-ro",
            ])
        let text = report.render(.text)
        #expect(
            text.contains(
                "USER  PROFILE               ACCOUNT              ROLE                                   UNTIL                 VIA\n"),
            "\(text)")
        #expect(
            text.contains(
                "ann   acme-prod             prod (111111111111)  AdministratorAccess                    2026-12-14            group oncall\n"
            ), "\(text)")
        #expect(
            text.contains(
                """
                temporary access, by end date (! ends within 7 days of 2026-12-12):
                  UNTIL                 USER  PROFILE               ACCOUNT              ROLE                                   VIA
                ! 2026-12-14            ann   acme-prod             prod (111111111111)  AdministratorAccess                    group oncall
                ! 2026-12-16            ann   acme-user-management  dev (222222222222)   AdministratorAccess (user management)  user management
                  2026-12-20T12:00:00Z  ben   acme-user-management  prod (111111111111)  AdministratorAccess (user management)  user management
                  2026-12-31            ben   acme-prod-ro          prod (111111111111)  ReadOnlyAccess                         direct assignment

                """), "\(text)")
        let markdown = report.render(.markdown)
        #expect(markdown.contains("`acme-prod` (AdministratorAccess; via group oncall; until 2026-12-14)"), "\(markdown)")
        #expect(
            markdown.contains(
                "| :warning: 2026-12-14 | ann | `acme-prod` | prod (111111111111) | AdministratorAccess | group oncall |\n| :warning: 2026-12-16 | ann |"
            ), "\(markdown)")
        #expect(report.render(.csv).contains("acme-prod (AdministratorAccess; via group oncall; until 2026-12-14)"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        let temporary = try #require(json["temporary"] as? [[String: Any]])
        #expect(temporary.map { $0["until"] as? String } == ["2026-12-14", "2026-12-16", "2026-12-20T12:00:00Z", "2026-12-31"])
        #expect(temporary.map { $0["ends_within_7_days"] as? Bool } == [true, true, false, false])
        let ann = try #require((json["users"] as? [[String: Any]])?.first)
        #expect(((ann["access"] as? [String: Any])?["prod"] as? [[String: Any]])?.first?["until"] as? String == "2026-12-14")
        // An org without windows: the text report has no column of ends, the JSON an empty view.
        let plain = AccessReport(
            model: try #require(
                Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array((Self.groups + "users:\n  ann:\n    groups: [devs]\n").utf8)))
                    .model))
        #expect(!plain.render(.text).contains("UNTIL"))
        #expect((try JSONSerialization.jsonObject(with: Data(plain.render(.json).utf8)) as? [String: Any])?["temporary"] as? [Any] != nil)
    }

    /// Two grants that would give one person two profiles of one name collide whenever they
    /// are written, even when one is not in force yet: a name free today stays free.
    @Test func namesCollideWhateverTheWindow() throws {
        let yaml =
            Self.head.replacingOccurrences(of: "roles:\n", with: "roles:\n  PowerUserAccess: {}\n") + """
                groups:
                  devs:
                    assignments:
                      - {role: AdministratorAccess, accounts: [dev]}
                users:
                  ann:
                    groups: [devs]
                    assignments:
                      - {role: PowerUserAccess, accounts: [dev], from: 2027-01-10, until: 2027-01-20}

                """
        let analysis = Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8)), asOf: UTCTime.day("2027-01-01")!)
        #expect(analysis.model == nil)
        #expect(
            analysis.diagnostics.filter { $0.severity == .error }.map(\.code) == [DiagnosticCode.profileCollision],
            "\(analysis.diagnostics)")
    }

    /// `--strict` makes an expired grant an error.
    @Test func strictRefusesAnExpiredGrant() {
        let source = SourceFile(name: "org.yaml", bytes: Array(Self.temporary.utf8))
        let lenient = Compiler.analyze(source, asOf: UTCTime.day("2026-12-12")!)
        #expect(lenient.model != nil && lenient.diagnostics.map(\.code) == [.expiredAccess])
        let strict = Compiler.analyze(source, strict: true, asOf: UTCTime.day("2026-12-12")!)
        #expect(strict.model == nil && strict.diagnostics.map(\.severity) == [.error])
    }
}
