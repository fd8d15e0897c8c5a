import Foundation
import KubeClient
import Testing
@testable import Operator

@Suite struct CronScheduleTests {
    let utc = TimeZone(identifier: "Etc/UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
    let paris = TimeZone(identifier: "Europe/Paris")

    /// The next `count` times after `start`, formatted in UTC.
    func times(_ expression: String, after start: String, count: Int = 1, in zone: TimeZone? = nil) throws -> [String] {
        let schedule = try CronSchedule(parsing: expression)
        var current = try BackupFixtures.date(start)
        var result: [String] = []
        for _ in 0..<count {
            let next = try #require(schedule.next(after: current, in: zone ?? utc))
            result.append(KubeTime.format(next))
            current = next
        }
        return result
    }

    @Test func defaultScheduleRunsDailyAtTwo() throws {
        #expect(try times("0 2 * * *", after: "2026-12-02T06:00:00Z", count: 2) == ["2026-12-03T02:00:00Z", "2026-12-04T02:00:00Z"])
        // Strictly after: a time exactly on the schedule gives the following one.
        #expect(try times("0 2 * * *", after: "2026-12-03T02:00:00Z") == ["2026-12-04T02:00:00Z"])
        #expect(try times("0 2 * * *", after: "2026-12-03T01:59:59Z") == ["2026-12-03T02:00:00Z"])
    }

    @Test func listsRangesAndSteps() throws {
        #expect(try times("*/15 * * * *", after: "2026-12-02T06:07:00Z", count: 3)
            == ["2026-12-02T06:15:00Z", "2026-12-02T06:30:00Z", "2026-12-02T06:45:00Z"])
        #expect(try times("5,35 9-10 * * *", after: "2026-12-02T09:10:00Z", count: 4)
            == ["2026-12-02T09:35:00Z", "2026-12-02T10:05:00Z", "2026-12-02T10:35:00Z", "2026-12-03T09:05:00Z"])
        // `N/STEP` runs from N to the field's end; `A-B/STEP` within the range.
        #expect(try times("50/5 0 * * *", after: "2026-12-02T00:00:00Z", count: 3)
            == ["2026-12-02T00:50:00Z", "2026-12-02T00:55:00Z", "2026-12-03T00:50:00Z"])
        #expect(try times("0 8-18/5 * * *", after: "2026-12-02T00:00:00Z", count: 4)
            == ["2026-12-02T08:00:00Z", "2026-12-02T13:00:00Z", "2026-12-02T18:00:00Z", "2026-12-03T08:00:00Z"])
        #expect(try times("? ? ? ? ?", after: "2026-12-02T00:00:30Z") == ["2026-12-02T00:01:00Z"])
    }

    @Test func monthAndDayNamesInAnyCase() throws {
        // 2026-12-02 is a Wednesday.
        #expect(try times("0 3 * * MON-fri", after: "2026-12-04T12:00:00Z", count: 2) == ["2026-12-07T03:00:00Z", "2026-12-08T03:00:00Z"])
        #expect(try times("0 0 1 feb,Aug *", after: "2026-12-02T00:00:00Z", count: 2) == ["2027-02-01T00:00:00Z", "2027-08-01T00:00:00Z"])
        let named = try CronSchedule(parsing: "0 0 * jan-mar sun")
        let numbered = try CronSchedule(parsing: "0 0 * 1-3 0")
        #expect(named.months == 0b1110 && named.months == numbered.months)
        #expect(named.daysOfWeek == 1 && named.daysOfWeek == numbered.daysOfWeek)
    }

    @Test func macros() throws {
        let start = "2026-12-02T06:07:00Z"
        #expect(try times("@hourly", after: start) == ["2026-12-02T07:00:00Z"])
        #expect(try times("@daily", after: start) == ["2026-12-03T00:00:00Z"])
        #expect(try times("@midnight", after: start) == ["2026-12-03T00:00:00Z"])
        #expect(try times("@weekly", after: start) == ["2026-12-06T00:00:00Z"])
        #expect(try times("@monthly", after: start) == ["2027-01-01T00:00:00Z"])
        #expect(try times("@yearly", after: start) == ["2027-01-01T00:00:00Z"])
        #expect(try times("@annually", after: start) == ["2027-01-01T00:00:00Z"])
        #expect(try times("  @DAILY ", after: start) == ["2026-12-03T00:00:00Z"])
    }

    @Test func dayOfMonthAndDayOfWeekCombineWithOrWhenBothRestricted() throws {
        // 2026-02-01 is a Sunday: "the 1st or any Monday" gives the Mondays of February, then 1 March (a Sunday).
        #expect(try times("0 0 1 * 1", after: "2026-02-01T00:00:00Z", count: 6) == [
            "2026-02-02T00:00:00Z", "2026-02-09T00:00:00Z", "2026-02-16T00:00:00Z", "2026-02-23T00:00:00Z",
            "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z",
        ])
        // One side unrestricted: only the other counts (AND with "every day").
        #expect(try times("0 0 1 * *", after: "2026-02-01T00:00:00Z") == ["2026-03-01T00:00:00Z"])
        #expect(try times("0 0 * * 1", after: "2026-02-01T00:00:00Z") == ["2026-02-02T00:00:00Z"])
        #expect(try times("0 0 ? * 1", after: "2026-02-01T00:00:00Z") == ["2026-02-02T00:00:00Z"])
        // `*/2` is a restriction (robfig/cron): the 15th OR Sundays/Tuesdays/Thursdays/Saturdays.
        #expect(try times("0 0 15 * */2", after: "2026-02-01T00:00:00Z", count: 2) == ["2026-02-03T00:00:00Z", "2026-02-05T00:00:00Z"])
        // Both restricted and only the month day can match within the window.
        #expect(try times("0 0 13 * 5", after: "2026-02-06T00:00:00Z", count: 2) == ["2026-02-13T00:00:00Z", "2026-02-20T00:00:00Z"])
    }

    @Test func leapDayAndImpossibleDates() throws {
        #expect(try times("0 0 29 2 *", after: "2026-12-02T00:00:00Z") == ["2028-02-29T00:00:00Z"])
        // 2100 is not a leap year: eight years of search still find 2104.
        #expect(try times("0 0 29 2 *", after: "2096-03-01T00:00:00Z") == ["2104-02-29T00:00:00Z"])
        let never = try CronSchedule(parsing: "0 0 30 2 *")
        #expect(never.next(after: try BackupFixtures.date("2026-01-01T00:00:00Z"), in: utc) == nil)
        #expect(try times("0 0 31 * *", after: "2026-04-01T00:00:00Z") == ["2026-05-31T00:00:00Z"])
    }

    @Test func springForwardInParisSkipsTheMissingHour() throws {
        let zone = try #require(paris)
        // 2026-03-29: 02:00 CET becomes 03:00 CEST. 02:30 does not exist that day and is skipped.
        #expect(try times("30 2 * * *", after: "2026-03-27T12:00:00Z", count: 3, in: zone)
            == ["2026-03-28T01:30:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z"])
        // A daily 09:00 moves from 08:00 UTC (CET) to 07:00 UTC (CEST).
        #expect(try times("0 9 * * *", after: "2026-03-28T00:00:00Z", count: 2, in: zone)
            == ["2026-03-28T08:00:00Z", "2026-03-29T07:00:00Z"])
        // Hourly runs jump from 01:00 CET straight to 03:00 CEST: one UTC hour apart.
        #expect(try times("0 * * * *", after: "2026-03-28T23:30:00Z", count: 3, in: zone)
            == ["2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z"])
    }

    @Test func fallBackInParisMatchesTheRepeatedHourTwice() throws {
        let zone = try #require(paris)
        // 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:30 happens at 00:30 and at 01:30 UTC.
        #expect(try times("30 2 * * *", after: "2026-10-24T12:00:00Z", count: 3, in: zone)
            == ["2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-10-26T01:30:00Z"])
        // 03:00 happens once (CET).
        #expect(try times("0 3 * * *", after: "2026-10-24T12:00:00Z", count: 2, in: zone)
            == ["2026-10-25T02:00:00Z", "2026-10-26T02:00:00Z"])
        // Two minutes in the repeated hour come out in time order, not wall-clock order.
        #expect(try times("15,45 2 25 10 *", after: "2026-10-24T12:00:00Z", count: 4, in: zone)
            == ["2026-10-25T00:15:00Z", "2026-10-25T00:45:00Z", "2026-10-25T01:15:00Z", "2026-10-25T01:45:00Z"])
    }

    @Test func timeZoneNames() throws {
        #expect(try CronSchedule.timeZone(named: "Europe/Paris").identifier == "Europe/Paris")
        #expect(throws: CronScheduleError.self) { try CronSchedule.timeZone(named: "Mars/Olympus_Mons") }
        do {
            _ = try CronSchedule.timeZone(named: "Mars/Olympus_Mons")
        } catch {
            #expect(error.code == "unknown_time_zone")
            #expect(error.description == "timeZone: unknown time zone Mars/Olympus_Mons")
        }
    }

    /// An invalid schedule and the error expected.
    struct Invalid: Sendable {
        var text: String
        var code: String
        var field: String?
        var detail: String
        init(_ text: String, _ code: String, _ field: String?, _ detail: String) {
            (self.text, self.code, self.field, self.detail) = (text, code, field, detail)
        }
    }

    @Test(arguments: [
        Invalid("", "empty", nil, "the schedule is empty"),
        Invalid("0 2 * *", "field_count", nil, "expected 5 fields (minute hour day-of-month month day-of-week), found 4"),
        Invalid("0 0 2 * * *", "field_count", nil, "expected 5 fields (minute hour day-of-month month day-of-week), found 6"),
        Invalid("60 * * * *", "out_of_range", "minute", "60 is out of range 0-59"),
        Invalid("0 24 * * *", "out_of_range", "hour", "24 is out of range 0-23"),
        Invalid("0 0 0 * *", "out_of_range", "day-of-month", "0 is out of range 1-31"),
        Invalid("0 0 * 13 *", "out_of_range", "month", "13 is out of range 1-12"),
        Invalid("0 0 * * 7", "out_of_range", "day-of-week", "7 is out of range 0-6"),
        Invalid("0 0 L * *", "invalid_value", "day-of-month", "L is not a number"),
        Invalid("0 0 * * 5#2", "invalid_value", "day-of-week", "5#2 is not a number or a name"),
        Invalid("0 0 * foo *", "invalid_value", "month", "foo is not a number or a name"),
        Invalid("*/0 * * * *", "invalid_step", "minute", "step 0 in */0 is not a positive integer"),
        Invalid("1/2/3 * * * *", "invalid_step", "minute", "too many slashes in 1/2/3"),
        Invalid("10-5 * * * *", "invalid_range", "minute", "10-5 starts after it ends"),
        Invalid("1-2-3 * * * *", "invalid_range", "minute", "too many hyphens in 1-2-3"),
        Invalid("1,,2 * * * *", "invalid_value", "minute", "empty list element in 1,,2"),
        Invalid("-1 * * * *", "invalid_value", "minute", "an empty value is not a number"),
        Invalid("+5 * * * *", "invalid_value", "minute", "+5 is not a number"),
        Invalid("@every 1h", "unknown_macro", nil, "unknown macro @every 1h (expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly)"),
        Invalid("TZ=Europe/Paris 0 2 * * *", "time_zone_in_schedule", nil, "a time zone in the schedule is not accepted; set spec.timeZone instead"),
    ])
    func invalidSchedulesNameWhatIsWrong(_ invalid: Invalid) {
        do {
            let parsed = try CronSchedule(parsing: invalid.text)
            Issue.record("\(invalid.text) parsed as \(parsed)")
        } catch {
            #expect(error.code == invalid.code, "\(invalid.text)")
            #expect(error.field == invalid.field, "\(invalid.text)")
            #expect(error.detail == invalid.detail, "\(invalid.text)")
        }
    }

    /// Days from 1614 (Foundation's Gregorian calendar is Julian before 1582) to 4160.
    @Test func civilCalendarMatchesFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        for days in stride(from: Int64(-130_000), through: 800_000, by: 997) {
            let date = Date(timeIntervalSince1970: TimeInterval(days * 86_400))
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            let civil = CronSchedule.civilDate(fromDays: days)
            #expect(Int(civil.year) == parts.year && civil.month == parts.month && civil.day == parts.day, "\(days)")
            #expect(CronSchedule.weekday(ofDays: days) + 1 == parts.weekday, "\(days)")
        }
    }
}

