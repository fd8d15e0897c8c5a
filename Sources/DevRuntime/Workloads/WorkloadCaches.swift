import Foundation
import KubeClient
import KubeRuntime
import Logging

/// The caches and client the workload controllers share.
struct WorkloadCaches: Sendable {
    var client: KubeClient
    var deployments: Informer<Deployment>
    var statefulSets: Informer<StatefulSet>
    var jobs: Informer<Job>
    var pods: Informer<Pod>
    var claims: Informer<PersistentVolumeClaim>
    var logger: Logger

    /// Field manager of every status the workload controllers write.
    static let fieldManager = "filewallball-dev-controller-manager"

    /// The live (not deleting) Pods controlled by the object with `uid`.
    func pods(controlledBy uid: String?) -> [Pod] {
        guard let uid else { return [] }
        return pods.store.byIndex(ObjectStore<Pod>.ownerUIDIndex, uid).filter { pod in
            pod.metadata.deletionTimestamp == nil && pod.metadata.ownerReferences.contains { $0.uid == uid && $0.controller == true }
        }
    }

    /// Creates a Pod (an existing one of the same name is left alone).
    func create(_ pod: Pod) async throws {
        do { _ = try await client.resource(Pod.self).create(pod, namespace: pod.metadata.namespace) } catch let error as KubeAPIError where error.kind == .alreadyExists {}
    }

    /// Deletes a Pod (already gone is fine).
    func delete(_ pod: Pod) async throws {
        do { try await client.resource(Pod.self).delete(pod.name, namespace: pod.metadata.namespace) } catch let error as KubeAPIError where error.kind == .notFound {}
    }

    /// Writes `status` on the object's /status unless it already says exactly that.
    func writeStatus<R: KubeResource>(_ object: R, _ status: JSONObject, as type: R.Type) async throws {
        if let current = object.object["status"]?.objectValue, Self.sameStatus(current, status) { return }
        var intent = R(object: [:])
        intent.object["metadata"] = .object(["name": .string(object.name), "namespace": .string(object.metadata.namespace ?? "default")])
        intent.object["status"] = .object(status)
        _ = try await client.resource(R.self).applyStatus(intent, fieldManager: Self.fieldManager, force: true)
    }

    /// Equal apart from condition timestamps (which only move when a condition changes).
    static func sameStatus(_ current: JSONObject, _ desired: JSONObject) -> Bool {
        func stripped(_ object: JSONObject) -> JSONValue {
            var copy = object
            if let conditions = copy["conditions"]?.arrayValue {
                copy["conditions"] = .array(conditions.map { condition in
                    guard var fields = condition.objectValue else { return condition }
                    fields["lastTransitionTime"] = nil
                    fields["lastUpdateTime"] = nil
                    return .object(fields)
                })
            }
            return .object(copy)
        }
        return stripped(current) == stripped(desired.filter { $0.value != .null })
    }

    /// A condition whose transition time moves only when its status changes.
    static func condition(_ type: String, _ value: Bool, reason: String, message: String, previous: JSONValue?) -> JSONValue {
        let status = value ? "True" : "False"
        let old = previous?.arrayValue?.first { $0["type"]?.stringValue == type }
        let now = KubeTime.format(Date())
        let since = old?["status"]?.stringValue == status ? (old?["lastTransitionTime"]?.stringValue ?? now) : now
        return .object([
            "type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
            "lastTransitionTime": .string(since), "lastUpdateTime": .string(old?["status"]?.stringValue == status ? (old?["lastUpdateTime"]?.stringValue ?? now) : now),
        ])
    }
}
