import Foundation
import OrgYAML
import Support
import TestSupport
import Testing

/// Temporary access as org.yaml writes it (`from`, `until`, `reason` beside an assignment, a
/// membership and a user-management grant): what its moments mean, and its rules, as of a day.
@Suite struct AccessWindowTests {
    static func day(_ text: String) -> Date { UTCTime.day(text)! }

    @Test func aDayIsAWholeDayInUTC() {
        #expect(UTCTime.day("1970-01-01") == Date(timeIntervalSince1970: 0))
        #expect(UTCTime.day("2000-03-01") == Date(timeIntervalSince1970: 951_868_800))
        #expect(UTCTime.day("2024-02-29") != nil)
        for wrong in ["2023-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "2026-01-32", "26-01-01", "2026-01-01T", "2026/01/01"] {
            #expect(UTCTime.day(wrong) == nil, "\(wrong)")
        }
        #expect(UTCTime.day(of: Date(timeIntervalSince1970: 951_868_800 + 86_399)) == "2000-03-01")
        #expect(UTCTime.startOfDay(Date(timeIntervalSince1970: 951_868_800 + 86_399)) == Self.day("2000-03-01"))
        // until: the first moment after its day; from: its first moment; a date-time has its offset.
        #expect(AccessWindow.moment("2027-01-31", endOfDay: true) == Self.day("2027-02-01"))
        #expect(AccessWindow.moment("2027-01-31", endOfDay: false) == Self.day("2027-01-31"))
        #expect(AccessWindow.moment("2027-01-31T18:00:00+01:00", endOfDay: true) == Self.day("2027-01-31").addingTimeInterval(17 * 3600))
        #expect(AccessWindow.moment("2027-01-31T18:00:00Z", endOfDay: false) == Self.day("2027-01-31").addingTimeInterval(18 * 3600))
        for wrong in [
            "2027-01-31T18:00:00", "2027-01-31 18:00:00Z", "tomorrow", "2027-01-31T18:00:00+0100", "2027-02-30T18:00:00Z",
            "2026-02-29T00:00:00+01:00", "27-01-31T18:00:00Z",
        ] {
            #expect(AccessWindow.moment(wrong, endOfDay: true) == nil, "\(wrong)")
        }
        let window = AccessWindow(start: Self.day("2027-01-10"), end: Self.day("2027-02-01"))
        #expect(!window.isInForce(at: Self.day("2027-01-09")) && window.isInForce(at: Self.day("2027-01-10")))
        #expect(window.isInForce(at: Self.day("2027-01-31")) && !window.isInForce(at: Self.day("2027-02-01")))
    }

    static let org = """
        version: "1"
        project: acme
        sso_session: {start_url: "https://acme.awsapps.com/start", region: eu-west-1}
        defaults:
          max_temporary: MAX
        accounts:
          prod: {id: "111111111111"}
        roles:
          AdministratorAccess: {}
        user_management:
          delegated_admin: {account: prod, role: AdministratorAccess}
          organization_management: {account: prod, role: AdministratorAccess}
        groups:
          oncall:
            assignments:
              - {role: AdministratorAccess, accounts: [prod], until: 2027-01-31, reason: INC-1}
        users:
          ann:
            groups: [{group: oncall, from: 2027-01-10, until: 2027-01-20}]
            super_admin: {until: "2027-01-15T12:00:00Z", reason: audit}
          ben:
            groups: [oncall]
            user_management: {from: 2027-01-05}

        """

    static func diagnostics(_ yaml: String, asOf: String, strict: Bool = false) -> [Diagnostic] {
        guard case .success(let analysis) = FrontEnd.analyze(SourceFile(name: "org.yaml", bytes: Array(yaml.utf8)), asOf: day(asOf))
        else { return [] }
        return analysis.diagnostics.finished(inFile: "org.yaml")
    }

    @Test func windowsAreDecodedBesideTheirGrants() throws {
        guard
            case .success(let analysis) = FrontEnd.analyze(
                SourceFile(name: "org.yaml", bytes: Array(Self.org.replacingOccurrences(of: "MAX", with: "P90D").utf8)),
                asOf: Self.day("2027-01-01"))
        else { throw Failure("not read") }
        #expect(analysis.diagnostics.finished(inFile: "org.yaml").isEmpty, "\(analysis.diagnostics)")
        let spec = analysis.spec
        #expect(spec.defaults.maxTemporary?.value == "P90D")
        let assignment = try #require(spec.groups.first?.assignments.first?.window)
        #expect(assignment.until?.value == "2027-01-31" && assignment.reason?.value == "INC-1" && assignment.from == nil)
        let ann = try #require(spec.users.first { $0.name.value == "ann" })
        #expect(ann.groups.map(\.value) == ["oncall"])
        #expect(ann.memberships.first?.window?.window == AccessWindow(start: Self.day("2027-01-10"), end: Self.day("2027-01-21")))
        #expect(ann.superAdmin?.value == true && ann.superAdminWindow?.reason?.value == "audit")
        let ben = try #require(spec.users.first { $0.name.value == "ben" })
        #expect(ben.memberships.first?.window == nil && ben.userManagement?.value == true)
        #expect(ben.userManagementWindow?.window == AccessWindow(start: Self.day("2027-01-05")))
        #expect(spec.hasAccessWindows)
    }

    @Test func theRulesAreLocatedAndReadAsOfADay() throws {
        let yaml = Self.org.replacingOccurrences(of: "MAX", with: "P30D")
        // Before the end: nothing to say.
        #expect(Self.diagnostics(yaml, asOf: "2027-01-02").isEmpty)
        // After ann's membership and super_admin ended, before the group's assignment did.
        let later = Self.diagnostics(yaml, asOf: "2027-01-25")
        #expect(later.map(\.code) == [.expiredAccess, .expiredAccess], "\(later)")
        #expect(later.map { $0.location?.line } == [19, 20])
        #expect(
            later.first?.message
                == "the membership of user 'ann' in group 'oncall' ended (until 2027-01-20) before 2027-01-25, the day this is read as of, so it grants nothing; remove it"
        )
        #expect(later.allSatisfy { $0.severity == .warning })
        // Too far ahead: counted from the day read as of, or from a later start (ann's
        // membership starts 2027-01-10 and lasts 11 days).
        let early = Self.diagnostics(yaml, asOf: "2026-12-01")
        #expect(early.map(\.code) == [.temporaryTooLong, .temporaryTooLong], "\(early)")
        #expect(early.map { $0.location?.line } == [16, 20])
        #expect(
            early.first?.message.contains("lasts until 2027-01-31, 62 days from 2026-12-01; temporary access lasts at most P30D") == true)
        // Malformed moments, a window that ends before it starts, and a maximum that is no duration.
        let wrong =
            yaml
            .replacingOccurrences(of: "until: 2027-01-31", with: "until: 2027-02-30")
            .replacingOccurrences(of: "from: 2027-01-10, until: 2027-01-20", with: "from: 2027-01-20, until: 2027-01-10")
            .replacingOccurrences(of: "max_temporary: P30D", with: "max_temporary: 3M")
        let found = Self.diagnostics(wrong, asOf: "2027-01-02")
        #expect(found.map(\.code) == [.invalidDate, .invalidDate, .invalidAccessWindow], "\(found)")
        #expect(found.map { $0.location?.line } == [5, 16, 19])
        #expect(found[2].notes.first?.location?.line == 19)
    }

    /// The default maximum is a year.
    @Test func withoutAMaximumAYearIsTheLimit() {
        let yaml = Self.org.replacingOccurrences(of: "defaults:\n  max_temporary: MAX\n", with: "")
        #expect(Self.diagnostics(yaml, asOf: "2026-02-01").isEmpty)
        #expect(Self.diagnostics(yaml, asOf: "2026-01-30").map(\.code) == [.temporaryTooLong])
    }
}

private struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
