#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// Renders one log record as one line (with its trailing newline) in either `LogFormat`.
public enum LogLineFormatter {
    /// One record, metadata already merged (handler, provider, call site; later wins).
    public struct Record: Sendable {
        /// When the record was made (wall clock).
        public var time: timespec
        /// Severity.
        public var level: Logger.Level
        /// The logger's label.
        public var label: String
        /// The message.
        public var message: String
        /// The module that logged.
        public var source: String
        /// Merged metadata.
        public var metadata: Logger.Metadata

        /// Creates a record.
        public init(time: timespec, level: Logger.Level, label: String, message: String, source: String, metadata: Logger.Metadata) {
            self.time = time
            self.level = level
            self.label = label
            self.message = message
            self.source = source
            self.metadata = metadata
        }
    }

    /// The current wall-clock time.
    public static func now() -> timespec {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return spec
    }

    /// Renders `record` in `format`.
    public static func line(_ record: Record, format: LogFormat) -> String {
        switch format {
        case .text: text(record)
        case .json: json(record)
        }
    }

    /// swift-log's `StreamLogHandler` line: `2026-11-24T00:02:56+0000 info LABEL: key=value [SOURCE] MESSAGE`
    /// (local time, metadata keys sorted).
    public static func text(_ record: Record) -> String {
        var line = "\(timestamp(record.time, pattern: "%Y-%m-%dT%H:%M:%S%z", utc: false)) \(record.level)"
        line += "\(record.label.isEmpty ? "" : " ")\(record.label):"
        for (key, value) in record.metadata.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        line += " [\(record.source)] \(record.message)\n"
        return line
    }

    /// One JSON object: `{"time":"2026-11-24T00:02:56.123Z","level":"info","logger":LABEL,"message":...,
    /// "source":MODULE,"metadata":{...}}`. Time is UTC (RFC 3339, milliseconds). Metadata is nested under
    /// `metadata` (keys sorted; omitted when empty) so no key can shadow the fixed fields; nested
    /// dictionaries and arrays stay JSON objects and arrays, every other value is a string.
    public static func json(_ record: Record) -> String {
        let milliseconds = Int(record.time.tv_nsec) / 1_000_000
        let fraction = milliseconds < 10 ? "00\(milliseconds)" : (milliseconds < 100 ? "0\(milliseconds)" : "\(milliseconds)")
        var line = "{\"time\":\"\(timestamp(record.time, pattern: "%Y-%m-%dT%H:%M:%S", utc: true)).\(fraction)Z\""
        line += ",\"level\":\"\(record.level.rawValue)\",\"logger\":"
        appendString(record.label, to: &line)
        line += ",\"message\":"
        appendString(record.message, to: &line)
        line += ",\"source\":"
        appendString(record.source, to: &line)
        if !record.metadata.isEmpty {
            line += ",\"metadata\":"
            appendObject(record.metadata, to: &line)
        }
        line += "}\n"
        return line
    }

    private static func appendObject(_ metadata: Logger.Metadata, to line: inout String) {
        line += "{"
        for (index, (key, value)) in metadata.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { line += "," }
            appendString(key, to: &line)
            line += ":"
            appendValue(value, to: &line)
        }
        line += "}"
    }

    private static func appendValue(_ value: Logger.MetadataValue, to line: inout String) {
        switch value {
        case .string(let text): appendString(text, to: &line)
        case .stringConvertible(let convertible): appendString(convertible.description, to: &line)
        case .dictionary(let dictionary): appendObject(dictionary, to: &line)
        case .array(let values):
            line += "["
            for (index, element) in values.enumerated() {
                if index > 0 { line += "," }
                appendValue(element, to: &line)
            }
            line += "]"
        }
    }

    /// Appends `text` as a JSON string literal (RFC 8259 escaping; non-ASCII stays UTF-8).
    static func appendString(_ text: String, to line: inout String) {
        line += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: line.unicodeScalars.append(scalar)
            }
        }
        line += "\""
    }

    /// `time` formatted by strftime in UTC or local time.
    private static func timestamp(_ time: timespec, pattern: String, utc: Bool) -> String {
        var seconds = time.tv_sec
        var parts = tm()
        let converted = utc ? gmtime_r(&seconds, &parts) : localtime_r(&seconds, &parts)
        guard converted != nil else { return "<unknown>" }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
