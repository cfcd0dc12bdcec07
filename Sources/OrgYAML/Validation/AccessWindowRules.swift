import Foundation
import Support

/// The rules of temporary access (`from`, `until` and `reason` beside a grant), as of one
/// moment (today in UTC, or `--as-of`): a moment that is not a date or a date-time with its
/// offset; a window that ends before it starts; an `until` already past (`expired-access`, a
/// warning: the grant gives nothing any more); an `until` further ahead than
/// `defaults.max_temporary` allows, so that temporary stays temporary.
struct AccessWindowRules {
    let asOf: Date
    /// The longest temporary access may last, in days.
    let maxDays: Int
    /// As written, for messages: `P90D`.
    let maxText: String
    var diagnostics = DiagnosticList()

    /// The maximum when `defaults.max_temporary` does not say: a year.
    static let defaultMaximum = "P365D"

    init(asOf: Date, maximum: Located<String>?) {
        self.asOf = asOf
        if let maximum, let days = Self.days(maximum.value) {
            (maxDays, maxText) = (days, maximum.value)
        } else {
            (maxDays, maxText) = (Self.days(Self.defaultMaximum)!, Self.defaultMaximum)
            if let maximum {
                diagnostics.append(
                    .error(
                        .invalidDate,
                        "defaults.max_temporary '\(maximum.value)' is not a number of days or weeks, such as P90D or P12W",
                        at: maximum.location))
            }
        }
    }

    /// The days of an ISO 8601 duration of days or weeks (`P90D`, `P12W`); nil for anything else.
    static func days(_ text: String) -> Int? {
        guard text.hasPrefix("P"), let unit = text.last, unit == "D" || unit == "W",
            let count = Int(text.dropFirst().dropLast()), count > 0, text.dropFirst().dropLast().allSatisfy(\.isNumber)
        else { return nil }
        return unit == "W" ? count * 7 : count
    }

    /// Checks the window of `what` (`the assignment of role 'Admin' to group 'oncall'`).
    mutating func check(_ window: AccessWindowSpec, _ what: String) {
        let start = window.from.flatMap { moment($0, "from", of: what, endOfDay: false) }
        let end = window.until.flatMap { moment($0, "until", of: what, endOfDay: true) }
        guard let end, let until = window.until else { return }
        if let start, let from = window.from, start >= end {
            diagnostics.append(
                .error(
                    .invalidAccessWindow, "\(what) starts (from \(from.value)) after it ends (until \(until.value))",
                    at: from.location, notes: [.init("it ends here", at: until.location)]))
            return
        }
        if end <= asOf {
            diagnostics.append(
                .warning(
                    .expiredAccess,
                    "\(what) ended (until \(until.value)) before \(UTCTime.day(of: asOf)), the day this is read as of, so it grants nothing; remove it",
                    at: until.location))
            return
        }
        let counted = max(asOf, start ?? asOf)
        let days = end.timeIntervalSince(counted) / 86_400
        if days > Double(maxDays) {
            diagnostics.append(
                .error(
                    .temporaryTooLong,
                    "\(what) lasts until \(until.value), \(Int(days.rounded(.up))) days from \(UTCTime.day(of: counted)); temporary access lasts at most \(maxText) (defaults.max_temporary): end it sooner, or leave out 'until' if it is not temporary",
                    at: until.location))
        }
    }

    /// The moment written, or an error at it.
    private mutating func moment(_ text: Located<String>, _ key: String, of what: String, endOfDay: Bool) -> Date? {
        if let moment = AccessWindow.moment(text.value, endOfDay: endOfDay) { return moment }
        diagnostics.append(
            .error(
                .invalidDate,
                "\(key) '\(text.value)' of \(what) is not a date (2027-01-31, a whole day in UTC) or a date-time with its offset (2027-01-31T18:00:00+01:00)",
                at: text.location))
        return nil
    }
}
