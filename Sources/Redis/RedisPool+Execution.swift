import Logging

extension RedisPool {
    /// Runs one job on `slot` (on its queue): reconnect if needed, send, convert. The caller resumes the
    /// returned completion only after handing the slot back, so a follow-up request can reuse it at once.
    func run(_ job: PoolJob, on slot: PoolSlot, checkStale: Bool) -> PoolCompletion {
        if checkStale, let connection = slot.connection, connection.isStale {
            discard(slot, reason: "stale")
        }
        let connection: HiredisConnection
        switch connectIfNeeded(slot, for: job) {
        case .success(let live): connection = live
        case .failure(let error): return .failed(job, error)
        }
        switch job {
        case .single(let command, let continuation):
            do {
                let reply = try connection.execute(command)
                if case .error(let message) = reply {
                    metrics.serverError.increment()
                    return .failed(job, RedisError(kind: .server, message: message))
                }
                metrics.success.increment()
                return .value(reply, continuation)
            } catch {
                commandFailed(error, slot: slot, command: command.name, count: 1)
                return .failed(job, error)
            }
        case .batch(let commands, let continuation):
            do {
                let replies = try connection.pipeline(commands)
                var errors = 0
                for reply in replies { if case .error = reply { errors += 1 } }
                if errors > 0 { metrics.serverError.increment(by: errors) }
                metrics.success.increment(by: replies.count - errors)
                return .values(replies, continuation)
            } catch {
                commandFailed(error, slot: slot, command: "pipeline", count: commands.count)
                return .failed(job, error)
            }
        }
    }

    /// Returns the slot's live connection, connecting first if allowed.
    private func connectIfNeeded(_ slot: PoolSlot, for job: PoolJob) -> Result<HiredisConnection, RedisError> {
        if let connection = slot.connection { return .success(connection) }
        let permission = state.withLock { $0.connectPermission(now: Self.uptime()) }
        if case .denied(let error) = permission {
            metrics.recordFailure(error, count: job.commandCount)
            return .failure(error)
        }
        do {
            let connection = try HiredisConnection.connect(configuration)
            slot.connection = connection
            let (recovered, open) = state.withLock { state -> (Bool, Int) in
                let wasDown = state.reconnectNotBefore != nil
                state.connectSucceeded()
                return (wasDown, state.openConnections)
            }
            metrics.connectSuccess.increment()
            metrics.open.record(open)
            if recovered { logger.info("Redis connection restored") }
            return .success(connection)
        } catch {
            let waiters = state.withLock { $0.connectFailed(error, now: Self.uptime(), backoff: backoffNanos) }
            metrics.connectFailure.increment()
            logger.warning("Redis connect failed", metadata: [
                "redis.error.kind": "\(error.kind.rawValue)",
                "redis.error": "\(error.message)",
            ])
            metrics.recordFailure(error, count: job.commandCount)
            let fast = RedisError(kind: .connection, message: "Redis unavailable: \(error.message)")
            for waiter in waiters {
                metrics.recordFailure(fast, count: waiter.job.commandCount)
                waiter.job.fail(fast)
            }
            return .failure(error)
        }
    }

    /// Discards the connection after an I/O error or timeout so it is never reused.
    private func commandFailed(_ error: RedisError, slot: PoolSlot, command: String, count: Int) {
        metrics.recordFailure(error, count: count)
        logger.warning("Redis command failed; discarding connection", metadata: [
            "redis.command": "\(command)",
            "redis.error.kind": "\(error.kind.rawValue)",
            "redis.error": "\(error.message)",
        ])
        discard(slot, reason: nil)
    }

    /// Closes the slot's connection (on its queue) and updates the open count.
    func discard(_ slot: PoolSlot, reason: String?) {
        guard slot.connection != nil else { return }
        slot.connection = nil
        let open = state.withLock { state -> Int in
            state.openConnections -= 1
            return state.openConnections
        }
        metrics.open.record(open)
        if let reason { logger.debug("Redis connection discarded", metadata: ["redis.reason": "\(reason)"]) }
    }
}
