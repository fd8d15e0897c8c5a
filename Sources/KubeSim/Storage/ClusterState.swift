import Foundation

/// All mutable state of the emulated cluster; only ever touched under the cluster's lock.
struct ClusterState: Sendable {
    /// Last issued resourceVersion (cluster-wide counter).
    var rv: Int64 = 100
    /// Objects by storage key, then by `namespace/name`.
    var objects: [String: [String: StoredObject]] = [:]
    /// Retained change history, oldest first.
    var history: [ChangeEvent] = []
    var historyStart = 0
    /// Highest RV no longer retained; watches from an RV below this get 410.
    var compactedRV: Int64 = 0
    /// Maximum retained events.
    var historyLimit: Int
    var watchers: [Int: Watcher] = [:]
    var nextWatcherID = 1
    /// Served resource types keyed by `group/version/plural`.
    var types: [String: ResourceType] = [:]
    /// Set when persistence should write a snapshot.
    var dirty = false
    /// Set when a removal may have left garbage to collect.
    var needsGarbageCollection = false
    /// The range Service cluster IPs are allocated from.
    var serviceIPRange: ServiceIPRange

    init(historyLimit: Int, serviceIPRange: ServiceIPRange = .kubernetesDefault) {
        self.historyLimit = historyLimit
        self.serviceIPRange = serviceIPRange
        for t in BuiltinResources.all { register(t) }
    }

    static func typeKey(group: String, version: String, plural: String) -> String { "\(group)/\(version)/\(plural)" }

    mutating func register(_ type: ResourceType) {
        types[Self.typeKey(group: type.group, version: type.version, plural: type.plural)] = type
    }

    mutating func unregister(group: String, plural: String) {
        types = types.filter { !($0.value.group == group && $0.value.plural == plural && $0.value.isCustom) }
    }

    func objectKey(namespace: String?, name: String) -> String { "\(namespace ?? "")/\(name)" }

    func get(_ type: ResourceType, namespace: String?, name: String) -> StoredObject? {
        objects[type.storageKey]?[objectKey(namespace: type.namespaced ? namespace : nil, name: name)]
    }

    /// Every retained change after `rv`, or nil when `rv` is older than the retained window.
    func changes(after rv: Int64) -> ArraySlice<ChangeEvent>? {
        if rv < compactedRV { return nil }
        let retained = history[historyStart...]
        guard let firstIndex = retained.firstIndex(where: { $0.rv > rv }) else { return [] }
        return retained[firstIndex...]
    }

    /// Issues the next resourceVersion.
    mutating func nextRV() -> Int64 {
        rv += 1
        return rv
    }

    /// Stores a new or changed object and notifies watchers. The object's metadata.resourceVersion must already be set.
    mutating func commit(_ type: ResourceType, object: JSONValue, rv: Int64, eventType: WatchEventType, previous: JSONValue?) {
        let ns = type.namespaced ? (object[path: ["metadata", "namespace"]]?.stringValue ?? "") : ""
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        let key = objectKey(namespace: ns, name: name)
        if eventType == .deleted {
            objects[type.storageKey]?[key] = nil
        } else {
            objects[type.storageKey, default: [:]][key] = StoredObject(value: object, rv: rv)
        }
        let event = ChangeEvent(rv: rv, type: eventType, storageKey: type.storageKey, namespace: ns, object: object, previous: previous)
        append(event)
        for watcher in watchers.values {
            if let delivered = watcher.filter.translate(event) { watcher.continuation.yield(delivered) }
        }
        dirty = true
    }

    private mutating func append(_ event: ChangeEvent) {
        history.append(event)
        if history.count - historyStart > historyLimit {
            compactedRV = history[historyStart].rv
            historyStart += 1
            if historyStart > 4096 {
                history.removeFirst(historyStart)
                historyStart = 0
            }
        }
    }

    /// Drops all retained history so older resourceVersions get 410 Gone.
    mutating func compact() {
        compactedRV = rv
        history.removeAll()
        historyStart = 0
    }

    mutating func addWatcher(_ watcher: Watcher) -> Int {
        let id = nextWatcherID
        nextWatcherID += 1
        watchers[id] = watcher
        return id
    }

    mutating func removeWatcher(_ id: Int) {
        watchers[id] = nil
    }

    /// All objects of a type in a namespace (or every namespace), sorted by key.
    func list(_ type: ResourceType, namespace: String?) -> [(key: String, object: StoredObject)] {
        guard let all = objects[type.storageKey] else { return [] }
        var result: [(key: String, object: StoredObject)] = []
        result.reserveCapacity(all.count)
        if let namespace, type.namespaced {
            let prefix = namespace + "/"
            for (k, v) in all where k.hasPrefix(prefix) { result.append((k, v)) }
        } else {
            for (k, v) in all { result.append((k, v)) }
        }
        result.sort { $0.key < $1.key }
        return result
    }
}
