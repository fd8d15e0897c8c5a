import Foundation
import Metrics

/// A live watch: the event stream plus a way to stop it.
struct WatchSubscription: Sendable {
    let events: AsyncStream<DeliveredEvent>
    let id: Int
}

extension Cluster {
    /// Starts a watch; history replay, initial events and registration happen atomically under the lock.
    func watch(_ type: ResourceType?, namespace: String?, labels: LabelSelectorQuery, fields: FieldSelector,
        resourceVersion: String?, sendInitialEvents: Bool) throws(StatusError) -> WatchSubscription
    {
        let filter = WatchFilter(storageKey: type?.storageKey, namespace: type?.namespaced == true ? namespace : nil,
            labels: labels, fields: fields)
        let (stream, continuation) = AsyncStream.makeStream(of: DeliveredEvent.self, bufferingPolicy: .unbounded)
        let id = try state.withLock { s throws(StatusError) -> Int in
            let rvText = resourceVersion ?? ""
            if sendInitialEvents || rvText.isEmpty || rvText == "0" {
                if let type {
                    for (_, o) in s.list(type, namespace: namespace) where filter.matches(o.value) {
                        continuation.yield(DeliveredEvent(type: .added, object: o.value))
                    }
                }
                if sendInitialEvents {
                    let bookmark: JSONValue = [
                        "kind": .string(type?.kind ?? ""), "apiVersion": .string(type?.apiVersion ?? ""),
                        "metadata": ["resourceVersion": .string(String(s.rv)), "annotations": ["k8s.io/initial-events-end": "true"]],
                    ]
                    continuation.yield(DeliveredEvent(type: .bookmark, object: bookmark))
                }
            } else {
                guard let from = Int64(rvText) else {
                    throw StatusError.badRequest("resourceVersion: Invalid value: \"\(rvText)\": must be a valid integer")
                }
                guard let changes = s.changes(after: from) else {
                    let status = StatusError.expired("too old resource version: \(from) (\(s.compactedRV + 1))").status
                    continuation.yield(DeliveredEvent(type: .error, object: status))
                    continuation.finish()
                    return -1
                }
                for change in changes {
                    if let e = filter.translate(change) { continuation.yield(e) }
                }
            }
            return s.addWatcher(Watcher(filter: filter, continuation: continuation))
        }
        Gauge(label: "kubesim_watchers").record(watcherCount)
        if id >= 0 {
            continuation.onTermination = { [weak self] _ in self?.stopWatch(id) }
        }
        return WatchSubscription(events: stream, id: id)
    }

    /// Sends a BOOKMARK at the current resourceVersion (every earlier event was already delivered under the lock).
    func bookmark(_ id: Int, type: ResourceType) {
        state.withLock { s in
            guard let watcher = s.watchers[id] else { return }
            watcher.continuation.yield(DeliveredEvent(type: .bookmark, object: [
                "kind": .string(type.kind), "apiVersion": .string(type.apiVersion),
                "metadata": ["resourceVersion": .string(String(s.rv))],
            ]))
        }
    }

    /// Unregisters a watcher.
    func stopWatch(_ id: Int) {
        let (continuation, remaining) = state.withLock { s -> (AsyncStream<DeliveredEvent>.Continuation?, Int) in
            let c = s.watchers[id]?.continuation
            s.removeWatcher(id)
            return (c, s.watchers.count)
        }
        if continuation != nil { Gauge(label: "kubesim_watchers").record(remaining) }
        continuation?.finish()
    }

    /// Ends every watch (server shutdown).
    func stopAllWatches() {
        let all = state.withLock { s -> [AsyncStream<DeliveredEvent>.Continuation] in
            let c = s.watchers.values.map(\.continuation)
            s.watchers.removeAll()
            return c
        }
        for c in all { c.finish() }
    }

    /// Number of live watchers.
    var watcherCount: Int { state.withLock { $0.watchers.count } }
}
