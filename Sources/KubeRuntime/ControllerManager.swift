import KubeClient
import Logging
import Synchronization

/// Runs informers and controllers together (controller-runtime's manager): informers start first,
/// controllers start once every informer has synced; cancellation stops everything.
public final class ControllerManager: Sendable {
    private struct Parts {
        var informers: [(run: @Sendable () async -> Void, waitForSync: @Sendable () async -> Void, hasSynced: @Sendable () -> Bool)] = []
        var controllers: [Controller] = []
    }
    private let parts = Mutex(Parts())
    private let started = Atomic<Bool>(false)
    private let logger: Logger

    /// Creates an empty manager.
    public init(logger: Logger = Logger(label: "filewallball.manager")) { self.logger = logger }

    /// Adds an informer (start it through the manager).
    public func add<R: KubeObject>(_ informer: Informer<R>) {
        parts.withLock { $0.informers.append((run: { await informer.run() }, waitForSync: { await informer.waitForSync() }, hasSynced: { informer.hasSynced })) }
    }

    /// Adds a controller.
    public func add(_ controller: Controller) { parts.withLock { $0.controllers.append(controller) } }

    /// True once running with every informer synced (the readiness signal).
    public var isReady: Bool {
        started.load(ordering: .acquiring) && parts.withLock { $0.informers.allSatisfy { $0.hasSynced() } }
    }

    /// Runs until the task is cancelled.
    public func run() async {
        let snapshot = parts.withLock { $0 }
        await withDiscardingTaskGroup { group in
            for informer in snapshot.informers { group.addTask { await informer.run() } }
            group.addTask {
                for informer in snapshot.informers { await informer.waitForSync() }
                self.started.store(true, ordering: .releasing)
                self.logger.info("caches synced; starting controllers", metadata: ["controllers": "\(snapshot.controllers.count)"])
                await withDiscardingTaskGroup { controllers in
                    for controller in snapshot.controllers { controllers.addTask { await controller.run() } }
                    // Keep running (and ready) even with no controllers until cancelled.
                    controllers.addTask {
                        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
                    }
                }
            }
        }
        started.store(false, ordering: .releasing)
    }
}
