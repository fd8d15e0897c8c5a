import TestSupport
import Foundation
import Testing
import Synchronization
@testable import KubeClient
@testable import KubeRuntime

@Suite struct ControllerManagerTests {
    @Test func informersSyncThenControllersReconcileListedObjects() async throws {
        let server = try ScriptedHTTPServer { request, connection in
            if request.query["watch"] == nil {
                connection.respond(status: 200, body: #"{"kind":"PodList","metadata":{"resourceVersion":"9"},"items":[\#(podJSON(name: "a", rv: "8")),\#(podJSON(name: "b", rv: "9"))]}"#)
            } else {
                connection.startChunked()
                Thread.sleep(forTimeInterval: 1)
                connection.endChunked()
            }
        }
        defer { server.stop() }
        let client = KubeClient(configuration: ClientConfiguration(server: server.baseURL, namespace: "team"))
        let pods = Informer(resource: client.resource(Pod.self))
        let reconciler = ScriptedReconciler { _, _ in .done }
        let controller = Controller(name: "pods", reconciler: reconciler, workers: 2)
        controller.watches(pods)
        let manager = ControllerManager()
        manager.add(pods)
        manager.add(controller)
        #expect(!manager.isReady)
        let run = Task { await manager.run() }
        try await waitFor { reconciler.calls.withLock { $0.count } == 2 }
        #expect(manager.isReady)
        #expect(Set(reconciler.calls.withLock { $0.map(\.description) }) == ["team/a", "team/b"])
        run.cancel()
        await run.value
        #expect(!manager.isReady)
    }
}
