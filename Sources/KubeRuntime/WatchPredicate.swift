import KubeClient

/// Decides which informer updates reach a controller's queue (adds and deletes always do).
public struct WatchPredicate: Sendable {
    /// True when an update from `old` to `new` metadata should enqueue.
    public let shouldEnqueueUpdate: @Sendable (_ old: ObjectMeta, _ new: ObjectMeta) -> Bool

    /// Creates a predicate.
    public init(shouldEnqueueUpdate: @escaping @Sendable (_ old: ObjectMeta, _ new: ObjectMeta) -> Bool) {
        self.shouldEnqueueUpdate = shouldEnqueueUpdate
    }

    /// Every update enqueues.
    public static let all = WatchPredicate { _, _ in true }

    /// Only updates that changed `metadata.generation` (a spec change) or `metadata.deletionTimestamp`
    /// (deletion started) enqueue: status-only and metadata-only writes, including the controller's own
    /// status updates, do not. Meant for kinds whose generation the server maintains (custom resources
    /// with a status subresource, Deployments, ...); on kinds without a generation every update is ignored.
    public static let generationChanged = WatchPredicate { old, new in
        old.generation != new.generation || old.deletionTimestamp != new.deletionTimestamp
    }
}
