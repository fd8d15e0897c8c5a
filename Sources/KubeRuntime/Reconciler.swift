import KubeClient

/// What a reconcile is about: only a key, never the event (level-based, like controller-runtime).
public struct ReconcileRequest: Hashable, Sendable, CustomStringConvertible {
    /// Namespace, nil for cluster-scoped objects.
    public var namespace: String?
    /// Object name.
    public var name: String

    /// Creates a request.
    public init(namespace: String?, name: String) {
        self.namespace = namespace.flatMap { $0.isEmpty ? nil : $0 }
        self.name = name
    }

    /// The request for an object.
    public init<R: KubeObject>(for object: R) { self.init(namespace: object.metadata.namespace, name: object.name) }

    /// `namespace/name`.
    public var description: String { namespace.map { "\($0)/\(name)" } ?? name }
}

/// What to do after a reconcile.
public struct ReconcileResult: Sendable, Equatable {
    /// Requeue with rate-limited backoff even though no error happened.
    public var requeue: Bool
    /// Requeue after this delay (resets the backoff).
    public var requeueAfter: Duration?

    /// Creates a result.
    public init(requeue: Bool = false, requeueAfter: Duration? = nil) {
        self.requeue = requeue
        self.requeueAfter = requeueAfter
    }

    /// Nothing more to do until something changes.
    public static let done = ReconcileResult()
}

/// Brings the world in line with one object's desired state; must be idempotent.
public protocol Reconciler: Sendable {
    /// Reconciles one key. Throwing retries with backoff, except for `TerminalReconcileError`.
    func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult
}

/// An error that retrying cannot fix: logged and counted, never requeued.
public struct TerminalReconcileError: Error, Sendable {
    /// Stable machine code.
    public var code: String
    /// Explanation.
    public var detail: String

    /// Creates a terminal error.
    public init(code: String, detail: String) {
        self.code = code
        self.detail = detail
    }
}
