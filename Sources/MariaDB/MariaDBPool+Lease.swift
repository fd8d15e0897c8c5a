import Dispatch
import Metrics

extension MariaDBPool {
    /// Takes an idle connection, opens a new one within the bound, or waits up to `acquireTimeout`.
    func acquire() async throws -> MariaDBConnection {
        let start = ContinuousClock.now
        let immediate: Result<PoolGrant, MariaDBError>? = state.withLock { state in
            if state.isShutdown { return .failure(MariaDBError(kind: .closed, message: "pool is shut down")) }
            return state.takeImmediately(maxConnections: maxConnections).map { .success($0) }
        }
        var grant: PoolGrant
        switch immediate {
        case .success(let granted)?: grant = granted
        case .failure(let error)?: throw error
        case nil: grant = try await waitForGrant()
        }
        recordInUse()
        while true {
            switch grant {
            case .connection(let connection, let lastUsed):
                let fresh = ContinuousClock.now - lastUsed <= idlePingInterval
                if fresh { acquireTimer.recordInterval(since: start); return connection }
                if await connection.ping() {
                    acquireTimer.recordInterval(since: start)
                    return connection
                }
                logger.debug("mariadb idle connection failed ping; replacing")
                connection.closeInBackground()
                grant = .slot
            case .slot:
                do {
                    let connection = try await MariaDBConnection.connect(configuration: configuration, logger: logger)
                    acquireTimer.recordInterval(since: start)
                    return connection
                } catch {
                    releaseSlot()
                    throw error
                }
            }
        }
    }

    private func waitForGrant() async throws -> PoolGrant {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiterID &+= 1
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<PoolGrant, any Error>) in
                let outcome: Result<PoolGrant, any Error>? = state.withLock { state in
                    if state.isShutdown { return .failure(MariaDBError(kind: .closed, message: "pool is shut down")) }
                    if let grant = state.takeImmediately(maxConnections: maxConnections) { return .success(grant) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiters.append(PoolWaiter(id: id, continuation: continuation))
                    return nil
                }
                if let outcome {
                    continuation.resume(with: outcome)
                    return
                }
                let timeout = acquireTimeout
                DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(Self.nanoseconds(timeout)))) {
                    [weak self] in
                    self?.failWaiter(id: id, with: MariaDBError(
                        kind: .poolExhausted, message: "no MariaDB connection free within \(timeout)"))
                }
            }
        } onCancel: {
            failWaiter(id: id, with: CancellationError())
        }
    }

    private func failWaiter(id: UInt64, with error: any Error) {
        if let waiter = state.withLock({ $0.removeWaiter(id: id) }) {
            if let error = error as? MariaDBError, error.kind == .poolExhausted {
                logger.warning("mariadb pool exhausted", metadata: ["mariadb.pool_max": "\(maxConnections)"])
            }
            waiter.continuation.resume(throwing: error)
        }
    }

    /// Returns a connection: to the oldest waiter, to the idle list, or closed when broken.
    func release(_ connection: MariaDBConnection) {
        let broken = connection.isBroken
        let now = ContinuousClock.now
        let (waiter, grant, discarded): (PoolWaiter?, PoolGrant?, [MariaDBConnection]) = state.withLock { state in
            if state.isShutdown {
                state.leased -= 1
                return (nil, nil, [connection])
            }
            if broken {
                // The server likely went away for every idle connection too: drop them all.
                let stale = state.idle.map(\.connection)
                state.idle.removeAll()
                if !state.waiters.isEmpty { return (state.waiters.removeFirst(), .slot, [connection] + stale) }
                state.leased -= 1
                return (nil, nil, [connection] + stale)
            }
            if !state.waiters.isEmpty {
                return (state.waiters.removeFirst(), .connection(connection, lastUsed: now), [])
            }
            state.leased -= 1
            state.idle.append(IdleConnection(connection: connection, lastUsed: now))
            return (nil, nil, [])
        }
        for stale in discarded { stale.closeInBackground() }
        if let waiter, let grant { waiter.continuation.resume(returning: grant) }
        recordInUse()
    }

    /// Gives back a slot whose connect failed: to the oldest waiter (who will try to connect) or to the bound.
    private func releaseSlot() {
        let waiter: PoolWaiter? = state.withLock { state in
            if !state.isShutdown, !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.leased -= 1
            return nil
        }
        waiter?.continuation.resume(returning: .slot)
        recordInUse()
    }

    private func recordInUse() {
        inUseGauge.record(state.withLock { $0.leased })
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

extension Timer {
    /// Records the time elapsed since `start`.
    func recordInterval(since start: ContinuousClock.Instant) {
        recordNanoseconds(MariaDBPool.nanoseconds(ContinuousClock.now - start))
    }
}
