import Foundation
import Synchronization

/// A source of the current time, injectable so tests control CronJob schedules and timestamps.
public protocol KubeSimClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The wall clock.
public struct SystemKubeSimClock: KubeSimClock {
    /// Creates the wall clock.
    public init() {}
    /// The current time.
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to.
public final class ManualKubeSimClock: KubeSimClock {
    private let current: Mutex<Date>

    /// Creates a manual clock at a start time.
    public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        current = Mutex(start)
    }

    /// The current time.
    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// Sets the clock.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
