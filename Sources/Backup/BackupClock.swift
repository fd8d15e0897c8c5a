import Foundation

/// A source of the current time, injected so retention and naming can be tested without sleeping.
public protocol BackupClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The real wall clock.
public struct SystemBackupClock: BackupClock {
    /// Creates the wall clock.
    public init() {}
    /// The current instant.
    public func now() -> Date { Date() }
}
