import Foundation
import Logging
import Synchronization
import Testing
import TestSupport
@testable import KubeClient
@testable import KubeRuntime

/// A contextual reconciler that keeps every context it was given.
final class ContextRecordingReconciler: ContextualReconciler {
    let contexts = Mutex<[ReconcileContext]>([])

    func reconcile(_ request: ReconcileRequest, context: ReconcileContext) async throws -> ReconcileResult {
        contexts.withLock { $0.append(context) }
        return .done
    }
}

private func generic(_ json: String) throws -> GenericResource {
    GenericResource(object: try #require(JSONParser.parse(json).objectValue))
}

private func widget(name: String, rv: String, generation: Int, cluster: String = "main", deleting: Bool = false) throws -> GenericResource {
    let deletion = deleting ? #","deletionTimestamp":"2026-01-01T00:00:00Z""# : ""
    return try generic(#"{"apiVersion":"fwb.example/v1","kind":"RestoreRequest","metadata":{"name":"\#(name)","namespace":"team","resourceVersion":"\#(rv)","generation":\#(generation)\#(deletion)},"spec":{"cluster":"\#(cluster)"}}"#)
}

@Suite struct ReconcileContextTests {
    @Test func everyReconcileGetsItsOwnIDInTheLogger() async throws {
        let client = KubeClient(configuration: ClientConfiguration(server: "http://127.0.0.1:1"))
        let clock = ManualKubeClock()
        let recorder = EventRecorder(client: client, component: "test", clock: clock)
        let reconciler = ContextRecordingReconciler()
        let controller = Controller(name: "ctx", reconciler: reconciler, recorder: recorder, workers: 2, clock: clock)
        let run = Task { await controller.run() }
        defer { run.cancel() }
        controller.enqueue(ReconcileRequest(namespace: "team", name: "a"))
        try await waitFor { reconciler.contexts.withLock { $0.count } == 1 }
        controller.enqueue(ReconcileRequest(namespace: "team", name: "a"))
        controller.enqueue(ReconcileRequest(namespace: nil, name: "b"))
        try await waitFor { reconciler.contexts.withLock { $0.count } == 3 }
        let contexts = reconciler.contexts.withLock { $0 }
        let ids = contexts.map { $0.logger[metadataKey: "reconcile.id"].map { "\($0)" } ?? "" }
        #expect(Set(ids).count == 3, "distinct ids: \(ids)")
        #expect(contexts.map(\.id) == ids)
        #expect(contexts.allSatisfy { $0.logger[metadataKey: "controller"] == "ctx" })
        #expect(contexts[0].logger[metadataKey: "k8s.namespace"] == "team")
        #expect(contexts[0].logger[metadataKey: "k8s.name"] == "a")
        #expect(contexts[0].recorder === recorder)
        #expect(contexts[0].clock.wallNow == clock.wallNow)
    }
}

@Suite struct WatchMappingTests {
    @Test func mappedObjectsWakeTheKeysTheyAffect() throws {
        let controller = Controller(name: "map", reconciler: ScriptedReconciler { _, _ in .done }, clock: ManualKubeClock())
        let client = KubeClient(configuration: ClientConfiguration(server: "http://127.0.0.1:1"))
        let restores = Informer(resource: client.resource(GenericResource.self, descriptor: ResourceDescriptor(group: "fwb.example", version: "v1", plural: "restorerequests", kind: "RestoreRequest", namespaced: true)))
        controller.watches(restores) { object in
            guard let cluster = object.object["spec"]?["cluster"]?.stringValue else { return [] }
            return [ReconcileRequest(namespace: object.namespace, name: cluster)]
        }
        restores.apply(.listed([try widget(name: "r1", rv: "1", generation: 1), try widget(name: "r2", rv: "1", generation: 1)], resourceVersion: "1"))
        #expect(controller.queue.count == 1, "both wake cluster main once (duplicates collapse)")
        restores.apply(.modified(try widget(name: "r1", rv: "2", generation: 2, cluster: "other")))
        #expect(controller.queue.count == 2, "old and new targets")
    }

    @Test func generationChangedIgnoresStatusOnlyUpdates() async throws {
        let controller = Controller(name: "gen", reconciler: ScriptedReconciler { _, _ in .done }, clock: ManualKubeClock())
        let client = KubeClient(configuration: ClientConfiguration(server: "http://127.0.0.1:1"))
        let clusters = Informer(resource: client.resource(GenericResource.self, descriptor: ResourceDescriptor(group: "fwb.example", version: "v1", plural: "restorerequests", kind: "RestoreRequest", namespaced: true)))
        controller.watches(clusters, predicate: .generationChanged)
        clusters.apply(.listed([try widget(name: "c", rv: "1", generation: 1)], resourceVersion: "1"))
        #expect(await controller.queue.get() == ReconcileRequest(namespace: "team", name: "c"))
        controller.queue.done(ReconcileRequest(namespace: "team", name: "c"))
        clusters.apply(.modified(try widget(name: "c", rv: "2", generation: 1)))
        #expect(controller.queue.count == 0, "status-only update (same generation) ignored")
        clusters.apply(.modified(try widget(name: "c", rv: "3", generation: 2)))
        #expect(controller.queue.count == 1, "spec change enqueues")
        #expect(await controller.queue.get() == ReconcileRequest(namespace: "team", name: "c"))
        controller.queue.done(ReconcileRequest(namespace: "team", name: "c"))
        clusters.apply(.modified(try widget(name: "c", rv: "4", generation: 2, deleting: true)))
        #expect(controller.queue.count == 1, "deletion start enqueues")
        #expect(WatchPredicate.all.shouldEnqueueUpdate(ObjectMeta(), ObjectMeta()))
    }
}

@Suite struct EventRecorderBoundTests {
    @Test func cachesStayBoundedOverManyObjects() async throws {
        let server = try ScriptedHTTPServer { request, connection in
            var body = (try? JSONParser.parse(request.body).objectValue) ?? [:]
            var meta = body.objectMember("metadata")
            meta.set("resourceVersion", "1")
            body["metadata"] = .object(meta)
            connection.respond(status: 201, body: JSONWriter.string(.object(body)))
        }
        defer { server.stop() }
        let client = KubeClient(configuration: ClientConfiguration(server: server.baseURL, namespace: "team"))
        let bound = 500
        let recorder = EventRecorder(client: client, component: "test", clock: ManualKubeClock(), maxCacheEntries: bound)
        var largest = (seen: 0, buckets: 0)
        for index in 0..<10_000 {
            let pod = Pod(object: try #require(JSONParser.parse(podJSON(name: "p\(index)", rv: "1")).objectValue))
            #expect(await recorder.record(pod, type: .normal, reason: "Created", message: "m"))
            let sizes = recorder.cacheSizes
            largest = (max(largest.seen, sizes.seen), max(largest.buckets, sizes.buckets))
        }
        #expect(largest.seen <= bound && largest.buckets <= bound, "\(largest)")
        #expect(largest.seen > 0 && largest.buckets > 0)
    }
}
