import Foundation

/// The one way orgprofile writes and reads a moment: in UTC, as ISO 8601.
public enum UTCTime {
    /// `20261127T101500Z`, ISO 8601's basic form: file names (backups) and request signing.
    public static func compact(_ date: Date) -> String {
        let (day, time) = parts(date)
        return day.joined() + "T" + time.joined() + "Z"
    }

    /// `2026-11-27T10:15:00Z`, the extended form: what people read.
    public static func extended(_ date: Date) -> String {
        let (day, time) = parts(date)
        return day.joined(separator: "-") + "T" + time.joined(separator: ":") + "Z"
    }

    /// A moment as AWS and its tools write one: `Z` or an offset (`+00:00`), or `UTC` in place
    /// of `Z` (the AWS CLI's token cache), with or without fractional seconds (which are
    /// dropped: nothing orgprofile does needs less than a second). nil when it is none.
    public static func parse(_ text: String) -> Date? {
        var normalized = text.hasSuffix("UTC") ? String(text.dropLast(3)) + "Z" : text
        if let dot = normalized.firstIndex(of: "."),
            let zone = normalized.lastIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }), dot < zone
        {
            normalized.removeSubrange(dot..<zone)
        }
        return try? Date(normalized, strategy: .iso8601)
    }

    /// The first moment of today in UTC: the moment temporary access is read as of, unless
    /// a command is told another (`--as-of`).
    public static var today: Date { startOfDay(Date()) }

    /// The first moment of the day, in UTC, that `date` falls on.
    public static func startOfDay(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    /// `2026-11-27`: the day of a moment in UTC.
    public static func day(of date: Date) -> String {
        parts(date).day.joined(separator: "-")
    }

    /// The first moment of a day written `2026-11-27`, in UTC; nil when it is not a real day.
    public static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month), day >= 1
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        // Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's
        // days_from_civil).
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Date(timeIntervalSince1970: Double(era * 146_097 + dayOfEra - 719_468) * 86_400)
    }

    /// The date's year, month and day, and its hour, minute and second, in UTC, as digits.
    private static func parts(_ date: Date) -> (day: [String], time: [String]) {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var fields = tm()
        gmtime_r(&seconds, &fields)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return (
            [String(fields.tm_year + 1900), two(fields.tm_mon + 1), two(fields.tm_mday)],
            [two(fields.tm_hour), two(fields.tm_min), two(fields.tm_sec)]
        )
    }

    /// A length of time in words, to the second: `8 hours`, `1 hour 30 minutes`.
    public static func words(seconds: Int) -> String {
        let parts = [(seconds / 3_600, "hour"), (seconds % 3_600 / 60, "minute"), (seconds % 60, "second")].filter { $0.0 > 0 }
        return parts.isEmpty ? "0 seconds" : parts.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }.joined(separator: " ")
    }
}
