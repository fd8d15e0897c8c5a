import Foundation

/// A cron schedule as the Kubernetes CronJob controller accepts it: five fields (minute, hour,
/// day-of-month, month, day-of-week) with `*`, `?`, lists, ranges, steps and month/day names, or one of
/// the macros `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`.
///
/// Day-of-month and day-of-week follow Vixie cron (and robfig/cron, which the CronJob controller uses):
/// when both are restricted a day matches either; when one is `*` (or `?`) only the other counts. As
/// in robfig/cron, a field is unrestricted only when written `*`/`?` without a step greater than 1.
public struct CronSchedule: Sendable, Equatable {
    /// The text parsed.
    public let expression: String
    /// Minutes 0–59 (bit n = minute n).
    let minutes: UInt64
    /// Hours 0–23.
    let hours: UInt64
    /// Days of the month 1–31.
    let daysOfMonth: UInt64
    /// Months 1–12.
    let months: UInt64
    /// Days of the week 0–6, Sunday = 0.
    let daysOfWeek: UInt64
    /// Whether day-of-month was `*`/`?`.
    let dayOfMonthUnrestricted: Bool
    /// Whether day-of-week was `*`/`?`.
    let dayOfWeekUnrestricted: Bool

    /// The macros and their five-field equivalents.
    static let macros: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
        "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    /// Parses a schedule; throws a `CronScheduleError` naming the field and the value at fault.
    public init(parsing text: String) throws(CronScheduleError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw CronScheduleError(code: "empty", detail: "the schedule is empty") }
        if trimmed.hasPrefix("TZ=") || trimmed.hasPrefix("CRON_TZ=") {
            throw CronScheduleError(code: "time_zone_in_schedule", detail: "a time zone in the schedule is not accepted; set spec.timeZone instead")
        }
        var body = trimmed
        if trimmed.hasPrefix("@") {
            guard let expanded = Self.macros[trimmed.lowercased()] else {
                throw CronScheduleError(code: "unknown_macro",
                                        detail: "unknown macro \(trimmed) (expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly)")
            }
            body = expanded
        }
        let fields = body.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        guard fields.count == 5 else {
            throw CronScheduleError(code: "field_count",
                                    detail: "expected 5 fields (minute hour day-of-month month day-of-week), found \(fields.count)")
        }
        let minute = try CronField.minute.parse(fields[0])
        let hour = try CronField.hour.parse(fields[1])
        let dayOfMonth = try CronField.dayOfMonth.parse(fields[2])
        let month = try CronField.month.parse(fields[3])
        let dayOfWeek = try CronField.dayOfWeek.parse(fields[4])
        expression = trimmed
        minutes = minute.bits
        hours = hour.bits
        daysOfMonth = dayOfMonth.bits
        months = month.bits
        daysOfWeek = dayOfWeek.bits
        dayOfMonthUnrestricted = dayOfMonth.unrestricted
        dayOfWeekUnrestricted = dayOfWeek.unrestricted
    }

    /// The IANA time zone `name`; throws `unknown_time_zone` when the system does not know it.
    public static func timeZone(named name: String) throws(CronScheduleError) -> TimeZone {
        guard !name.isEmpty, let zone = TimeZone(identifier: name) else {
            throw CronScheduleError(code: "unknown_time_zone", field: "timeZone", detail: "unknown time zone \(name)")
        }
        return zone
    }

    /// Whether a civil day matches: month, then the day-of-month/day-of-week rule.
    func matchesDay(month: Int, day: Int, weekday: Int) -> Bool {
        guard months & (1 << UInt64(month)) != 0 else { return false }
        let domMatch = daysOfMonth & (1 << UInt64(day)) != 0
        let dowMatch = daysOfWeek & (1 << UInt64(weekday)) != 0
        if dayOfMonthUnrestricted || dayOfWeekUnrestricted { return domMatch && dowMatch }
        return domMatch || dowMatch
    }

    /// The set values of a bit set, ascending.
    static func values(_ bits: UInt64, in range: ClosedRange<Int>) -> [Int] {
        range.filter { bits & (1 << UInt64($0)) != 0 }
    }
}
