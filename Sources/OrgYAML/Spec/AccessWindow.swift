import Foundation
import Support

/// When a grant is in force, as org.yaml writes it beside the grant (an assignment, a group
/// membership, a user's `super_admin` or `user_management`): `from` and `until`, each
/// optional, and `reason`, free text kept for the record (a ticket, say).
public struct AccessWindowSpec: Sendable {
    public var from: Located<String>?
    public var until: Located<String>?
    public var reason: Located<String>?
    /// The entry it belongs to.
    public var location: SourceLocation

    public init(from: Located<String>? = nil, until: Located<String>? = nil, reason: Located<String>? = nil, location: SourceLocation) {
        (self.from, self.until, self.reason, self.location) = (from, until, reason, location)
    }

    /// The keys that write it.
    public static let keys = ["from", "until", "reason"]

    /// The window it means; nil when a moment in it is malformed (the rules report it).
    public var window: AccessWindow? {
        var window = AccessWindow()
        if let from {
            guard let start = AccessWindow.moment(from.value, endOfDay: false) else { return nil }
            window.start = start
        }
        if let until {
            guard let end = AccessWindow.moment(until.value, endOfDay: true) else { return nil }
            window.end = end
        }
        return window
    }
}

/// When a grant is in force: from `start` (nil: always has been) up to, not including, `end`
/// (nil: no end). A date in org.yaml is a whole day in UTC: `from: 2027-01-01` starts at its
/// first moment and `until: 2027-01-31` ends after its last.
public struct AccessWindow: Sendable, Hashable {
    public var start: Date?
    public var end: Date?

    public init(start: Date? = nil, end: Date? = nil) {
        (self.start, self.end) = (start, end)
    }

    /// Whether the grant is in force at `moment`.
    public func isInForce(at moment: Date) -> Bool {
        (start.map { $0 <= moment } ?? true) && (end.map { moment < $0 } ?? true)
    }

    /// When access given by several grants ends: the latest of their ends, or nil (it
    /// lasts) when one of them lasts or there are none.
    public static func latest(_ ends: [Date?]) -> Date? {
        var latest: Date?
        for end in ends {
            guard let end else { return nil }
            latest = max(latest ?? end, end)
        }
        return latest
    }

    /// When access given through two grants in a row ends (a group's assignment, held
    /// through a membership): the earlier of the two ends; nil when both last.
    public static func earliest(_ one: Date?, _ other: Date?) -> Date? {
        switch (one, other) {
        case (let one?, let other?): min(one, other)
        case (let one?, nil): one
        case (nil, let other): other
        }
    }

    /// The last moment in force as people say it: the day of a date's `until` (an end at
    /// midnight UTC), or the moment itself in UTC.
    public static func shown(end: Date) -> String {
        UTCTime.startOfDay(end) == end ? UTCTime.day(of: end.addingTimeInterval(-1)) : UTCTime.extended(end)
    }

    /// The moment a date or date-time written in org.yaml means: `2027-01-31` (a day in UTC:
    /// its first moment, or with `endOfDay` the first moment after it) or
    /// `2027-01-31T18:00:00+01:00` (a date-time with its offset, or `Z`, on a real day: Foundation's
    /// reader would take `2027-02-30T...` as 2 March). nil for anything else.
    public static func moment(_ text: String, endOfDay: Bool) -> Date? {
        if let day = UTCTime.day(text) { return endOfDay ? day.addingTimeInterval(86_400) : day }
        let offset = text.suffix(6)
        let hasOffset =
            offset.count == 6 && (offset.first == "+" || offset.first == "-")
            && offset.dropFirst().enumerated().allSatisfy { $0.offset == 2 ? $0.element == ":" : $0.element.isASCII && $0.element.isNumber }
        guard text.dropFirst(10).first == "T", UTCTime.day(String(text.prefix(10))) != nil, text.hasSuffix("Z") || hasOffset else {
            return nil
        }
        return UTCTime.parse(text)
    }
}
