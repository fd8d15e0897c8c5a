import KubeClient
import Logging
import Metrics

/// Runs a `Reconciler` (or a `ContextualReconciler`) with N workers over a `WorkQueue`, fed by informers.
public final class Controller: Sendable {
    /// Controller name (metric label, log metadata).
    public let name: String
    /// The queue of keys.
    public let queue: WorkQueue<ReconcileRequest>
    /// Number of concurrent workers.
    public let workers: Int
    /// The reconciler in either form.
    enum Body: Sendable {
        case plain(any Reconciler)
        case contextual(any ContextualReconciler, EventRecorder)
    }
    private let body: Body
    private let clock: any KubeClock
    private let metricsFactory: any MetricsFactory
    private let logger: Logger

    /// Creates a controller.
    public convenience init(name: String, reconciler: any Reconciler, workers: Int = 1, clock: any KubeClock = SystemKubeClock(), queue: WorkQueue<ReconcileRequest>? = nil, metricsFactory: any MetricsFactory = MetricsSystem.factory, logger: Logger = Logger(label: "filewallball.controller")) {
        self.init(name: name, body: .plain(reconciler), workers: workers, clock: clock, queue: queue, metricsFactory: metricsFactory, logger: logger)
    }

    /// Creates a controller whose reconciler gets a `ReconcileContext` (logger with `reconcile.id`, this
    /// recorder, the clock) with every request.
    public convenience init(name: String, reconciler: any ContextualReconciler, recorder: EventRecorder, workers: Int = 1, clock: any KubeClock = SystemKubeClock(), queue: WorkQueue<ReconcileRequest>? = nil, metricsFactory: any MetricsFactory = MetricsSystem.factory, logger: Logger = Logger(label: "filewallball.controller")) {
        self.init(name: name, body: .contextual(reconciler, recorder), workers: workers, clock: clock, queue: queue, metricsFactory: metricsFactory, logger: logger)
    }

    private init(name: String, body: Body, workers: Int, clock: any KubeClock, queue: WorkQueue<ReconcileRequest>?, metricsFactory: any MetricsFactory, logger: Logger) {
        self.name = name
        self.body = body
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

    /// Reconciles the objects of this informer themselves (the controller's primary kind); updates the
    /// predicate rejects (e.g. `.generationChanged` for status-only writes) are ignored.
    public func watches<R: KubeObject>(_ informer: Informer<R>, predicate: WatchPredicate = .all) {
        let queue = self.queue
        informer.addHandler(ResourceEventHandler(
            onAdd: { queue.add(ReconcileRequest(for: $0)) },
            onUpdate: { old, new in
                guard predicate.shouldEnqueueUpdate(old.metadata, new.metadata) else { return }
                queue.add(ReconcileRequest(for: new))
            },
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
        let reconcileID = ReconcileContext.newID()
        var logger = self.logger
        logger[metadataKey: "reconcile.id"] = "\(reconcileID)"
        do {
            let result: ReconcileResult
            switch body {
            case .plain(let reconciler):
                result = try await reconciler.reconcile(request)
            case .contextual(let reconciler, let recorder):
                let context = ReconcileContext(request: request, id: reconcileID, logger: self.logger, recorder: recorder, clock: clock)
                result = try await reconciler.reconcile(request, context: context)
            }
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
