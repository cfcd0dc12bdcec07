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
}
