import FileWallBallAPI
import KubeClient

extension BackupObjectBuilder {
    /// `P-backup`: scheduled backups, never two at once, a missed run started at most 5 minutes late.
    public func cronJob() -> CronJob {
        var cronJob = CronJob(name: names.cronJob, namespace: policy.namespace)
        cronJob.metadata = metadata(names.cronJob, .backup, owner: policy.ownerReference)
        var cronSpec = CronJobSpec(object: [:])
        cronSpec.schedule = spec.schedule
        cronSpec.timeZone = spec.timeZone
        cronSpec.suspend = spec.suspend
        cronSpec.concurrencyPolicy = "Forbid"
        cronSpec.successfulJobsHistoryLimit = Self.historyLimit
        cronSpec.failedJobsHistoryLimit = Self.historyLimit
        cronSpec.startingDeadlineSeconds = Self.startingDeadlineSeconds
        var template = JobTemplateSpec(object: [:])
        var templateMeta = ObjectMeta()
        templateMeta.labels = labels(.backup, extra: [BackupJobNames.kindLabel: BackupJobKind.scheduled.rawValue])
        template.metadata = templateMeta
        template.spec = jobSpec(.backup, kind: .scheduled, arguments: backupArguments(origin: .scheduled), cache: false)
        cronSpec.jobTemplate = template
        cronJob.spec = cronSpec
        return cronJob
    }

    /// The on-demand backup for one value of the backup-now annotation, named
    /// `BackupJobNames.onDemand(policy:value:)`; removed a week after it ends.
    public func onDemandJob(value: String) -> Job {
        var onDemand = job(BackupJobNames.onDemand(policy: policy.name, value: value), .backup, kind: .onDemand,
                           arguments: backupArguments(origin: .onDemand), cache: false, owner: policy.ownerReference)
        onDemand.spec.ttlSecondsAfterFinished = Self.onDemandTTLSeconds
        return onDemand
    }

    /// `RR-safety`: the verified backup of the live data taken before a restore (prunes nothing).
    /// `owner` is normally the RestoreRequest's controller reference.
    public func safetyBackupJob(requestName: String, owner: OwnerReference? = nil) -> Job {
        job(BackupJobNames.safety(request: requestName), .backup, kind: .safety, arguments: backupArguments(origin: .safety),
            cache: false, owner: owner, extra: [BackupPolicyNames.restoreRequestLabel: BackupJobNames.restoreRequestLabelValue(requestName)])
    }

    /// `RR-restore`: restores `backup` (nil or `latest`: the newest verified, non-safety backup) without
    /// its own safety backup (`safetyBackupJob` runs first), then flushes the cluster's Redis cache.
    public func restoreJob(requestName: String, backup: String?, owner: OwnerReference? = nil) -> Job {
        var arguments = ["restore", "--backup-dir", Self.backupDirectory]
        if spec.includeFiles { arguments += ["--blob-dir", ClusterObjectBuilder.blobDirectory] }
        if let backup, backup != "latest" { arguments += ["--file", backup] } else { arguments.append("--latest") }
        arguments += ["--no-safety-backup", "--result-file", Self.terminationLog]
        return job(BackupJobNames.restore(request: requestName), .restore, kind: .restore, arguments: arguments, cache: true,
                   owner: owner, extra: [BackupPolicyNames.restoreRequestLabel: BackupJobNames.restoreRequestLabelValue(requestName)])
    }

    /// `filewallball backup` with the policy's settings; credentials come from the environment only.
    func backupArguments(origin: BackupJobKind) -> [String] {
        var arguments = ["backup", "--backup-dir", Self.backupDirectory]
        if spec.includeFiles { arguments += ["--blob-dir", ClusterObjectBuilder.blobDirectory] }
        arguments += [
            "--compression", spec.compression.rawValue,
            "--verify", spec.verification.rawValue,
            "--retention-days", String(spec.retentionDays),
            "--keep-min", String(spec.retentionMinCount),
            "--origin", origin.rawValue,
            "--result-file", Self.terminationLog,
        ]
        return arguments
    }

    /// A Job with the pod of `jobSpec`, labelled like its pods.
    private func job(_ name: String, _ component: ClusterComponent, kind: BackupJobKind, arguments: [String], cache: Bool,
                     owner: OwnerReference?, extra: [String: String] = [:]) -> Job {
        var job = Job(name: name, namespace: policy.namespace)
        let jobLabels = extra.merging([BackupJobNames.kindLabel: kind.rawValue]) { current, _ in current }
        job.metadata = metadata(name, component, owner: owner, extra: jobLabels)
        job.spec = jobSpec(component, kind: kind, arguments: arguments, cache: cache, extra: extra)
        return job
    }

    /// One pod, never restarted or retried (a failed run is reported, not silently repeated).
    func jobSpec(_ component: ClusterComponent, kind: BackupJobKind, arguments: [String], cache: Bool,
                 extra: [String: String] = [:]) -> JobSpec {
        var jobSpec = JobSpec(object: [:])
        jobSpec.backoffLimit = 0
        var template = PodTemplateSpec()
        var meta = ObjectMeta()
        meta.labels = labels(component, extra: extra.merging([BackupJobNames.kindLabel: kind.rawValue]) { current, _ in current })
        template.metadata = meta
        template.spec = podSpec(arguments: arguments, cache: cache, blobsWritable: component == .restore)
        jobSpec.template = template
        return jobSpec
    }

    /// The restricted pod: the binary as the file service's user, the backup volume, the blob volume
    /// (read-only unless restoring), a scratch /tmp under a read-only root, no service-account token.
    func podSpec(arguments: [String], cache: Bool, blobsWritable: Bool) -> PodSpec {
        var container = Container(name: Self.containerName, image: image)
        container.args = arguments
        var environment: [EnvVar] = [
            // Root: the restore-test verification and a restore create scratch and staging databases.
            .secretKey("FWB_DATABASE_URL", secret: clusterNames.databaseSecret, key: "root-url"),
        ]
        if cache { environment.append(.secretKey("FWB_REDIS_URL", secret: clusterNames.cacheSecret, key: "url")) }
        environment.append(EnvVar(name: "FWB_LOG_FORMAT", value: "json"))
        container.env = environment
        var mounts = [VolumeMount(name: "backups", mountPath: Self.backupDirectory)]
        var volumes = [Volume.persistentVolumeClaim("backups", claimName: names.claim)]
        if spec.includeFiles {
            mounts.append(VolumeMount(name: "blobs", mountPath: ClusterObjectBuilder.blobDirectory, readOnly: blobsWritable ? nil : true))
            volumes.append(.persistentVolumeClaim("blobs", claimName: clusterNames.blobClaim, readOnly: blobsWritable ? nil : true))
        }
        mounts.append(VolumeMount(name: "tmp", mountPath: "/tmp"))
        volumes.append(.emptyDir("tmp"))
        container.volumeMounts = mounts
        container.securityContext = .restricted(readOnlyRootFilesystem: true)
        container.terminationMessagePath = Self.terminationLog
        container.terminationMessagePolicy = "FallbackToLogsOnError"
        var podSpec = ClusterObjectBuilder.restrictedPodSpec(container, volumes: volumes, user: ClusterObjectBuilder.fileServiceUser)
        podSpec.restartPolicy = "Never"
        podSpec.serviceAccountName = names.serviceAccount
        return podSpec
    }
}
