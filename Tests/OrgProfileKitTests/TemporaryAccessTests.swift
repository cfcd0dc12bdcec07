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
        where actual[path] != expected[path] && !path.hasSuffix("/README.md") && path != "manifest.json" {
            Issue.record("\(day): \(path) differs:\n\(String(decoding: actual[path] ?? Data(), as: UTF8.self))")
        }
        let page = { (path: String) in String(decoding: actual[path] ?? Data(), as: UTF8.self) }
        #expect(page("users/ann/README.md").contains("| AdministratorAccess, until 2026-12-14 |") == oncall, "\(day)")
        #expect(page("users/ben/README.md").contains("| ReadOnlyAccess, until 2026-12-31 |") == benProd, "\(day)")
        #expect(page("users/ben/README.md").contains(#"(user management), until 2026-12-20T12\:00\:00Z |"#) == superAdmin, "\(day)")
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
