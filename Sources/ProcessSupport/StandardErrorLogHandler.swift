#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// The one stderr log handler of every subcommand: one line per record, `text` or `json`.
///
/// Metadata is rendered only when a line is actually written. swift-log's `StreamLogHandler` re-renders its
/// whole metadata dictionary every time a key is set; Hummingbird sets a request id on every request, so
/// at `warning` level that was ~3 % of the data plane's CPU for lines never printed.
public struct StandardErrorLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// Records below this level are dropped.
    public var logLevel: Logger.Level
    /// Text or JSON lines.
    public let format: LogFormat
    /// Metadata set on the logger.
    public var metadata: Logger.Metadata = [:]
    /// Contextual metadata (task-local values and the like).
    public var metadataProvider: Logger.MetadataProvider?

    /// Creates a handler.
    public init(label: String, logLevel: Logger.Level, format: LogFormat, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.logLevel = logLevel
        self.format = format
        self.metadataProvider = metadataProvider
    }

    /// One metadata value of the logger.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the record as one line (a single write(2), so lines from several threads never interleave).
    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let record = LogLineFormatter.Record(time: LogLineFormatter.now(), level: event.level, label: label,
                                             message: "\(event.message)", source: event.source, metadata: merged)
        var line = LogLineFormatter.line(record, format: format)
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDERR_FILENO, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}
