import TestSupport
import Foundation
import Testing
import Synchronization
@testable import KubeClient
@testable import KubeRuntime

func podJSON(name: String, rv: String, owner: String? = nil) -> String {
    let owners = owner.map { #","ownerReferences":[{"apiVersion":"fwb.example/v1","kind":"Cluster","name":"\#($0)","uid":"uid-\#($0)","controller":true}]"# } ?? ""
    return #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"\#(name)","namespace":"team","resourceVersion":"\#(rv)","uid":"uid-\#(name)"\#(owners)}}"#
}

@Suite struct InformerTests {
    @Test func storeIndexesByNamespaceOwnerAndCustomFunction() {
        let store = ObjectStore<Pod>(indexers: ["name-length": { [String($0.name.count)] }])
        _ = store.replace(with: [
            Pod(object: try! JSONParser.parse(podJSON(name: "a", rv: "1", owner: "c1")).objectValue!),
            Pod(object: try! JSONParser.parse(podJSON(name: "bb", rv: "1", owner: "c1")).objectValue!),
        ])
        #expect(store.byIndex(ObjectStore<Pod>.namespaceIndex, "team").count == 2)
        #expect(store.byIndex(ObjectStore<Pod>.ownerUIDIndex, "uid-c1").count == 2)
        #expect(store.byIndex("name-length", "2").map(\.name) == ["bb"])
        let changes = store.replace(with: [Pod(object: try! JSONParser.parse(podJSON(name: "a", rv: "2")).objectValue!)])
        #expect(changes.count == 2)
        #expect(store.byIndex(ObjectStore<Pod>.ownerUIDIndex, "uid-c1").isEmpty)
        #expect(store.get(namespace: "team", name: "a")?.resourceVersion == "2")
    }

    @Test func aStoreWithoutTheOwnerIndexStillIndexesByNamespace() {
        let store = ObjectStore<Pod>(indexOwners: false)
        store.upsert(Pod(object: try! JSONParser.parse(podJSON(name: "a", rv: "1", owner: "c1")).objectValue!))
        #expect(store.byIndex(ObjectStore<Pod>.namespaceIndex, "team").map(\.name) == ["a"])
        #expect(store.byIndex(ObjectStore<Pod>.ownerUIDIndex, "uid-c1").isEmpty)
        #expect(store.get(namespace: "team", name: "a") != nil)
    }

    @Test func informerListsWatchesAndNotifies() async throws {
        let server = try ScriptedHTTPServer { request, connection in
            if request.query["watch"] == nil {
                connection.respond(status: 200, body: #"{"kind":"PodList","metadata":{"resourceVersion":"5"},"items":[\#(podJSON(name: "a", rv: "4")),\#(podJSON(name: "b", rv: "5"))]}"#)
                return
            }
            connection.startChunked()
            if request.query["resourceVersion"] == "5" {
                connection.chunk(Array((#"{"type":"MODIFIED","object":\#(podJSON(name: "a", rv: "6"))}"# + "\n").utf8))
                connection.chunk(Array((#"{"type":"DELETED","object":\#(podJSON(name: "b", rv: "7"))}"# + "\n").utf8))
                connection.chunk(Array((#"{"type":"ADDED","object":\#(podJSON(name: "c", rv: "8"))}"# + "\n").utf8))
            }
            Thread.sleep(forTimeInterval: 1)
            connection.endChunked()
        }
        defer { server.stop() }
        let client = KubeClient(configuration: ClientConfiguration(server: server.baseURL, namespace: "team"))
        let informer = Informer(resource: client.resource(Pod.self))
        let log = Mutex<[String]>([])
        informer.addHandler(ResourceEventHandler(
            onAdd: { pod in log.withLock { $0.append("add:\(pod.name)") } },
            onUpdate: { old, new in log.withLock { $0.append("update:\(old.resourceVersion ?? "")->\(new.resourceVersion ?? "")") } },
            onDelete: { pod in log.withLock { $0.append("delete:\(pod.name)") } }))
        #expect(!informer.hasSynced)
        let task = Task { await informer.run() }
        defer { task.cancel() }
        await informer.waitForSync()
        #expect(informer.hasSynced)
        try await waitFor { log.withLock { $0.count } >= 5 }
        let entries = log.withLock { $0 }
        #expect(Set(entries.prefix(2)) == ["add:a", "add:b"])
        #expect(Array(entries.dropFirst(2)) == ["update:4->6", "delete:b", "add:c"])
        #expect(Set(informer.store.list().map(\.name)) == ["a", "c"])
    }
}

@Suite struct InformerRelistTests {
    @Test func relistAfterExpiryReconcilesTheCacheAndNotifiesDifferences() async throws {
        let lists = Atomic<Int>(0)
        let server = try ScriptedHTTPServer { request, connection in
            if request.query["watch"] == nil {
                if lists.add(1, ordering: .relaxed).newValue == 1 {
                    connection.respond(status: 200, body: #"{"kind":"PodList","metadata":{"resourceVersion":"5"},"items":[\#(podJSON(name: "a", rv: "4")),\#(podJSON(name: "b", rv: "5"))]}"#)
                } else {
                    connection.respond(status: 200, body: #"{"kind":"PodList","metadata":{"resourceVersion":"50"},"items":[\#(podJSON(name: "a", rv: "40")),\#(podJSON(name: "c", rv: "50"))]}"#)
                }
                return
            }
            connection.startChunked()
            if request.query["resourceVersion"] == "5" {
                connection.chunk(Array((#"{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old resource version"}}"# + "\n").utf8))
            } else {
                Thread.sleep(forTimeInterval: 1)
            }
            connection.endChunked()
        }
        defer { server.stop() }
        let client = KubeClient(configuration: ClientConfiguration(server: server.baseURL, namespace: "team"))
        let informer = Informer(resource: client.resource(Pod.self))
        let log = Mutex<[String]>([])
        informer.addHandler(ResourceEventHandler(
            onAdd: { pod in log.withLock { $0.append("add:\(pod.name)") } },
            onUpdate: { _, new in log.withLock { $0.append("update:\(new.name)@\(new.resourceVersion ?? "")") } },
            onDelete: { pod in log.withLock { $0.append("delete:\(pod.name)") } }))
        let task = Task { await informer.run() }
        defer { task.cancel() }
        try await waitFor { log.withLock { $0.count } >= 5 }
        let entries = log.withLock { $0 }
        #expect(Set(entries.prefix(2)) == ["add:a", "add:b"])
        #expect(Set(entries.dropFirst(2)) == ["update:a@40", "delete:b", "add:c"])
        #expect(Set(informer.store.list().map(\.name)) == ["a", "c"])
        #expect(lists.load(ordering: .relaxed) == 2)
    }
}

@Suite struct InformerTransformTests {
    @Test func managedFieldsAreStrippedBeforeCaching() throws {
        let client = KubeClient(configuration: ClientConfiguration(server: "http://127.0.0.1:1"))
        let informer = Informer(resource: client.resource(Pod.self), transform: Informer<Pod>.stripManagedFields)
        var object = try #require(JSONParser.parse(podJSON(name: "a", rv: "1")).objectValue)
        var metadata = object.objectMember("metadata")
        metadata["managedFields"] = [["manager": "kubectl", "operation": "Apply"]]
        object["metadata"] = .object(metadata)
        informer.apply(.listed([Pod(object: object)], resourceVersion: "1"))
        let cached = try #require(informer.store.get("team/a"))
        #expect(cached.metadata.object["managedFields"] == nil)
        #expect(cached.resourceVersion == "1")
    }
}
