import Dispatch
import Synchronization
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
            Self.ignoreDefaultActionOnce(number)
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

    /// Signals whose default action was already replaced in this process.
    private static let ignored = Mutex<Set<Int32>>([])

    /// Sets `SIG_IGN` the first time only: libdispatch installs its own handler when the first source for a
    /// signal starts, and a later `signal(SIG_IGN)` would discard the signal for every source (a process
    /// such as `dev`, which hosts the controller and listens itself, has two).
    private static func ignoreDefaultActionOnce(_ number: Int32) {
        let first = ignored.withLock { $0.insert(number).inserted }
        if first { signal(number, SIG_IGN) }
    }

    /// Stops listening.
    public func stop() { sources.forEach { $0.cancel() } }
}
