import KubeClient
import Logging
import Metrics

/// Runs a `Reconciler` with N workers over a `WorkQueue`, fed by informers.
public final class Controller: Sendable {
    /// Controller name (metric label, log metadata).
    public let name: String
    /// The queue of keys.
    public let queue: WorkQueue<ReconcileRequest>
    /// Number of concurrent workers.
    public let workers: Int
    private let reconciler: any Reconciler
    private let clock: any KubeClock
    private let metricsFactory: any MetricsFactory
    private let logger: Logger

    /// Creates a controller.
    public init(name: String, reconciler: any Reconciler, workers: Int = 1, clock: any KubeClock = SystemKubeClock(), queue: WorkQueue<ReconcileRequest>? = nil, metricsFactory: any MetricsFactory = MetricsSystem.factory, logger: Logger = Logger(label: "filewallball.controller")) {
        self.name = name
        self.reconciler = reconciler
        self.workers = max(1, workers)
        self.clock = clock
        self.metricsFactory = metricsFactory
        self.queue = queue ?? WorkQueue(name: name, clock: clock, metricsFactory: metricsFactory)
        var logger = logger
        logger[metadataKey: "controller"] = "\(name)"
        self.logger = logger
    }

    /// Enqueues a key by hand.
    public func enqueue(_ request: ReconcileRequest) { queue.add(request) }

    /// Reconciles the objects of this informer themselves (the controller's primary kind).
    public func watches<R: KubeObject>(_ informer: Informer<R>) {
        let queue = self.queue
        informer.addHandler(ResourceEventHandler(
            onAdd: { queue.add(ReconcileRequest(for: $0)) },
            onUpdate: { _, new in queue.add(ReconcileRequest(for: new)) },
            onDelete: { queue.add(ReconcileRequest(for: $0)) }))
    }

    /// Reconciles the owner (by controller ownerReference of the given kind) when an owned object changes.
    public func owns<R: KubeObject>(_ informer: Informer<R>, ownerKind: String, ownerAPIGroup: String) {
        let queue = self.queue
        let enqueueOwner: @Sendable (R) -> Void = { object in
            for request in OwnerMapping.owners(of: object, kind: ownerKind, group: ownerAPIGroup) { queue.add(request) }
        }
        informer.addHandler(ResourceEventHandler(
            onAdd: enqueueOwner,
            onUpdate: { old, new in
                enqueueOwner(old)
                enqueueOwner(new)
            },
            onDelete: enqueueOwner))
    }

    /// Runs the workers until the task is cancelled, then shuts the queue down.
    public func run() async {
        logger.info("controller starting", metadata: ["workers": "\(workers)"])
        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                for _ in 0..<workers {
                    group.addTask { await self.workerLoop() }
                }
            }
        } onCancel: {
            queue.shutDown()
        }
        logger.info("controller stopped")
    }

    private func workerLoop() async {
        while let request = await queue.get() {
            await process(request)
            queue.done(request)
        }
    }

    private func process(_ request: ReconcileRequest) async {
        let started = clock.uptime
        let dimensions = [("controller", name)]
        defer {
            let elapsed = clock.uptime - started
            Metrics.Timer(label: "controller_runtime_reconcile_time_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds, factory: metricsFactory)
                .recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        }
        do {
            let result = try await reconciler.reconcile(request)
            if let after = result.requeueAfter, after > .zero {
                queue.forget(request)
                queue.addAfter(request, delay: after)
                count(result: "requeue_after")
            } else if result.requeue {
                queue.addRateLimited(request)
                count(result: "requeue")
            } else {
                queue.forget(request)
                count(result: "success")
            }
        } catch let error as TerminalReconcileError {
            queue.forget(request)
            count(result: "error")
            Counter(label: "controller_runtime_terminal_reconcile_errors_total", dimensions: dimensions, factory: metricsFactory).increment()
            logger.error("reconcile failed terminally", metadata: ["k8s.key": "\(request)", "error.code": "\(error.code)"])
        } catch {
            queue.addRateLimited(request)
            count(result: "error")
            Counter(label: "controller_runtime_reconcile_errors_total", dimensions: dimensions, factory: metricsFactory).increment()
            logger.warning("reconcile failed; retrying with backoff", metadata: [
                "k8s.key": "\(request)", "error": "\(error)", "retries": "\(queue.numRequeues(request))",
            ])
        }
    }

    private func count(result: String) {
        Counter(label: "controller_runtime_reconcile_total", dimensions: [("controller", name), ("result", result)], factory: metricsFactory).increment()
    }
}
