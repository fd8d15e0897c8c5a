/// A caller's request waiting for, or running on, a pooled connection.
enum PoolJob: Sendable {
    /// One command; an error reply is thrown.
    case single(RedisCommand, CheckedContinuation<RedisValue, any Error>)
    /// A pipeline; error replies stay in place.
    case batch([RedisCommand], CheckedContinuation<[RedisValue], any Error>)

    /// Number of commands the job sends.
    var commandCount: Int {
        switch self {
        case .single: return 1
        case .batch(let commands, _): return commands.count
        }
    }

    /// Resumes the caller with `error`.
    func fail(_ error: RedisError) {
        switch self {
        case .single(_, let continuation): continuation.resume(throwing: error)
        case .batch(_, let continuation): continuation.resume(throwing: error)
        }
    }
}

/// A job queued until a connection frees up, with its acquire deadline (uptime nanoseconds).
struct PoolWaiter {
    let job: PoolJob
    let deadline: UInt64
}

/// A FIFO of waiters backed by an array with a moving head (no per-operation allocation once warm).
struct WaiterQueue {
    private var storage: [PoolWaiter?] = []
    private var head = 0

    /// Whether no waiter is queued.
    var isEmpty: Bool { head == storage.count }

    /// The oldest waiter's deadline.
    var firstDeadline: UInt64? { isEmpty ? nil : storage[head]?.deadline }

    /// Adds a waiter at the back.
    mutating func append(_ waiter: PoolWaiter) {
        if head > 64 && head * 2 > storage.count {
            storage.removeFirst(head)
            head = 0
        }
        storage.append(waiter)
    }

    /// Removes and returns the oldest waiter.
    mutating func popFirst() -> PoolWaiter? {
        guard !isEmpty else { return nil }
        let waiter = storage[head]
        storage[head] = nil
        head += 1
        if isEmpty {
            storage.removeAll(keepingCapacity: true)
            head = 0
        }
        return waiter
    }

    /// Removes and returns every waiter.
    mutating func removeAll() -> [PoolWaiter] {
        let all = storage[head...].compactMap { $0 }
        storage.removeAll(keepingCapacity: false)
        head = 0
        return all
    }
}

/// The result of running a job, resumed after the slot has been handed back.
enum PoolCompletion {
    case value(RedisValue, CheckedContinuation<RedisValue, any Error>)
    case values([RedisValue], CheckedContinuation<[RedisValue], any Error>)
    case failed(PoolJob, RedisError)

    /// Resumes the waiting caller.
    func resume() {
        switch self {
        case .value(let value, let continuation): continuation.resume(returning: value)
        case .values(let values, let continuation): continuation.resume(returning: values)
        case .failed(let job, let error): job.fail(error)
        }
    }
}
