import Foundation

/// Calendar fields of a UTC instant with microseconds, as DATETIME(6) stores them.
struct UTCDateFields: Equatable {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, microsecond: Int
}

/// Date <-> UTC civil fields without Calendar (fast, allocation-free, proleptic Gregorian).
enum UTCDateConversion {
    /// Days from 1970-01-01 to the given civil date.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Civil date of a day count since 1970-01-01.
    static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// UTC fields of a date, rounded to the microsecond.
    static func fields(of date: Date) -> UTCDateFields {
        let totalMicroseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        var seconds = totalMicroseconds / 1_000_000
        var micros = totalMicroseconds % 1_000_000
        if micros < 0 { micros += 1_000_000; seconds -= 1 }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let civil = civilDate(daysSinceEpoch: Int(days))
        return UTCDateFields(year: civil.year, month: civil.month, day: civil.day,
                             hour: Int(secondOfDay / 3600), minute: Int(secondOfDay % 3600 / 60),
                             second: Int(secondOfDay % 60), microsecond: Int(micros))
    }

    /// The instant the UTC fields denote.
    static func date(from fields: UTCDateFields) -> Date {
        let days = Int64(daysSinceEpoch(year: fields.year, month: fields.month, day: fields.day))
        let seconds = days * 86_400 + Int64(fields.hour * 3600 + fields.minute * 60 + fields.second)
        // Split whole seconds and microseconds so the Double keeps full microsecond precision.
        return Date(timeIntervalSince1970: Double(seconds) + Double(fields.microsecond) / 1_000_000)
    }
}
