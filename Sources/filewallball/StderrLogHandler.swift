import Foundation
import Logging

/// A stderr log handler that renders metadata only when a message is actually written.
///
/// swift-log's `StreamLogHandler` re-renders its whole metadata dictionary every time a key is set;
/// Hummingbird sets a request id on every request, so at `warning` level that rendering was ~3 % of
/// the data plane's CPU for lines never printed. Output format: `TIMESTAMP LEVEL LABEL: key=value ... MESSAGE`.
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
        var line = "\(Date().ISO8601Format()) \(event.level) \(label):"
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        line += " \(event.message)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
