import Foundation
import Synchronization

/// A bounded in-memory log of served requests (a ring buffer; the oldest entries are dropped and counted).
public final class RequestLog: Sendable {
    private struct Ring {
        var items: [RequestRecord] = []
        var start = 0
        var dropped: Int64 = 0
    }

    /// Maximum number of entries kept.
    public let capacity: Int
    private let state = Mutex(Ring())

    /// Creates a log keeping at most `capacity` entries (at least 1).
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Appends a record, dropping the oldest one when full.
    public func append(_ record: RequestRecord) {
        state.withLock { ring in
            if ring.items.count < capacity {
                ring.items.append(record)
            } else {
                ring.items[ring.start] = record
                ring.start = (ring.start + 1) % capacity
                ring.dropped += 1
            }
        }
    }

    /// The retained records, oldest first.
    public func entries() -> [RequestRecord] {
        state.withLock { ring in Array(ring.items[ring.start...] + ring.items[..<ring.start]) }
    }

    /// How many records were dropped because the log was full (since start or the last `clear`).
    public var dropped: Int64 { state.withLock { $0.dropped } }

    /// Removes every record and resets the dropped counter.
    public func clear() {
        state.withLock { $0 = Ring() }
    }
}
