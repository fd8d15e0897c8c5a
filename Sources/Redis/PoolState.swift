/// The pool's mutable state, always accessed under the pool's mutex.
struct PoolState {
    /// Slots not running a job (LIFO so warm connections are reused first).
    var idle: [PoolSlot] = []
    /// Every slot ever created (at most `maxConnections`).
    var slots: [PoolSlot] = []
    /// Jobs waiting for a slot.
    var waiters = WaiterQueue()
    /// Slots currently running a job.
    var inUse = 0
    /// Slots holding a live connection.
    var openConnections = 0
    /// Set by shutdown; every later request fails with `.closed`.
    var isShutdown = false
    /// Whether a waiter-timeout sweep is scheduled.
    var sweepScheduled = false
    /// Connect circuit breaker: after a failed connect, no new connect before this uptime (ns).
    var reconnectNotBefore: UInt64?
    /// True while one caller probes Redis after the backoff expired (others keep failing fast).
    var probing = false
    /// The last connect error, reported by fail-fast errors.
    var lastConnectError: RedisError?

    /// The outcome of asking to open a connection.
    enum ConnectPermission {
        case allowed
        case denied(RedisError)
    }

    /// Whether new connections are currently refused because Redis was found down.
    func isFailingFast(now: UInt64) -> Bool {
        guard let notBefore = reconnectNotBefore else { return false }
        return now < notBefore || probing
    }

    /// The error fail-fast callers get while Redis is considered down.
    func failFastError() -> RedisError {
        let reason = lastConnectError?.message ?? "unknown"
        return RedisError(kind: .connection, message: "Redis unavailable, waiting to reconnect (last connect error: \(reason))")
    }

    /// Decides whether a slot may connect now; the first caller after the backoff becomes the probe.
    mutating func connectPermission(now: UInt64) -> ConnectPermission {
        if isShutdown { return .denied(RedisPool.closedError) }
        guard let notBefore = reconnectNotBefore else { return .allowed }
        if now < notBefore || probing { return .denied(failFastError()) }
        probing = true
        return .allowed
    }

    /// Records a successful connect: the breaker closes.
    mutating func connectSucceeded() {
        reconnectNotBefore = nil
        probing = false
        lastConnectError = nil
        openConnections += 1
    }

    /// Records a failed connect: the breaker opens for `backoff` and every waiter is handed back.
    mutating func connectFailed(_ error: RedisError, now: UInt64, backoff: UInt64) -> [PoolWaiter] {
        reconnectNotBefore = now &+ backoff
        probing = false
        lastConnectError = error
        return waiters.removeAll()
    }
}
