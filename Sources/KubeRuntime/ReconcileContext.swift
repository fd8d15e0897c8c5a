import Foundation
import KubeClient
import Logging

/// What a reconcile gets besides its key: a logger whose metadata carries a `reconcile.id` unique to this
/// reconcile (and `controller`, `k8s.namespace`, `k8s.name`), the controller's event recorder and clock.
public struct ReconcileContext: Sendable {
    /// Unique id of this reconcile (also in the logger's metadata as `reconcile.id`).
    public let id: String
    /// Logger for this reconcile.
    public let logger: Logger
    /// Records Events about the objects being reconciled.
    public let recorder: EventRecorder
    /// The controller's clock (use it for timestamps such as `lastTransitionTime`).
    public let clock: any KubeClock

    /// Creates a context; `logger` gets `reconcile.id`, `k8s.namespace` and `k8s.name` added.
    public init(request: ReconcileRequest, id: String = ReconcileContext.newID(), logger: Logger, recorder: EventRecorder, clock: any KubeClock) {
        var logger = logger
        logger[metadataKey: "reconcile.id"] = "\(id)"
        if let namespace = request.namespace { logger[metadataKey: "k8s.namespace"] = "\(namespace)" }
        logger[metadataKey: "k8s.name"] = "\(request.name)"
        self.id = id
        self.logger = logger
        self.recorder = recorder
        self.clock = clock
    }

    /// A fresh random id (a UUID in lower case).
    public static func newID() -> String { UUID().uuidString.lowercased() }
}

/// A reconciler that receives a `ReconcileContext` with every request; run it with
/// `Controller(name:reconciler:recorder:...)`.
public protocol ContextualReconciler: Sendable {
    /// Reconciles one key. Throwing retries with backoff, except for `TerminalReconcileError`.
    func reconcile(_ request: ReconcileRequest, context: ReconcileContext) async throws -> ReconcileResult
}
