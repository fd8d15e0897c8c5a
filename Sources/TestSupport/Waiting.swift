#if canImport(Glibc)
import Glibc
#endif

/// Runs `body`, then awaits `cleanup` before returning, whether `body` returned or threw: cleanup that
/// is part of the test, unlike a `defer { Task { ... } }` that runs after the test has finished.
public func withCleanup<T>(_ cleanup: () async -> Void, _ body: () async throws -> T) async rethrows -> T {
    let result: T
    do {
        result = try await body()
    } catch {
        await cleanup()
        throw error
    }
    await cleanup()
    return result
}

/// Checks `condition` every `interval` until it holds or `timeout` has passed; returns whether it held.
/// The way to wait for something to happen instead of sleeping a fixed time and hoping it did.
public func pollUntil(timeout: Duration = .seconds(10), interval: Duration = .milliseconds(5),
                      _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return try await condition()
}

/// `pollUntil` for threads outside Swift concurrency (e.g. a fake server's handler): blocks the caller.
public func pollUntilBlocking(timeout: Duration = .seconds(10), interval: Duration = .milliseconds(5),
                              _ condition: () -> Bool) -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if condition() { return true }
        let (seconds, attoseconds) = interval.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        _ = nanosleep(&request, nil)
    }
    return condition()
}
