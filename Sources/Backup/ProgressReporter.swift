import Foundation
import Synchronization

/// Progress on stderr: a redrawn bar (bytes, rate, ETA) on a terminal, JSON lines otherwise.
public final class ProgressReporter: Sendable {
    private struct State {
        var phase = ""
        var phaseStart = Date()
        var lastEmit = Date.distantPast
    }

    private let isTerminal: Bool
    private let state = Mutex(State())

    /// `isTerminal` selects the bar (true) or JSON lines (false).
    public init(isTerminal: Bool) { self.isTerminal = isTerminal }

    /// A reporter that decides by whether stderr is a terminal.
    public static func forStandardError() -> ProgressReporter { ProgressReporter(isTerminal: isatty(2) == 1) }

    /// Reports progress of `phase`; throttled to a few updates per second.
    func update(phase: String, bytes: Int64, total: Int64?) {
        let now = Date()
        let line: String? = state.withLock { s in
            if s.phase != phase { s.phase = phase; s.phaseStart = now; s.lastEmit = .distantPast }
            guard now.timeIntervalSince(s.lastEmit) >= (isTerminal ? 0.2 : 1.0) else { return nil }
            s.lastEmit = now
            let elapsed = max(now.timeIntervalSince(s.phaseStart), 0.001)
            let rate = Double(bytes) / elapsed
            var eta: Double?
            if let total, total > 0, rate > 0 { eta = max(0, Double(total - bytes) / rate) }
            return render(phase: phase, bytes: bytes, total: total, rate: rate, eta: eta)
        }
        if let line { emit(line) }
    }

    /// Reports a phase change or other milestone.
    func event(_ name: String, _ fields: [String: String] = [:]) {
        if isTerminal {
            let details = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            emit("\r\u{1B}[K\(name) \(details)\n")
        } else {
            var object: [String: String] = fields
            object["event"] = name
            object["time"] = ISO8601DateFormatter().string(from: Date())
            emit(Self.jsonLine(object))
        }
    }

    private func render(phase: String, bytes: Int64, total: Int64?, rate: Double, eta: Double?) -> String {
        if isTerminal {
            var text = "\r\u{1B}[K\(phase): \(Self.human(Double(bytes)))"
            if let total, total > 0 {
                let fraction = min(1, Double(bytes) / Double(total))
                let filled = Int(fraction * 20)
                text += " / \(Self.human(Double(total))) [" + String(repeating: "#", count: filled)
                    + String(repeating: ".", count: 20 - filled) + "]"
            }
            text += " \(Self.human(rate))/s"
            if let eta { text += " ETA \(Int(eta.rounded()))s" }
            return text
        }
        var object: [String: String] = ["event": "progress", "phase": phase, "bytes": String(bytes),
                                        "bytes_per_second": String(Int64(rate))]
        if let total { object["total_bytes"] = String(total) }
        if let eta { object["eta_seconds"] = String(Int(eta.rounded())) }
        return Self.jsonLine(object)
    }

    private func emit(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    private static func jsonLine(_ object: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(object)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// 1.5 MB style sizes.
    static func human(_ value: Double) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var v = value
        var i = 0
        while v >= 1024, i < units.count - 1 { v /= 1024; i += 1 }
        return i == 0 ? "\(Int(v)) B" : String(format: "%.1f", v) + " " + units[i]
    }
}
