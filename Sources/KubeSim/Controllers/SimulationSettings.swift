import Foundation

/// What a simulated Job does once it has run.
public enum JobOutcome: Sendable, Equatable {
    /// The Job completes successfully.
    case succeed
    /// The Job fails (BackoffLimitExceeded).
    case fail
    /// The Job stays active.
    case keepRunning
}

/// Switches and timings of the simulated kube-controller-manager parts.
public struct SimulationSettings: Sendable {
    /// Give Deployments status (replicas ready) after `deploymentReadyDelay`.
    public var deployments: Bool
    /// Delay before a Deployment generation is reported ready.
    public var deploymentReadyDelay: Duration
    /// Give Jobs a succeeded/failed status after `jobCompletionDelay`.
    public var jobs: Bool
    /// Delay before a Job's outcome is written.
    public var jobCompletionDelay: Duration
    /// Create Jobs from CronJobs when their schedule is due (by the configured clock).
    public var cronJobs: Bool
    /// How often CronJob schedules are checked against the clock.
    public var cronPollInterval: Duration
    /// Give StatefulSets status after `deploymentReadyDelay` and create their volumeClaimTemplates' PVCs.
    public var statefulSets: Bool
    /// Bind Pending PersistentVolumeClaims (with a generated PersistentVolume) after `volumeBindDelay`.
    public var volumeBinding: Bool
    /// Delay before a Pending PVC becomes Bound.
    public var volumeBindDelay: Duration

    /// Creates settings; everything on by default.
    public init(deployments: Bool = true, deploymentReadyDelay: Duration = .milliseconds(300), jobs: Bool = true,
        jobCompletionDelay: Duration = .milliseconds(300), cronJobs: Bool = true, cronPollInterval: Duration = .seconds(1),
        statefulSets: Bool = true, volumeBinding: Bool = true, volumeBindDelay: Duration = .milliseconds(300))
    {
        self.statefulSets = statefulSets
        self.volumeBinding = volumeBinding
        self.volumeBindDelay = volumeBindDelay
        self.deployments = deployments
        self.deploymentReadyDelay = deploymentReadyDelay
        self.jobs = jobs
        self.jobCompletionDelay = jobCompletionDelay
        self.cronJobs = cronJobs
        self.cronPollInterval = cronPollInterval
    }
}
