import Foundation
import Support
import Testing

@Suite struct UTCTimeTests {
    static let moment = Date(timeIntervalSince1970: 1_795_827_723)  // 2026-11-28T01:02:03Z

    @Test func writesBothFormsInUTC() {
        #expect(UTCTime.compact(Self.moment) == "20261128T010203Z")
        #expect(UTCTime.extended(Self.moment) == "2026-11-28T01:02:03Z")
        #expect(UTCTime.compact(Self.moment.addingTimeInterval(0.9)) == "20261128T010203Z")
    }

    @Test func readsTheFormsAWSAndItsToolsWrite() {
        for text in [
            "2026-11-28T01:02:03Z", "2026-11-28T01:02:03UTC", "2026-11-28T01:02:03.456Z", "2026-11-28T01:02:03+00:00",
            "2026-11-28T03:02:03+02:00", "2026-11-27T20:02:03.5-05:00",
        ] {
            #expect(UTCTime.parse(text) == Self.moment, "\(text)")
        }
        #expect(UTCTime.parse("soon") == nil)
        #expect(UTCTime.parse(UTCTime.extended(Self.moment)) == Self.moment)
    }

    /// The AWS CLI's SSO token cache (`expiresAt`), as doctor reads it.
    @Test func readsTheTokenCachesExpiry() {
        let reference = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(UTCTime.parse("2027-01-15T08:00:00Z") == reference)
        #expect(UTCTime.parse("2027-01-15T08:00:00UTC") == reference)
        #expect(UTCTime.parse("2027-01-15T08:00:00.000Z") == reference)
        #expect(UTCTime.parse("soon") == nil)
    }
}
