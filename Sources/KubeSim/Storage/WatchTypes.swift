import Foundation

/// The type of a watch event.
public enum WatchEventType: String, Sendable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
    case bookmark = "BOOKMARK"
    case error = "ERROR"
}

/// One committed change in the cluster, kept in the bounded history for resuming watches.
struct ChangeEvent: Sendable {
    let rv: Int64
    let type: WatchEventType
    let storageKey: String
    let namespace: String
    let object: JSONValue
    let previous: JSONValue?
}

/// An event as delivered to one watcher.
public struct DeliveredEvent: Sendable {
    /// Event type.
    public let type: WatchEventType
    /// Object after the event (or a Status for ERROR).
    public let object: JSONValue
}

/// Which objects a watcher wants.
struct WatchFilter: Sendable {
    /// Storage key of the resource, or nil for every resource (internal watchers).
    var storageKey: String?
    var namespace: String?
    var labels: LabelSelectorQuery
    var fields: FieldSelector

    func matchesScope(_ event: ChangeEvent) -> Bool {
        if let storageKey, storageKey != event.storageKey { return false }
        if let namespace, namespace != event.namespace { return false }
        return true
    }

    func matches(_ object: JSONValue) -> Bool {
        labels.matches(object: object) && fields.matches(object: object)
    }

    /// Translates a change into what this watcher should see (selector transitions included).
    func translate(_ event: ChangeEvent) -> DeliveredEvent? {
        guard matchesScope(event) else { return nil }
        let now = matches(event.object)
        switch event.type {
        case .added:
            return now ? DeliveredEvent(type: .added, object: event.object) : nil
        case .deleted:
            return now ? DeliveredEvent(type: .deleted, object: event.object) : nil
        case .modified:
            let before = event.previous.map(matches) ?? false
            if now && before { return DeliveredEvent(type: .modified, object: event.object) }
            if now { return DeliveredEvent(type: .added, object: event.object) }
            if before { return DeliveredEvent(type: .deleted, object: event.object) }
            return nil
        default:
            return nil
        }
    }
}

/// A registered watcher.
struct Watcher: Sendable {
    let filter: WatchFilter
    let continuation: AsyncStream<DeliveredEvent>.Continuation
}

/// A stored object with its resource version.
struct StoredObject: Sendable {
    var value: JSONValue
    var encoded: [UInt8]
    var rv: Int64

    init(value: JSONValue, rv: Int64) {
        self.value = value
        self.rv = rv
        self.encoded = JSONWriter.encode(value)
    }
}
