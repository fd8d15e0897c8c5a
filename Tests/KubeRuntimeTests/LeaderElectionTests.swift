import Foundation
import Testing
import Synchronization
import TestSupport
@testable import KubeClient
@testable import KubeRuntime

@Suite struct LeaderElectionTests {
    func elector(_ lease: LeaseServer, identity: String, release: Bool = true, leaseDuration: Duration = .milliseconds(1500)) -> LeaderElector {
        let client = KubeClient(configuration: ClientConfiguration(server: lease.server.baseURL, namespace: "ops"))
        var config = LeaderElectionConfig(leaseName: "filewallball-controller", namespace: "ops", identity: identity)
        config.leaseDuration = leaseDuration
        config.renewDeadline = .milliseconds(1000)
        config.retryPeriod = .milliseconds(100)
        config.releaseOnCancel = release
        return LeaderElector(client: client, config: config)
    }

    func campaign(_ elector: LeaderElector, leading: LeaderFlag, id: Int) -> Task<Void, Never> {
        Task {
            await elector.run {
                leading.value.store(id, ordering: .relaxed)
                while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(20)) }
            }
        }
    }

    @Test func oneLeaderAndCleanHandOverIsFast() async throws {
        let lease = try LeaseServer()
        defer { lease.server.stop() }
        let leading = LeaderFlag()
        let first = elector(lease, identity: "a", leaseDuration: .seconds(4))
        let taskA = campaign(first, leading: leading, id: 1)
        try await waitFor { leading.value.load(ordering: .relaxed) == 1 }
        let second = elector(lease, identity: "b", leaseDuration: .seconds(4))
        let taskB = campaign(second, leading: leading, id: 2)
        defer { taskB.cancel() }
        // b has read the lease held by a, and stays out.
        #expect(await pollUntil { await second.observedHolder == "a" })
        #expect(leading.value.load(ordering: .relaxed) == 1)
        #expect(lease.holder == "a")
        #expect(await second.isLeader == false)

        let stopped = ContinuousClock.now
        taskA.cancel()
        await taskA.value
        #expect(await first.isLeader == false)
        try await waitFor { leading.value.load(ordering: .relaxed) == 2 }
        #expect(ContinuousClock.now - stopped < .seconds(3), "release lets the successor in well before the 4 s lease would expire")
        #expect(lease.holder == "b")
        #expect(lease.transitions == 1)
        #expect(lease.leaseDurationSeconds == 4)
    }

    @Test func crashedLeaderIsReplacedOnlyAfterTheLeaseExpires() async throws {
        let lease = try LeaseServer()
        defer { lease.server.stop() }
        let leading = LeaderFlag()
        let first = elector(lease, identity: "a", release: false)
        let taskA = campaign(first, leading: leading, id: 1)
        try await waitFor { leading.value.load(ordering: .relaxed) == 1 }
        let second = elector(lease, identity: "b")
        let taskB = campaign(second, leading: leading, id: 2)
        defer { taskB.cancel() }
        // b has read the lease held by a before a crashes.
        #expect(await pollUntil { await second.observedHolder == "a" })
        let crashed = ContinuousClock.now
        taskA.cancel()
        await taskA.value
        #expect(lease.holder == "a", "a crash leaves the lease held")
        let deadline = ContinuousClock.now + .seconds(6)
        while leading.value.load(ordering: .relaxed) != 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        let takeover = ContinuousClock.now - crashed
        #expect(leading.value.load(ordering: .relaxed) == 2)
        #expect(takeover >= .milliseconds(1100), "must wait out the lease")
        #expect(takeover < .seconds(5))
    }
}

@Suite struct LeaderStepDownTests {
    @Test func leaderStepsDownWhenRenewalsFailForTheRenewDeadline() async throws {
        let lease = try LeaseServer()
        defer { lease.server.stop() }
        let client = KubeClient(configuration: ClientConfiguration(server: lease.server.baseURL, namespace: "ops"))
        var config = LeaderElectionConfig(leaseName: "filewallball-controller", namespace: "ops", identity: "solo")
        config.leaseDuration = .seconds(3)
        config.renewDeadline = .milliseconds(600)
        config.retryPeriod = .milliseconds(100)
        let elector = LeaderElector(client: client, config: config)
        let leading = LeaderFlag()
        let leadCancelled = LeaderFlag()
        let run = Task {
            await elector.run {
                leading.value.store(1, ordering: .relaxed)
                while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(10)) }
                leadCancelled.value.store(1, ordering: .relaxed)
            }
        }
        try await waitFor { leading.value.load(ordering: .relaxed) == 1 }
        let broken = ContinuousClock.now
        lease.breakServer()
        await run.value
        let steppedDown = ContinuousClock.now
        let elapsed = steppedDown - broken
        #expect(leadCancelled.value.load(ordering: .relaxed) == 1, "the leading work is cancelled")
        #expect(await elector.isLeader == false)
        // The deadline runs from the last renewal the elector saw succeed, which the server stored before
        // answering: so the step-down comes at least the full 600 ms after that stored write, however
        // late the scheduler ran the renew loop (measured from the break instead, load made it flaky).
        let lastWrite = try #require(lease.lastWriteAt)
        #expect(lastWrite < broken, "no write is stored once the server is broken")
        #expect(steppedDown - lastWrite >= .milliseconds(600), "holds on until the renew deadline")
        #expect(elapsed < .seconds(3), "steps down at the renew deadline, before the lease expires")
    }
}

@Suite struct LeaderHungServerTests {
    @Test func hungRenewalDoesNotOutliveTheRenewDeadline() async throws {
        let lease = try LeaseServer()
        defer { lease.server.stop() }
        let client = KubeClient(configuration: ClientConfiguration(server: lease.server.baseURL, namespace: "ops"))
        var config = LeaderElectionConfig(leaseName: "filewallball-controller", namespace: "ops", identity: "solo")
        config.leaseDuration = .seconds(4)
        config.renewDeadline = .milliseconds(700)
        config.retryPeriod = .milliseconds(100)
        let elector = LeaderElector(client: client, config: config)
        let leading = LeaderFlag()
        let run = Task { await elector.run { leading.value.store(1, ordering: .relaxed); while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(10)) } } }
        try await waitFor { leading.value.load(ordering: .relaxed) == 1 }
        let hung = ContinuousClock.now
        lease.hang(seconds: 5)
        await run.value
        let elapsed = ContinuousClock.now - hung
        #expect(elapsed < .seconds(2), "stepped down after \(elapsed), the renew deadline is 0.7 s and requests hang 5 s")
        #expect(await elector.isLeader == false)
    }
}

/// A shareable atomic integer.
final class LeaderFlag: Sendable {
    let value = Atomic<Int>(0)
}
