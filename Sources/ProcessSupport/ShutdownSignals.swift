import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM/SIGINT handling shared by the long-running subcommands: the default actions are
/// ignored, and each signal is delivered to `onSignal` (on a private queue) and to `wait()`.
public final class ShutdownSignals: Sendable {
    private let stream: AsyncStream<Int32>
    // Safety: set once in init, never mutated; DispatchSource.cancel() may be called from any thread.
    nonisolated(unsafe) private let sources: [any DispatchSourceSignal]

    /// Starts listening; `onSignal` runs for every SIGTERM or SIGINT received.
    public init(onSignal: (@Sendable (Int32) -> Void)? = nil) {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        self.stream = stream
        let queue = DispatchQueue(label: "filewallball.signals")
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                onSignal?(number)
                continuation.yield(number)
            }
            source.resume()
            return source
        }
    }

    /// Returns at the first signal.
    public func wait() async {
        for await _ in stream { return }
    }

    /// Stops listening.
    public func stop() { sources.forEach { $0.cancel() } }
}
