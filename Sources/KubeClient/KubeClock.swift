import Foundation
import Synchronization

/// Time source for backoff, leases and queues; tests inject `ManualKubeClock` so nothing sleeps for real.
public protocol KubeClock: Sendable {
    /// Monotonic time since an arbitrary origin.
    var uptime: Duration { get }
    /// Wall-clock time (for Lease and Event timestamps).
    var wallNow: Date { get }
    /// Suspends for a duration (throws CancellationError when cancelled).
    func sleep(for duration: Duration) async throws
}

/// The real clock.
public struct SystemKubeClock: KubeClock {
    private let origin = ContinuousClock.now
    /// Creates the real clock.
    public init() {}
    /// Monotonic time since this clock was created.
    public var uptime: Duration { ContinuousClock.now - origin }
    /// Current wall-clock time.
    public var wallNow: Date { Date() }
    /// Sleeps on the continuous clock.
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}

/// A clock that only moves when `advance(by:)` is called; sleepers wake when their deadline passes.
public final class ManualKubeClock: KubeClock {
    private struct Sleeper {
        let deadline: Duration
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }
    private struct State {
        var now: Duration = .zero
        var wallOrigin: Date
        var sleepers: [Sleeper] = []
        var nextID: UInt64 = 0
    }
    private let state: Mutex<State>

    /// Creates a manual clock starting at the given wall time.
    public init(wallOrigin: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        state = Mutex(State(wallOrigin: wallOrigin))
    }

    /// Current manual time.
    public var uptime: Duration { state.withLock { $0.now } }
    /// Wall origin plus manual time.
    public var wallNow: Date {
        state.withLock { $0.wallOrigin.addingTimeInterval(Double($0.now.components.seconds) + Double($0.now.components.attoseconds) / 1e18) }
    }
    /// Number of tasks currently sleeping on this clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// Suspends until the clock is advanced past now + duration.
    public func sleep(for duration: Duration) async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let wakeNow = state.withLock { state -> Bool in
                    if duration <= .zero { return true }
                    if Task.isCancelled { return true }
                    state.sleepers.append(Sleeper(deadline: state.now + duration, id: id, continuation: continuation))
                    return false
                }
                if wakeNow { continuation.resume() }
            }
        } onCancel: {
            let cancelled = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
        try Task.checkCancellation()
    }

    /// Moves time forward and wakes every sleeper whose deadline has passed.
    public func advance(by duration: Duration) {
        let due = state.withLock { state -> [Sleeper] in
            state.now += duration
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }
}
