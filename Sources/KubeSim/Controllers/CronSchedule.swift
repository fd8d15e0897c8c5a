import Foundation

/// A five-field cron schedule (minute hour day-of-month month day-of-week), evaluated in UTC.
struct CronSchedule: Sendable {
    let minutes: Set<Int>
    let hours: Set<Int>
    let days: Set<Int>
    let months: Set<Int>
    let weekdays: Set<Int>
    let dayRestricted: Bool
    let weekdayRestricted: Bool

    /// Parses a schedule; nil when malformed.
    init?(_ text: String) {
        let macros = ["@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
            "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *"]
        let expanded = macros[text.trimmingCharacters(in: .whitespaces)] ?? text
        let fields = expanded.split(separator: " ").map(String.init)
        guard fields.count == 5,
            let mi = Self.field(fields[0], 0, 59), let h = Self.field(fields[1], 0, 23), let d = Self.field(fields[2], 1, 31),
            let mo = Self.field(fields[3], 1, 12), let w = Self.field(fields[4], 0, 7)
        else { return nil }
        minutes = mi
        hours = h
        days = d
        months = mo
        weekdays = Set(w.map { $0 % 7 })
        dayRestricted = fields[2] != "*" && fields[2] != "?"
        weekdayRestricted = fields[4] != "*" && fields[4] != "?"
    }

    private static func field(_ text: String, _ low: Int, _ high: Int) -> Set<Int>? {
        var result = Set<Int>()
        for part in text.split(separator: ",") {
            var range = String(part)
            var step = 1
            if let slash = range.firstIndex(of: "/") {
                guard let s = Int(range[range.index(after: slash)...]), s > 0 else { return nil }
                step = s
                range = String(range[..<slash])
            }
            var lo = low, hi = high
            if range != "*" && range != "?" {
                let bounds = range.split(separator: "-").compactMap { Int($0) }
                guard bounds.count == 1 || bounds.count == 2 else { return nil }
                lo = bounds[0]
                hi = bounds.count == 2 ? bounds[1] : (step > 1 ? high : bounds[0])
            }
            guard lo >= low, hi <= high, lo <= hi else { return nil }
            result.formUnion(stride(from: lo, through: hi, by: step))
        }
        return result
    }

    /// Whether the schedule fires at the minute containing `date`.
    func matches(_ date: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: date)
        guard let minute = c.minute, let hour = c.hour, let day = c.day, let month = c.month, let weekday = c.weekday else { return false }
        guard minutes.contains(minute), hours.contains(hour), months.contains(month) else { return false }
        let dayOK = days.contains(day), weekdayOK = weekdays.contains(weekday - 1)
        if dayRestricted && weekdayRestricted { return dayOK || weekdayOK }
        return dayOK && weekdayOK
    }

    /// The most recent firing time in (`after`, `until`], scanning at most seven days back.
    func lastFiring(after: Date, until: Date) -> Date? {
        var t = Date(timeIntervalSince1970: floor(until.timeIntervalSince1970 / 60) * 60)
        let floorTime = max(after, until.addingTimeInterval(-7 * 86_400))
        while t > floorTime {
            if matches(t) { return t }
            t = t.addingTimeInterval(-60)
        }
        return nil
    }
}
