import Foundation
import Logging

/// The CLI's stderr log handler: the same line as swift-log's `StreamLogHandler`
/// (`TIMESTAMP LEVEL LABEL: key=value ... [SOURCE] MESSAGE`), but metadata is rendered only when a line is
/// actually written. `StreamLogHandler` re-renders its whole metadata dictionary every time a key is set;
/// Hummingbird sets a request id on every request, so at `warning` level that was ~3 % of the data
/// plane's CPU for lines never printed.
struct StderrLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var line = "\(Self.timestamp()) \(event.level)\(label.isEmpty ? "" : " ")\(label):"
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        line += " [\(event.source)] \(event.message)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Local time as `2026-11-24T00:02:56+0000`, like `StreamLogHandler`.
    private static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return "<unknown>" }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
