import Foundation
import KubeClient
import Logging
import Metrics

/// Settings for Lease-based leader election (defaults as client-go: 15 s / 10 s / 2 s).
public struct LeaderElectionConfig: Sendable {
    /// Lease name.
    public var leaseName: String
    /// Lease namespace.
    public var namespace: String
    /// This candidate's identity (unique per process).
    public var identity: String
    /// How long a lease is valid after its last renewal.
    public var leaseDuration: Duration = .seconds(15)
    /// A leader that could not renew for this long steps down.
    public var renewDeadline: Duration = .seconds(10)
    /// Time between attempts.
    public var retryPeriod: Duration = .seconds(2)
    /// Clear the holder on clean shutdown so a successor takes over at once.
    public var releaseOnCancel = true

    /// Creates a config.
    public init(leaseName: String, namespace: String, identity: String) {
        self.leaseName = leaseName
        self.namespace = namespace
        self.identity = identity
    }
}

/// Campaigns for a coordination.k8s.io/v1 Lease and runs work only while holding it.
///
/// *Expected flow*: try to acquire every `retryPeriod` (jittered) → on success run `lead` in a child task and
/// renew every `retryPeriod` → if renewal keeps failing for `renewDeadline`, cancel `lead` and return.
/// *Guarantees*: a lease held by someone else is only taken after `leaseDuration` has passed on **our**
/// monotonic clock since we last saw it change (no trust in remote clocks). On cancellation a leader
/// releases the lease (empty holder, 1 s duration).
public actor LeaderElector {
    private let leases: ResourceClient<Lease>
    private let config: LeaderElectionConfig
    private let clock: any KubeClock
    private let logger: Logger
    private var observedSpec: LeaseSpec?
    private var observedAt: Duration = .zero
    private var lastRenew: Duration = .zero
    private let leaderGauge: Gauge

    /// True while this candidate holds the lease.
    public private(set) var isLeader = false
    /// The holder in the lease as last read (for tests that wait for a candidate to have looked).
    var observedHolder: String? { observedSpec?.holderIdentity }

    /// Creates an elector.
    public init(client: KubeClient, config: LeaderElectionConfig, clock: any KubeClock = SystemKubeClock(), metricsFactory: (any MetricsFactory)? = nil, logger: Logger = Logger(label: "filewallball.leader")) {
        self.leases = client.resource(Lease.self)
        self.config = config
        self.clock = clock
        var logger = logger
        logger[metadataKey: "leader.identity"] = "\(config.identity)"
        logger[metadataKey: "leader.lease"] = "\(config.namespace)/\(config.leaseName)"
        self.logger = logger
        self.leaderGauge = Gauge(label: "leader_election_master_status", dimensions: [("name", config.leaseName)], factory: metricsFactory ?? client.metricsFactory)
    }

    /// Campaigns until leadership is won, runs `lead` while leading, returns when leadership ends or the
    /// task is cancelled (releasing the lease in the latter case).
    public func run(lead: @escaping @Sendable () async -> Void) async {
        guard await acquire() else { return }
        logger.info("became leader")
        setLeader(true)
        let work = Task { await lead() }
        await renewLoop()
        work.cancel()
        await work.value
        if Task.isCancelled, config.releaseOnCancel {
            // A fresh task: the caller's cancellation would otherwise abort the release request itself.
            let limit = config.renewDeadline
            _ = await Task {
                await self.bounded(limit) {
                    await self.release()
                    return true
                }
            }.value
        }
        setLeader(false)
        logger.info("stopped leading")
    }

    private func setLeader(_ leading: Bool) {
        isLeader = leading
        leaderGauge.record(leading ? 1 : 0)
    }

    private func jittered(_ period: Duration) -> Duration { period * Double.random(in: 1.0...1.2) }

    private func acquire() async -> Bool {
        while !Task.isCancelled {
            if await attempt(within: config.renewDeadline) { return true }
            do { try await clock.sleep(for: jittered(config.retryPeriod)) } catch { return false }
        }
        return false
    }

    private func renewLoop() async {
        while !Task.isCancelled {
            do { try await clock.sleep(for: config.retryPeriod) } catch { return }
            // A hung API call must not keep us "leading" past the renew deadline (the lease may expire).
            let remaining = config.renewDeadline - (clock.uptime - lastRenew)
            if remaining > .zero, await attempt(within: remaining) { continue }
            if clock.uptime - lastRenew >= config.renewDeadline || !holdsLease {
                logger.warning("failed to renew lease; stepping down")
                return
            }
        }
    }

    /// One acquire/renew attempt, abandoned (and its request cancelled) after `limit`.
    private func attempt(within limit: Duration) async -> Bool {
        await bounded(limit) { await self.tryAcquireOrRenew() }
    }

    /// Runs `operation`, giving up (and cancelling it) after `limit`; false on timeout.
    private func bounded(_ limit: Duration, _ operation: @escaping @Sendable () async -> Bool) async -> Bool {
        await withTaskGroup(of: Bool?.self) { group in
            group.addTask { await operation() }
            group.addTask { [clock] in
                do { try await clock.sleep(for: limit) } catch { return nil }
                return false
            }
            var outcome = false
            while let result = await group.next() {
                guard let result else { continue }
                outcome = result
                break
            }
            group.cancelAll()
            return outcome
        }
    }

    private var holdsLease: Bool {
        guard let observedSpec else { return true }
        return observedSpec.holderIdentity == config.identity
    }

    /// One attempt: create, take over an expired lease, or renew our own.
    func tryAcquireOrRenew() async -> Bool {
        let now = clock.wallNow
        let nowText = KubeTime.formatMicro(now)
        let leaseSeconds = Int(config.leaseDuration.components.seconds)
        do {
            guard var lease = try await leases.getIfExists(config.leaseName, namespace: config.namespace) else {
                var fresh = Lease(name: config.leaseName, namespace: config.namespace)
                fresh.spec = ownSpec(acquireTime: nowText, renewTime: nowText, transitions: 0, leaseSeconds: leaseSeconds)
                let created = try await leases.create(fresh, namespace: config.namespace)
                observe(created.spec)
                lastRenew = clock.uptime
                return true
            }
            let spec = lease.spec
            if observedSpec != spec { observe(spec) }
            let holder = spec.holderIdentity ?? ""
            let heldByOther = !holder.isEmpty && holder != config.identity
            if heldByOther, clock.uptime - observedAt < config.leaseDuration {
                return false
            }
            let keepsIdentity = holder == config.identity
            lease.spec = ownSpec(
                acquireTime: keepsIdentity ? (spec.acquireTime ?? nowText) : nowText, renewTime: nowText,
                transitions: keepsIdentity ? (spec.leaseTransitions ?? 0) : (spec.leaseTransitions ?? 0) + 1,
                leaseSeconds: leaseSeconds)
            let updated = try await leases.update(lease)
            observe(updated.spec)
            lastRenew = clock.uptime
            return true
        } catch {
            logger.debug("lease attempt failed", metadata: ["error": "\(error)"])
            return false
        }
    }

    private func ownSpec(acquireTime: String, renewTime: String, transitions: Int, leaseSeconds: Int) -> LeaseSpec {
        var spec = LeaseSpec()
        spec.holderIdentity = config.identity
        spec.leaseDurationSeconds = leaseSeconds
        spec.acquireTime = acquireTime
        spec.renewTime = renewTime
        spec.leaseTransitions = transitions
        return spec
    }

    private func observe(_ spec: LeaseSpec) {
        observedSpec = spec
        observedAt = clock.uptime
    }

    /// Gives the lease up so another candidate can take it at once.
    private func release() async {
        guard var lease = try? await leases.getIfExists(config.leaseName, namespace: config.namespace),
            lease.spec.holderIdentity == config.identity
        else { return }
        let nowText = KubeTime.formatMicro(clock.wallNow)
        var spec = lease.spec
        spec.holderIdentity = ""
        spec.leaseDurationSeconds = 1
        spec.renewTime = nowText
        spec.acquireTime = nowText
        lease.spec = spec
        do {
            _ = try await leases.update(lease)
            logger.info("released lease")
        } catch {
            logger.warning("failed to release lease", metadata: ["error": "\(error)"])
        }
    }
}
