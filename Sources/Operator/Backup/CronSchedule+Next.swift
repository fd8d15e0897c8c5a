import Foundation

extension CronSchedule {
    /// How far ahead `next` looks: eight years always include a 29 February (2096 → 2104 skips 2100).
    static let searchDays: Int64 = 8 * 366 + 2

    /// The first instant strictly after `date` whose wall-clock time in `timeZone` matches, or nil when
    /// none comes within eight years (`0 0 30 2 *`).
    ///
    /// Every instant is matched on its local wall time, as the CronJob controller (robfig/cron) does:
    /// a wall time skipped when clocks go forward does not run that day; a wall time repeated when
    /// clocks go back matches twice, once per offset.
    public func next(after date: Date, in timeZone: TimeZone) -> Date? {
        let after = Int64(floor(date.timeIntervalSince1970))
        let localAfter = after + Int64(timeZone.secondsFromGMT(for: date))
        // A day earlier than the local date of `after`: a repeated hour can put matching instants of the
        // previous local day after it.
        let firstDay = Self.floorDivide(localAfter, 86_400) - 1
        let hourValues = Self.values(hours, in: 0...23)
        let minuteValues = Self.values(minutes, in: 0...59)
        var day = firstDay
        while day <= firstDay + Self.searchDays {
            let (_, month, dayOfMonth) = Self.civilDate(fromDays: day)
            if matchesDay(month: month, day: dayOfMonth, weekday: Self.weekday(ofDays: day)),
               let found = firstInstant(onDay: day, after: after, hours: hourValues, minutes: minuteValues, timeZone: timeZone) {
                return Date(timeIntervalSince1970: TimeInterval(found))
            }
            day += 1
        }
        return nil
    }

    /// The earliest matching instant of local day `day` later than `after` (Unix seconds).
    private func firstInstant(onDay day: Int64, after: Int64, hours: [Int], minutes: [Int], timeZone: TimeZone) -> Int64? {
        let dayStart = day * 86_400
        // Offsets in force from 14 h before the local day to 14 h after it cover every instant of it.
        let before = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(dayStart - 50_400))))
        let afterDay = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(dayStart + 86_400 + 50_400))))
        var best: Int64?
        for hour in hours {
            for minute in minutes {
                let wall = dayStart + Int64(hour * 3600 + minute * 60)
                if before == afterDay {
                    // No transition that day: one instant per wall time, ascending, so the first is it.
                    let instant = wall - before
                    if instant > after { return instant }
                    continue
                }
                for offset in [before, afterDay] {
                    let instant = wall - offset
                    guard instant > after, best.map({ instant < $0 }) ?? true else { continue }
                    let actual = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
                    if actual == offset { best = instant }
                }
            }
        }
        return best
    }

    /// `value / divisor` rounded toward negative infinity.
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// Day of the week of a day counted from 1970-01-01 (a Thursday); Sunday = 0.
    static func weekday(ofDays days: Int64) -> Int {
        Int(((days + 4) % 7 + 7) % 7)
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01.
    static func civilDate(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        // Shift to a calendar whose years start on 1 March, in 400-year eras of 146,097 days.
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
