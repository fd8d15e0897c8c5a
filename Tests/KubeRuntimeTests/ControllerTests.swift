import Foundation
import Testing
import Synchronization
@testable import KubeClient
@testable import KubeRuntime

/// A reconciler scripted per call.
final class ScriptedReconciler: Reconciler {
    let calls = Mutex<[ReconcileRequest]>([])
    let behaviour: @Sendable (ReconcileRequest, Int) throws -> ReconcileResult

    init(behaviour: @escaping @Sendable (ReconcileRequest, Int) throws -> ReconcileResult) { self.behaviour = behaviour }

    func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        let attempt = calls.withLock { calls -> Int in
            calls.append(request)
            return calls.filter { $0 == request }.count
        }
        return try behaviour(request, attempt)
    }
}

struct Boom: Error {}

@Suite struct ControllerTests {
    @Test func errorsRetryWithBackoffThenSucceed() async throws {
        let clock = ManualKubeClock()
        let reconciler = ScriptedReconciler { _, attempt in
            if attempt < 3 { throw Boom() }
            return .done
        }
        let controller = Controller(name: "retry", reconciler: reconciler, workers: 2, clock: clock)
        let run = Task { await controller.run() }
        defer { run.cancel() }
        let key = ReconcileRequest(namespace: "team", name: "x")
        controller.enqueue(key)
        try await waitFor { reconciler.calls.withLock { $0.count } == 1 && clock.sleeperCount == 1 }
        #expect(controller.queue.numRequeues(key) == 1)
        clock.advance(by: .milliseconds(5))
        try await waitFor { reconciler.calls.withLock { $0.count } == 2 && clock.sleeperCount == 1 }
        clock.advance(by: .milliseconds(9))
        // The manual clock wakes due sleepers inside advance(): the retry timer still sleeping means no retry yet.
        #expect(clock.sleeperCount == 1, "second backoff is 10 ms")
        #expect(reconciler.calls.withLock { $0.count } == 2)
        clock.advance(by: .milliseconds(1))
        try await waitFor { reconciler.calls.withLock { $0.count } == 3 }
        try await waitFor { controller.queue.numRequeues(key) == 0 }
    }

    @Test func requeueAfterAndTerminalErrors() async throws {
        let clock = ManualKubeClock()
        let reconciler = ScriptedReconciler { request, attempt in
            if request.name == "fatal" { throw TerminalReconcileError(code: "bad_spec", detail: "nope") }
            return attempt == 1 ? ReconcileResult(requeueAfter: .seconds(30)) : .done
        }
        let controller = Controller(name: "timers", reconciler: reconciler, clock: clock)
        let run = Task { await controller.run() }
        defer { run.cancel() }
        controller.enqueue(ReconcileRequest(namespace: nil, name: "fatal"))
        controller.enqueue(ReconcileRequest(namespace: nil, name: "timer"))
        try await waitFor { reconciler.calls.withLock { $0.count } == 2 && clock.sleeperCount == 1 }
        clock.advance(by: .seconds(29))
        // The manual clock wakes due sleepers inside advance(): the requeue timer still sleeping means no requeue yet.
        #expect(clock.sleeperCount == 1)
        #expect(reconciler.calls.withLock { $0.count } == 2)
        clock.advance(by: .seconds(1))
        try await waitFor { reconciler.calls.withLock { $0.count } == 3 }
        // Once nothing is queued, processing or timed, no retry of the terminal error can still come.
        try await waitFor { controller.queue.count == 0 && controller.queue.processingCount == 0 && clock.sleeperCount == 0 }
        #expect(reconciler.calls.withLock { $0.filter { $0.name == "fatal" }.count } == 1)
    }

    @Test func ownedObjectEventsEnqueueTheirOwner() async throws {
        let reconciler = ScriptedReconciler { _, _ in .done }
        let controller = Controller(name: "owners", reconciler: reconciler, clock: ManualKubeClock())
        let client = KubeClient(configuration: ClientConfiguration(server: "http://127.0.0.1:1"))
        let pods = Informer(resource: client.resource(Pod.self))
        controller.owns(pods, ownerKind: "Cluster", ownerAPIGroup: "fwb.example")
        let owned = Pod(object: try #require(JSONParser.parse(podJSON(name: "p", rv: "1", owner: "main")).objectValue))
        let orphan = Pod(object: try #require(JSONParser.parse(podJSON(name: "q", rv: "1")).objectValue))
        pods.apply(.listed([owned, orphan], resourceVersion: "1"))
        #expect(controller.queue.count == 1)
        #expect(await controller.queue.get() == ReconcileRequest(namespace: "team", name: "main"))
    }

    @Test func cancellationStopsWorkers() async throws {
        let controller = Controller(name: "stop", reconciler: ScriptedReconciler { _, _ in .done }, workers: 3, clock: ManualKubeClock())
        let run = Task { await controller.run() }
        try await waitFor { controller.queue.waiterCount == 3 }
        run.cancel()
        await run.value
        #expect(controller.queue.isShuttingDown)
    }
}
