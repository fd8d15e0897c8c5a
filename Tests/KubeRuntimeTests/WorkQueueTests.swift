import Foundation
import Testing
import Synchronization
@testable import KubeClient
@testable import KubeRuntime

@Suite struct WorkQueueTests {
    @Test func duplicatesCollapse() async {
        let queue = WorkQueue<String>(name: "dedupe", clock: ManualKubeClock())
        queue.add("a")
        queue.add("b")
        queue.add("a")
        #expect(queue.count == 2)
        #expect(await queue.get() == "a")
        #expect(await queue.get() == "b")
        #expect(queue.count == 0)
    }

    @Test func keyAddedWhileProcessingIsRequeuedOnceOnDone() async {
        let queue = WorkQueue<String>(name: "dirty", clock: ManualKubeClock())
        queue.add("a")
        let first = await queue.get()
        #expect(first == "a")
        queue.add("a")
        queue.add("a")
        #expect(queue.count == 0, "a key being processed must not be handed out again")
        queue.done("a")
        #expect(queue.count == 1)
        #expect(await queue.get() == "a")
        queue.done("a")
        #expect(queue.count == 0)
    }

    @Test func neverHandsTheSameKeyToTwoWorkers() async {
        let queue = WorkQueue<Int>(name: "exclusive", clock: ManualKubeClock())
        final class Tracking: Sendable {
            let inFlight = Mutex<Set<Int>>([])
            let violations = Atomic<Int>(0)
            let processed = Atomic<Int>(0)
        }
        let tracking = Tracking()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    while let key = await queue.get() {
                        let fresh = tracking.inFlight.withLock { $0.insert(key).inserted }
                        if !fresh { tracking.violations.add(1, ordering: .relaxed) }
                        await Task.yield()
                        tracking.inFlight.withLock { _ = $0.remove(key) }
                        tracking.processed.add(1, ordering: .relaxed)
                        queue.done(key)
                    }
                }
            }
            for round in 0..<200 {
                queue.add(round % 5)
                if round % 10 == 0 { await Task.yield() }
            }
            try? await waitFor { queue.count == 0 && queue.processingCount == 0 }
            queue.shutDown()
        }
        #expect(tracking.violations.load(ordering: .relaxed) == 0)
        #expect(tracking.processed.load(ordering: .relaxed) >= 5)
    }

    @Test func shutDownWakesWaitingWorkers() async throws {
        let queue = WorkQueue<String>(name: "shutdown", clock: ManualKubeClock())
        async let waiting = queue.get()
        try await waitFor { queue.waiterCount == 1 }
        queue.shutDown()
        #expect(await waiting == nil)
        queue.add("late")
        #expect(queue.count == 0)
    }

    @Test func addAfterWaitsForTheInjectedClockAndKeepsTheEarliest() async throws {
        let clock = ManualKubeClock()
        let queue = WorkQueue<String>(name: "delay", clock: clock)
        queue.addAfter("a", delay: .seconds(10))
        queue.addAfter("a", delay: .seconds(3))
        try await waitFor { clock.sleeperCount == 1 }
        clock.advance(by: .seconds(2))
        #expect(queue.count == 0)
        clock.advance(by: .seconds(1))
        try await waitFor { queue.count == 1 }
        // The manual clock wakes sleepers only inside advance(): with none left, advancing can add nothing.
        #expect(clock.sleeperCount == 0, "the superseded later timer was cancelled, not left sleeping")
        clock.advance(by: .seconds(10))
        #expect(queue.count == 1, "the superseded later timer must not add again")
    }

    @Test func shutDownCancelsPendingTimers() async throws {
        let clock = ManualKubeClock()
        let queue = WorkQueue<String>(name: "timers", clock: clock)
        queue.addAfter("a", delay: .seconds(5))
        queue.addAfter("b", delay: .seconds(6))
        try await waitFor { clock.sleeperCount == 2 }
        queue.shutDown()
        try await waitFor { clock.sleeperCount == 0 }
        #expect(queue.count == 0)
    }

    @Test func itemBackoffDoublesFromFiveMillisecondsToTheCap() {
        let limiter = ItemExponentialRateLimiter<String>()
        let expected: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(40), .milliseconds(80)]
        #expect((0..<5).map { _ in limiter.when("k") } == expected)
        #expect(limiter.numRequeues("k") == 5)
        for _ in 0..<30 { _ = limiter.when("k") }
        #expect(limiter.when("k") == .seconds(1000))
        limiter.forget("k")
        #expect(limiter.numRequeues("k") == 0)
        #expect(limiter.when("k") == .milliseconds(5))
    }

    @Test func tokenBucketAllowsBurstThenTenPerSecond() {
        let clock = ManualKubeClock()
        let bucket = BucketRateLimiter<String>(qps: 10, burst: 100, clock: clock)
        for index in 0..<100 { #expect(bucket.when("k\(index)") == .zero) }
        #expect(bucket.when("x") == .milliseconds(100))
        #expect(bucket.when("y") == .milliseconds(200))
        clock.advance(by: .seconds(1))
        // 10 tokens refilled, 2 were already borrowed.
        #expect(bucket.when("z") == .zero)
    }

    @Test func controllerDefaultIsTheMaxOfBoth() {
        let clock = ManualKubeClock()
        let limiter = MaxOfRateLimiter<String>.controllerDefault(clock: clock)
        #expect(limiter.when("a") == .milliseconds(5))
        #expect(limiter.when("a") == .milliseconds(10))
        for index in 0..<98 { _ = limiter.when("fill\(index)") }
        // Bucket is now empty: the bucket's wait dominates a fresh item's 5 ms.
        #expect(limiter.when("b") == .milliseconds(100))
    }

    @Test func addRateLimitedUsesTheLimiterDelay() async throws {
        let clock = ManualKubeClock()
        let queue = WorkQueue<String>(name: "limited", rateLimiter: ItemExponentialRateLimiter<String>(base: .seconds(1), maximum: .seconds(60)), clock: clock)
        queue.addRateLimited("a")
        queue.addRateLimited("a")
        #expect(queue.numRequeues("a") == 2)
        try await waitFor { clock.sleeperCount >= 1 }
        clock.advance(by: .milliseconds(999))
        #expect(queue.count == 0)
        clock.advance(by: .milliseconds(1))
        try await waitFor { queue.count == 1 }
    }
}

/// Polls a condition for up to five seconds.
func waitFor(_ condition: @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(5)
    while !condition() {
        if ContinuousClock.now > deadline {
            Issue.record("condition not met in time")
            return
        }
        try await Task.sleep(for: .milliseconds(2))
    }
}
