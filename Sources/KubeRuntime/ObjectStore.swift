import KubeClient
import Synchronization

/// A thread-safe cache of objects keyed by `namespace/name`, with secondary indexes.
///
/// Built-in indexes: `ObjectStore.namespaceIndex` (by namespace) and `ObjectStore.ownerUIDIndex` (by each
/// ownerReference uid). Custom index functions may return several values per object.
public final class ObjectStore<R: KubeObject>: Sendable {
    /// Maps an object to its index values.
    public typealias IndexFunction = @Sendable (R) -> [String]

    /// Name of the built-in namespace index.
    public static var namespaceIndex: String { "namespace" }
    /// Name of the built-in owner-uid index.
    public static var ownerUIDIndex: String { "ownerUID" }

    /// A change produced by applying an update to the store.
    public enum Change: Sendable {
        /// A new object.
        case added(R)
        /// A replaced object.
        case updated(old: R, new: R)
        /// A removed object.
        case deleted(R)
    }

    private struct State {
        var items: [String: R] = [:]
        var indexes: [String: [String: Set<String>]] = [:]
    }

    private let indexers: [String: IndexFunction]
    private let state = Mutex(State())

    /// Creates a store with the built-in indexes plus any custom ones. Without `indexOwners` the owner-uid
    /// index is not kept (`byIndex(ownerUIDIndex, _)` finds nothing): a cache nobody looks up by owner saves
    /// a set per owner.
    public init(indexers custom: [String: IndexFunction] = [:], indexOwners: Bool = true) {
        var all = custom
        all[Self.namespaceIndex] = { object in [object.metadata.namespace ?? ""] }
        if indexOwners { all[Self.ownerUIDIndex] = { object in object.metadata.ownerReferences.map(\.uid) } }
        indexers = all
    }

    /// The object under a key.
    public func get(_ key: String) -> R? { state.withLock { $0.items[key] } }
    /// The object by namespace and name.
    public func get(namespace: String?, name: String) -> R? {
        get(namespace.map { $0.isEmpty ? name : "\($0)/\(name)" } ?? name)
    }
    /// Every object.
    public func list() -> [R] { state.withLock { Array($0.items.values) } }
    /// Every key.
    public func keys() -> [String] { state.withLock { Array($0.items.keys) } }
    /// Number of objects.
    public var count: Int { state.withLock { $0.items.count } }
    /// Objects whose index function returned `value`.
    public func byIndex(_ index: String, _ value: String) -> [R] {
        state.withLock { state in
            (state.indexes[index]?[value] ?? []).compactMap { state.items[$0] }
        }
    }

    /// Inserts or replaces one object.
    @discardableResult
    public func upsert(_ object: R) -> Change {
        state.withLock { state in
            let key = object.cacheKey
            let old = state.items[key]
            if let old { unindex(old, key: key, in: &state) }
            state.items[key] = object
            index(object, key: key, in: &state)
            return old.map { .updated(old: $0, new: object) } ?? .added(object)
        }
    }

    /// Removes one object (the stored copy is returned when present).
    @discardableResult
    public func remove(_ object: R) -> R? {
        state.withLock { state in
            let key = object.cacheKey
            guard let old = state.items.removeValue(forKey: key) else { return nil }
            unindex(old, key: key, in: &state)
            return old
        }
    }

    /// Replaces the whole content (after a list) and returns what changed; unchanged resourceVersions are skipped.
    public func replace(with objects: [R]) -> [Change] {
        state.withLock { state in
            var changes: [Change] = []
            var fresh: [String: R] = [:]
            fresh.reserveCapacity(objects.count)
            for object in objects { fresh[object.cacheKey] = object }
            for (key, old) in state.items where fresh[key] == nil {
                changes.append(.deleted(old))
            }
            for (key, object) in fresh {
                if let old = state.items[key] {
                    if old.resourceVersion != object.resourceVersion { changes.append(.updated(old: old, new: object)) }
                } else {
                    changes.append(.added(object))
                }
            }
            state.items = fresh
            state.indexes = [:]
            for (key, object) in fresh { index(object, key: key, in: &state) }
            return changes
        }
    }

    private func index(_ object: R, key: String, in state: inout State) {
        for (name, function) in indexers {
            for value in function(object) { state.indexes[name, default: [:]][value, default: []].insert(key) }
        }
    }

    private func unindex(_ object: R, key: String, in state: inout State) {
        for (name, function) in indexers {
            for value in function(object) {
                state.indexes[name]?[value]?.remove(key)
                if state.indexes[name]?[value]?.isEmpty == true { state.indexes[name]?[value] = nil }
            }
        }
    }
}
