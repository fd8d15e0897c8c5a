import Foundation
import MetricsTestKit
import Testing
@testable import KubeClient
@testable import KubeRuntime

@Suite struct RuntimeMetricsTests {
    @Test func reconcileAndQueueMetricsAreRecorded() async throws {
        let metrics = TestMetrics()
        let clock = ManualKubeClock()
        let reconciler = ScriptedReconciler { request, _ in
            if request.name == "bad" { throw Boom() }
            return .done
        }
        let controller = Controller(name: "metered", reconciler: reconciler, clock: clock, metricsFactory: metrics)
        let run = Task { await controller.run() }
        defer { run.cancel() }
        controller.enqueue(ReconcileRequest(namespace: "team", name: "good"))
        controller.enqueue(ReconcileRequest(namespace: "team", name: "bad"))
        try await waitFor { reconciler.calls.withLock { $0.count } == 2 }
        try await waitFor { (try? metrics.expectCounter("controller_runtime_reconcile_errors_total", [("controller", "metered")]).totalValue) == 1 }
        let success = try metrics.expectCounter("controller_runtime_reconcile_total", [("controller", "metered"), ("result", "success")])
        let failed = try metrics.expectCounter("controller_runtime_reconcile_total", [("controller", "metered"), ("result", "error")])
        #expect(success.totalValue == 1)
        #expect(failed.totalValue == 1)
        let duration = try metrics.expectTimer("controller_runtime_reconcile_time_seconds", [("controller", "metered")])
        #expect(duration.values.count == 2)
        #expect(try metrics.expectCounter("workqueue_adds_total", [("name", "metered")]).totalValue == 2)
        #expect(try metrics.expectCounter("workqueue_retries_total", [("name", "metered")]).totalValue == 1)
        #expect(try metrics.expectTimer("workqueue_queue_duration_seconds", [("name", "metered")]).values.count == 2)
        #expect(try metrics.expectGauge("workqueue_depth", [("name", "metered")]).lastValue == 0)
    }
}
