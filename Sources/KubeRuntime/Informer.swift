import KubeClient
import Logging
import Synchronization

/// Callbacks for cache changes; they run on the informer's task in event order and must be quick
/// (typically they only enqueue keys).
public struct ResourceEventHandler<R: KubeObject>: Sendable {
    /// An object entered the cache.
    public var onAdd: @Sendable (R) -> Void
    /// An object changed (old, new).
    public var onUpdate: @Sendable (R, R) -> Void
    /// An object left the cache (last known state).
    public var onDelete: @Sendable (R) -> Void

    /// Creates a handler; omitted callbacks do nothing.
    public init(onAdd: @escaping @Sendable (R) -> Void = { _ in }, onUpdate: @escaping @Sendable (R, R) -> Void = { _, _ in }, onDelete: @escaping @Sendable (R) -> Void = { _ in }) {
        self.onAdd = onAdd
        self.onUpdate = onUpdate
        self.onDelete = onDelete
    }
}

/// Reflector + cache: lists and watches one resource into an `ObjectStore` and notifies handlers.
public final class Informer<R: KubeObject>: Sendable {
    /// The cache (read it from reconcilers).
    public let store: ObjectStore<R>
    /// The list/watch state machine feeding the cache.
    public let watcher: ResourceWatcher<R>
    private let handlers = Mutex<[ResourceEventHandler<R>]>([])
    private let synced = Atomic<Bool>(false)
    let syncWaiters = Mutex(SyncWaiters())
    private let logger: Logger
    private let transform: (@Sendable (R) -> R)?

    /// Drops `metadata.managedFields` (often a third of an object's JSON) before caching, like
    /// controller-runtime's TransformStripManagedFields.
    public static var stripManagedFields: @Sendable (R) -> R {
        { object in
            var copy = object
            copy.metadata.object["managedFields"] = nil
            return copy
        }
    }

    /// Creates an informer; `transform` rewrites each object before it is cached (e.g. `stripManagedFields`);
    /// `indexOwners` as for `ObjectStore`.
    public init(resource: ResourceClient<R>, options: WatcherOptions = WatcherOptions(), indexers: [String: ObjectStore<R>.IndexFunction] = [:], indexOwners: Bool = true, transform: (@Sendable (R) -> R)? = nil, clock: any KubeClock = SystemKubeClock(), logger: Logger = Logger(label: "filewallball.informer")) {
        self.transform = transform
        self.store = ObjectStore(indexers: indexers, indexOwners: indexOwners)
        self.watcher = ResourceWatcher(resource: resource, options: options, clock: clock, logger: logger)
        self.logger = logger
    }

    /// True once the first list has been applied to the cache.
    public var hasSynced: Bool { synced.load(ordering: .acquiring) }

    /// Registers a handler; objects already cached are replayed to it as adds.
    public func addHandler(_ handler: ResourceEventHandler<R>) {
        let existing = handlers.withLock { handlers -> [R] in
            handlers.append(handler)
            return hasSynced ? store.list() : []
        }
        for object in existing { handler.onAdd(object) }
    }

    /// Waits until the first list has been applied, or until the task is cancelled (then `hasSynced` may
    /// still be false: a leader that loses its lease stops waiting).
    public func waitForSync() async {
        if hasSynced { return }
        let id = syncWaiters.withLock { waiters in
            defer { waiters.nextID += 1 }
            return waiters.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Checked under the lock the cancellation handler takes: a cancellation that came first is seen here.
                let resumeNow = syncWaiters.withLock { waiters -> Bool in
                    if hasSynced || Task.isCancelled { return true }
                    waiters.waiting[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            syncWaiters.withLock { $0.waiting.removeValue(forKey: id) }?.resume()
        }
    }

    /// Runs the reflector until the task is cancelled.
    public func run() async {
        do {
            for try await event in watcher.events() {
                apply(event)
            }
        } catch {
            logger.warning("informer stopped", metadata: ["error": "\(error)"])
        }
    }

    /// Applies one watcher event to the cache and handlers (exposed for tests and custom sources).
    public func apply(_ event: WatcherEvent<R>) {
        let changes: [ObjectStore<R>.Change]
        let prepare: (R) -> R = transform ?? { $0 }
        switch event {
        case .listed(let objects, _): changes = store.replace(with: objects.map(prepare))
        case .added(let object), .modified(let object): changes = [store.upsert(prepare(object))]
        case .deleted(let object): changes = [.deleted(store.remove(object) ?? prepare(object))]
        }
        let current = handlers.withLock { $0 }
        for change in changes {
            for handler in current {
                switch change {
                case .added(let object): handler.onAdd(object)
                case .updated(let old, let new): handler.onUpdate(old, new)
                case .deleted(let object): handler.onDelete(object)
                }
            }
        }
        if case .listed = event, !synced.exchange(true, ordering: .acquiringAndReleasing) {
            let waiters = syncWaiters.withLock { waiters in
                let taken = Array(waiters.waiting.values)
                waiters.waiting.removeAll()
                return taken
            }
            for waiter in waiters { waiter.resume() }
        }
    }
}

/// Callers of `waitForSync()` not yet resumed, by id (so a cancelled one can be taken out).
struct SyncWaiters {
    var nextID: UInt64 = 0
    var waiting: [UInt64: CheckedContinuation<Void, Never>] = [:]
}
