/// What a waiter for a pool connection is given.
enum PoolGrant: Sendable {
    /// An open connection and when it was last returned.
    case connection(MariaDBConnection, lastUsed: ContinuousClock.Instant)
    /// Permission to open a new connection (counts against the bound).
    case slot
}

/// A task waiting for a connection.
struct PoolWaiter {
    let id: UInt64
    let continuation: UnsafeContinuation<PoolGrant, any Error>
}

/// An idle connection and when it was returned.
struct IdleConnection {
    let connection: MariaDBConnection
    let lastUsed: ContinuousClock.Instant
}

/// The pool's mutable bookkeeping, guarded by a Mutex; never held across an await.
struct PoolState {
    /// Idle connections, most recently used last.
    var idle: [IdleConnection] = []
    /// Connections handed out or being opened (plus slots granted to waiters).
    var leased = 0
    /// Tasks waiting, oldest first.
    var waiters: [PoolWaiter] = []
    var nextWaiterID: UInt64 = 0
    var isShutdown = false

    /// Takes an idle connection or a free slot, if any.
    mutating func takeImmediately(maxConnections: Int) -> PoolGrant? {
        if let entry = idle.popLast() {
            leased += 1
            return .connection(entry.connection, lastUsed: entry.lastUsed)
        }
        if idle.count + leased < maxConnections {
            leased += 1
            return .slot
        }
        return nil
    }

    /// Removes the waiter with `id`, if still waiting.
    mutating func removeWaiter(id: UInt64) -> PoolWaiter? {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index)
    }
}
