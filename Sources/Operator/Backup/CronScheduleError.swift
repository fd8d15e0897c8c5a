/// Why a cron schedule or its time zone is not accepted; `description` is meant for a condition message.
public struct CronScheduleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable code: `empty`, `time_zone_in_schedule`, `unknown_macro`, `field_count`, `invalid_value`,
    /// `out_of_range`, `invalid_range`, `invalid_step` or `unknown_time_zone`.
    public var code: String
    /// The field at fault (`minute`, `hour`, `day-of-month`, `month`, `day-of-week`), if one is.
    public var field: String?
    /// What is wrong.
    public var detail: String

    /// Creates an error.
    public init(code: String, field: String? = nil, detail: String) {
        self.code = code
        self.field = field
        self.detail = detail
    }

    /// `field: detail`, or just the detail.
    public var description: String { field.map { "\($0): \(detail)" } ?? detail }
}
