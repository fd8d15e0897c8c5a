import Foundation
import KubeClient
import KubeRuntime
import KubeSim
import Testing

/// Server-side apply and the finalizer helper against the in-process KubeSim.
@Suite("Reconciler helpers against KubeSim")
struct ReconcilerHelpersOnKubeSimTests {
    private static let gadgets = ResourceDescriptor(group: "helpers.example.test", version: "v1", plural: "gadgets", kind: "Gadget", namespaced: true)

    private static let crd = #"""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"gadgets.helpers.example.test"},
         "spec":{"group":"helpers.example.test","scope":"Namespaced",
                 "names":{"plural":"gadgets","singular":"gadget","kind":"Gadget"},
                 "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
                              "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """#

    private struct Failed: Error {}

    /// Starts a sim with the Gadget CRD installed and waits until gadgets are served.
    private func start() async throws -> (KubeSimServer, ResourceClient<GenericResource>) {
        let sim = try await KubeSimServer.start(configuration: .init(listen: "127.0.0.1:0", tls: false, requireToken: false))
        let client = KubeClient(configuration: ClientConfiguration(server: sim.baseURL, namespace: "default"))
        let crds = client.resource(GenericResource.self, descriptor: ResourceDescriptor(group: "apiextensions.k8s.io", version: "v1", plural: "customresourcedefinitions", kind: "CustomResourceDefinition", namespaced: false))
        _ = try await crds.create(GenericResource(object: try #require(JSONParser.parse(Self.crd).objectValue)))
        let gadgets = client.resource(GenericResource.self, descriptor: Self.gadgets)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if (try? await gadgets.list()) != nil { return (sim, gadgets) }
            try await Task.sleep(for: .milliseconds(50))
        }
        await sim.shutdown()
        throw Failed()
    }

    private func gadget(_ name: String, size: Int) -> GenericResource {
        var object = GenericResource(object: ["apiVersion": "helpers.example.test/v1", "kind": "Gadget", "spec": ["size": .int(Int64(size))]])
        object.metadata.name = name
        return object
    }

    @Test("apply creates, re-applies as a no-op, updates on change; status apply touches only status")
    func serverSideApply() async throws {
        let (sim, gadgets) = try await start()
        do {
            let created = try await gadgets.apply(gadget("g", size: 1), fieldManager: "fwb-test")
            #expect(created.metadata.namespace == "default")
            #expect(created.object["spec"]?["size"]?.intValue == 1)
            let version = try #require(created.resourceVersion)

            // Re-applying the object read back (resourceVersion, uid, managedFields ... included) is a no-op.
            let again = try await gadgets.apply(created, fieldManager: "fwb-test")
            #expect(again.resourceVersion == version, "same intent: no write")

            let changed = try await gadgets.apply(gadget("g", size: 2), fieldManager: "fwb-test")
            #expect(changed.object["spec"]?["size"]?.intValue == 2)
            #expect(changed.resourceVersion != version)

            var status = gadget("g", size: 99)
            status.object["status"] = ["phase": "Ready"]
            let withStatus = try await gadgets.applyStatus(status, fieldManager: "fwb-test")
            #expect(withStatus.object["status"]?["phase"]?.stringValue == "Ready")
            #expect(withStatus.object["spec"]?["size"]?.intValue == 2, "status apply leaves spec alone")
            let read = try await gadgets.get("g")
            #expect(read.object["spec"]?["size"]?.intValue == 2)
            #expect(read.object["status"]?["phase"]?.stringValue == "Ready")
        } catch {
            await sim.shutdown()
            throw error
        }
        await sim.shutdown()
    }

    @Test("the finalizer is added before work, kept when cleanup fails, removed after cleanup")
    func finalizerHelper() async throws {
        let (sim, gadgets) = try await start()
        let finalizer = "helpers.example.test/cleanup"
        do {
            let created = try await gadgets.create(gadget("f", size: 1))
            var applied = 0
            let result = try await Finalizers.reconcile(created, finalizer: finalizer, client: gadgets, apply: { object in
                #expect(object.metadata.finalizers == [finalizer], "work starts after the finalizer is stored")
                applied += 1
                return .done
            }, cleanup: { _ in
                Issue.record("no cleanup for a live object")
                return .done
            })
            #expect(result == .done && applied == 1)
            let live = try await gadgets.get("f")
            #expect(live.metadata.finalizers == [finalizer])

            // A stale copy cannot add the finalizer a second time: the resourceVersion test fails.
            await #expect(throws: (any Error).self) { _ = try await gadgets.patch("f", patch: Finalizers.addition(of: finalizer, to: created)) }

            try await gadgets.delete("f")
            let deleting = try await gadgets.get("f")
            #expect(deleting.metadata.deletionTimestamp != nil, "held by the finalizer")

            await #expect(throws: Failed.self) {
                _ = try await Finalizers.reconcile(deleting, finalizer: finalizer, client: gadgets, apply: { _ in .done }, cleanup: { _ in throw Failed() })
            }
            #expect(try await gadgets.get("f").metadata.finalizers == [finalizer], "kept when cleanup throws")

            let pending = try await Finalizers.reconcile(deleting, finalizer: finalizer, client: gadgets, apply: { _ in .done }, cleanup: { _ in ReconcileResult(requeueAfter: .seconds(5)) })
            #expect(pending.requeueAfter == .seconds(5))
            #expect(try await gadgets.get("f").metadata.finalizers == [finalizer], "kept while cleanup is in progress")

            var cleaned = 0
            let done = try await Finalizers.reconcile(deleting, finalizer: finalizer, client: gadgets, apply: { _ in .done }, cleanup: { _ in
                cleaned += 1
                return .done
            })
            #expect(done == .done && cleaned == 1)
            #expect(try await gadgets.getIfExists("f") == nil, "gone once the finalizer is removed")
        } catch {
            await sim.shutdown()
            throw error
        }
        await sim.shutdown()
    }
}
