/// One of the five fields of a cron schedule: its bounds, names and parser.
struct CronField: Sendable {
    /// Field name used in errors.
    let name: String
    /// Smallest value.
    let min: Int
    /// Largest value.
    let max: Int
    /// Lower-case names accepted for values (months, days of the week).
    let names: [String: Int]

    static let minute = CronField(name: "minute", min: 0, max: 59, names: [:])
    static let hour = CronField(name: "hour", min: 0, max: 23, names: [:])
    static let dayOfMonth = CronField(name: "day-of-month", min: 1, max: 31, names: [:])
    static let month = CronField(name: "month", min: 1, max: 12, names: [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
        "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ])
    static let dayOfWeek = CronField(name: "day-of-week", min: 0, max: 6, names: [
        "sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6,
    ])

    /// The values of a field and whether it was written unrestricted (`*`/`?` without a step > 1).
    struct Parsed {
        var bits: UInt64 = 0
        var unrestricted = false
    }

    /// Parses a comma-separated list of `*`, `?`, `N`, `N-M`, each optionally followed by `/STEP`.
    func parse(_ text: String) throws(CronScheduleError) -> Parsed {
        var parsed = Parsed()
        for element in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !element.isEmpty else { throw error("invalid_value", "empty list element in \(text)") }
            let parts = element.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw error("invalid_step", "too many slashes in \(element)") }
            let rangeText = String(parts[0])
            let start: Int
            var end: Int
            var star = false
            if rangeText == "*" || rangeText == "?" {
                (start, end, star) = (min, max, true)
            } else {
                let bounds = rangeText.split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count <= 2 else { throw error("invalid_range", "too many hyphens in \(element)") }
                start = try value(String(bounds[0]))
                end = bounds.count == 2 ? try value(String(bounds[1])) : start
                guard start <= end else { throw error("invalid_range", "\(rangeText) starts after it ends") }
            }
            var step = 1
            if parts.count == 2 {
                guard let number = Int(parts[1]), number > 0 else {
                    throw error("invalid_step", "step \(parts[1]) in \(element) is not a positive integer")
                }
                step = number
                // `N/STEP` means N to the field's maximum, as in robfig/cron.
                if !star, !rangeText.contains("-") { end = max }
                if step > 1 { star = false }
            }
            var current = start
            while current <= end {
                parsed.bits |= 1 << UInt64(current)
                current += step
            }
            if star { parsed.unrestricted = true }
        }
        return parsed
    }

    /// A number or name within the field's bounds.
    private func value(_ text: String) throws(CronScheduleError) -> Int {
        if let named = names[text.lowercased()] { return named }
        guard !text.isEmpty, text.allSatisfy(\.isASCII), let number = Int(text), text.allSatisfy(\.isNumber) else {
            throw error("invalid_value", "\(text.isEmpty ? "an empty value" : text) is not a number\(names.isEmpty ? "" : " or a name")")
        }
        guard (min...max).contains(number) else { throw error("out_of_range", "\(number) is out of range \(min)-\(max)") }
        return number
    }

    private func error(_ code: String, _ detail: String) -> CronScheduleError {
        CronScheduleError(code: code, field: name, detail: detail)
    }
}
