import KubeClient
import Logging
import Synchronization

/// Runs informers and controllers together (controller-runtime's manager): informers start first,
/// controllers start once every informer has synced; cancellation stops everything.
///
/// # Readiness
/// `isReady` is true while the caches run, every readiness check (e.g. "the API server answers") has
/// passed once, and every informer registered so far has applied its first list. With no informers it
/// still means something: the checks passed. Controllers are not part of it: under leader election only
/// the leader runs them (`runControllers()`), while every replica runs the caches (`runCaches()`), so a
/// standby whose caches synced is ready, as with controller-runtime, and can take over without a cold start.
public final class ControllerManager: Sendable {
    private struct Parts {
        var informers: [(run: @Sendable () async -> Void, waitForSync: @Sendable () async -> Void, hasSynced: @Sendable () -> Bool)] = []
        var controllers: [Controller] = []
        var checks: [(name: String, check: @Sendable () async throws -> Void)] = []
    }
    private let parts = Mutex(Parts())
    private let cachesRunning = Atomic<Bool>(false)
    private let checksPassed = Atomic<Bool>(false)
    private let clock: any KubeClock
    private let logger: Logger

    /// Creates an empty manager; `clock` paces the retries of readiness checks.
    public init(clock: any KubeClock = SystemKubeClock(), logger: Logger = Logger(label: "filewallball.manager")) {
        self.clock = clock
        self.logger = logger
    }

    /// Adds an informer (start it through the manager).
    public func add<R: KubeObject>(_ informer: Informer<R>) {
        parts.withLock { $0.informers.append((run: { await informer.run() }, waitForSync: { await informer.waitForSync() }, hasSynced: { informer.hasSynced })) }
    }

    /// Adds a controller.
    public func add(_ controller: Controller) { parts.withLock { $0.controllers.append(controller) } }

    /// Adds a check that must succeed once before the manager is ready; it is retried with backoff
    /// (0.5 s doubling to 10 s) while it throws.
    public func addReadinessCheck(_ name: String, _ check: @escaping @Sendable () async throws -> Void) {
        parts.withLock { $0.checks.append((name: name, check: check)) }
    }

    /// True while the caches run, once every readiness check has passed and every informer has synced.
    public var isReady: Bool {
        cachesRunning.load(ordering: .acquiring) && checksPassed.load(ordering: .acquiring)
            && parts.withLock { $0.informers.allSatisfy { $0.hasSynced() } }
    }

    /// Runs caches and controllers until the task is cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.runCaches() }
            group.addTask { await self.runControllers() }
        }
    }

    /// Runs the readiness checks and every informer until the task is cancelled (every replica's part).
    public func runCaches() async {
        let snapshot = parts.withLock { $0 }
        checksPassed.store(snapshot.checks.isEmpty, ordering: .releasing)
        cachesRunning.store(true, ordering: .releasing)
        await withDiscardingTaskGroup { group in
            for informer in snapshot.informers { group.addTask { await informer.run() } }
            group.addTask {
                for entry in snapshot.checks {
                    guard await self.passOnce(entry.name, entry.check) else { return }
                }
                self.checksPassed.store(true, ordering: .releasing)
            }
            // Keep running (and ready) even with no informers until cancelled.
            group.addTask { await self.idleUntilCancelled() }
        }
        cachesRunning.store(false, ordering: .releasing)
    }

    /// Waits until every informer has synced, then runs the controllers until the task is cancelled (the
    /// leader's part; the caches must be running, through `runCaches()` or `run()`).
    public func runControllers() async {
        let snapshot = parts.withLock { $0 }
        for informer in snapshot.informers { await informer.waitForSync() }
        guard !Task.isCancelled else { return }
        logger.info("caches synced; starting controllers", metadata: ["controllers": "\(snapshot.controllers.count)"])
        await withDiscardingTaskGroup { controllers in
            for controller in snapshot.controllers { controllers.addTask { await controller.run() } }
            // Keep running even with no controllers until cancelled.
            controllers.addTask { await self.idleUntilCancelled() }
        }
    }

    private func idleUntilCancelled() async {
        while !Task.isCancelled { try? await clock.sleep(for: .seconds(3600)) }
    }

    /// Runs `check` until it succeeds (true) or the task is cancelled (false).
    private func passOnce(_ name: String, _ check: @Sendable () async throws -> Void) async -> Bool {
        var delay = Duration.milliseconds(500)
        while !Task.isCancelled {
            do {
                try await check()
                logger.debug("readiness check passed", metadata: ["check": "\(name)"])
                return true
            } catch {
                if Task.isCancelled { return false }
                logger.warning("readiness check failed; retrying", metadata: ["check": "\(name)", "error": "\(error)", "retry.after": "\(delay)"])
            }
            do { try await clock.sleep(for: delay) } catch { return false }
            delay = min(delay * 2, .seconds(10))
        }
        return false
    }
}
