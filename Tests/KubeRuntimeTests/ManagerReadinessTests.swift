import TestSupport
import Foundation
import Testing
import Synchronization
@testable import KubeClient
@testable import KubeRuntime

/// A counter closures can share (an `Atomic` cannot be captured).
private final class Attempts: Sendable {
    let count = Atomic<Int>(0)
}

@Suite struct ManagerReadinessTests {
    /// A server listing two pods, then holding each watch open for a second.
    private func podServer() throws -> ScriptedHTTPServer {
        try ScriptedHTTPServer { request, connection in
            if request.query["watch"] == nil {
                connection.respond(status: 200, body: #"{"kind":"PodList","metadata":{"resourceVersion":"9"},"items":[\#(podJSON(name: "a", rv: "8")),\#(podJSON(name: "b", rv: "9"))]}"#)
            } else {
                connection.startChunked()
                Thread.sleep(forTimeInterval: 1)
                connection.endChunked()
            }
        }
    }

    @Test func standbyRunningOnlyTheCachesIsReadyAndReconcilesNothing() async throws {
        let server = try podServer()
        defer { server.stop() }
        let client = KubeClient(configuration: ClientConfiguration(server: server.baseURL, namespace: "team"))
        let pods = Informer(resource: client.resource(Pod.self))
        let reconciler = ScriptedReconciler { _, _ in .done }
        let controller = Controller(name: "pods", reconciler: reconciler)
        controller.watches(pods)
        let manager = ControllerManager()
        manager.add(pods)
        manager.add(controller)

        let caches = Task { await manager.runCaches() }
        try await waitFor { manager.isReady }
        #expect(pods.hasSynced)
        #expect(reconciler.calls.withLock { $0.isEmpty }, "a standby runs no controller")

        // Winning the lease starts the controllers on the warm caches.
        let controllers = Task { await manager.runControllers() }
        try await waitFor { reconciler.calls.withLock { $0.count } == 2 }
        controllers.cancel()
        await controllers.value
        #expect(manager.isReady, "losing the controllers leaves the caches (and readiness) alone")
        caches.cancel()
        await caches.value
        #expect(!manager.isReady)
    }

    @Test func readinessWaitsForChecksRetriedOnTheClock() async throws {
        let clock = ManualKubeClock()
        let attempts = Attempts()
        let manager = ControllerManager(clock: clock)
        manager.addReadinessCheck("apiserver") {
            if attempts.count.add(1, ordering: .relaxed).newValue < 3 { throw Boom() }
        }
        let finished = Attempts()
        let run = Task {
            await manager.runCaches()
            finished.count.store(1, ordering: .releasing)
        }
        // Two sleepers while retrying: the retry wait and the idle task that keeps the caches running.
        for attempt in 1...2 {
            try await waitFor { attempts.count.load(ordering: .relaxed) == attempt && clock.sleeperCount == 2 }
            #expect(!manager.isReady, "check failed \(attempt) time(s)")
            clock.advance(by: .seconds(10))
        }
        try await waitFor { manager.isReady && clock.sleeperCount == 1 }
        #expect(attempts.count.load(ordering: .relaxed) == 3)
        // With no informers the caches still run (and stay ready) until cancelled: a process with nothing
        // to watch yet must not stop.
        #expect(finished.count.load(ordering: .acquiring) == 0)
        #expect(manager.isReady)
        run.cancel()
        await run.value
        #expect(finished.count.load(ordering: .acquiring) == 1)
        #expect(!manager.isReady)
    }

    @Test func controllersWaitingForSyncStopWhenCancelled() async throws {
        // Nothing answers: the informer never syncs, and a cancelled leader must not hang on it.
        let client = KubeClient(configuration: ClientConfiguration(server: "http://127.0.0.1:9", namespace: "team"))
        let pods = Informer(resource: client.resource(Pod.self))
        let manager = ControllerManager()
        manager.add(pods)
        // Cancelled while waiting.
        let controllers = Task { await manager.runControllers() }
        try await waitFor { pods.syncWaiters.withLock { $0.waiting.count } == 1 }
        controllers.cancel()
        await controllers.value
        #expect(pods.syncWaiters.withLock { $0.waiting.isEmpty })
        // Cancelled before waiting.
        let waiter = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            await pods.waitForSync()
        }
        await waiter.value
        #expect(!pods.hasSynced)
        #expect(!manager.isReady)
    }
}
