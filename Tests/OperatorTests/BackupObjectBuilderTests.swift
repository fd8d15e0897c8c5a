import FileWallBallAPI
import KubeClient
import Testing
@testable import Operator

@Suite struct BackupObjectBuilderTests {
    /// The pod spec of a Job.
    func podSpec(_ job: Job) -> PodSpec { job.spec.template.spec }

    /// Every Job the builder makes, by name.
    func jobs(_ builder: BackupObjectBuilder) -> [Job] {
        [
            Job(object: builder.cronJob().object["spec"]?["jobTemplate"]?.objectValue ?? [:]),
            builder.onDemandJob(value: "2026-12-02"),
            builder.safetyBackupJob(requestName: "undo-friday"),
            builder.restoreJob(requestName: "undo-friday", backup: nil),
        ]
    }

    @Test func serviceAccountHasNoToken() throws {
        let account = try BackupFixtures.builder().serviceAccount()
        #expect(account.name == "nightly-backup" && account.namespace == "team-a")
        #expect(account.automountServiceAccountToken == false)
        #expect(account.metadata.ownerReferences.map(\.uid) == [BackupFixtures.policyUID])
        #expect(account.metadata.labels?[ObjectLabels.instanceKey] == "files")
    }

    @Test func backupClaimFollowsTheClustersDeletionPolicy() throws {
        var spec = BackupPolicySpec(clusterRef: LocalObjectReference(name: "files"))
        spec.storage = StorageSpec(size: "50Gi", storageClassName: "slow")
        let retained = try BackupFixtures.builder(policy: BackupFixtures.policy(spec: spec)).backupClaim()
        #expect(retained.name == "nightly-backups")
        #expect(retained.metadata.ownerReferences.isEmpty)
        #expect(retained.spec.storageClassName == "slow" && retained.spec.accessModes == ["ReadWriteOnce"])
        #expect(retained.spec.resources == .object(["requests": .object(["storage": "50Gi"])]))
        let deleted = try BackupFixtures.builder(deletionPolicy: .delete).backupClaim()
        #expect(deleted.metadata.ownerReferences.map(\.kind) == ["BackupPolicy"])
        #expect(deleted.metadata.ownerReferences.first?.controller == true)
        #expect(deleted.spec.resources == .object(["requests": .object(["storage": "20Gi"])]))
    }

    @Test func cronJobSchedulesOneBackupAtATime() throws {
        var spec = BackupPolicySpec(clusterRef: LocalObjectReference(name: "files"), schedule: "30 3 * * 0", timeZone: "Europe/Paris")
        spec.suspend = true
        let cronJob = try BackupFixtures.builder(policy: BackupFixtures.policy(spec: spec)).cronJob()
        #expect(cronJob.name == "nightly-backup")
        #expect(cronJob.spec.schedule == "30 3 * * 0" && cronJob.spec.timeZone == "Europe/Paris" && cronJob.spec.suspend == true)
        #expect(cronJob.spec.concurrencyPolicy == "Forbid")
        #expect(cronJob.spec.successfulJobsHistoryLimit == 3 && cronJob.spec.failedJobsHistoryLimit == 3)
        #expect(cronJob.spec.startingDeadlineSeconds == 300)
        #expect(cronJob.metadata.ownerReferences.map(\.name) == ["nightly"])
        let template = cronJob.spec.jobTemplate
        #expect(template.metadata.labels?[BackupJobNames.kindLabel] == "scheduled")
        #expect(template.spec.template.spec.containers.first?.args?.contains("scheduled") == true)

        let defaults = try BackupFixtures.builder().cronJob()
        #expect(defaults.spec.schedule == "0 2 * * *" && defaults.spec.timeZone == "Etc/UTC" && defaults.spec.suspend == false)
    }

    @Test func backupCommandUsesOnlyFlagsTheCommandHas() throws {
        let args = try #require(try BackupFixtures.builder().onDemandJob(value: "x").spec.template.spec.containers.first?.args)
        #expect(args == [
            "backup", "--backup-dir", "/var/lib/filewallball/backups", "--blob-dir", "/var/lib/filewallball/blobs",
            "--compression", "gzip", "--verify", "restore-test", "--retention-days", "7", "--keep-min", "3",
            "--origin", "on-demand", "--result-file", "/dev/termination-log",
        ])
        var spec = BackupPolicySpec(clusterRef: LocalObjectReference(name: "files"), retention: RetentionSpec(days: 0, minCount: 10),
                                    compression: BackupCompression.none, verification: .checksum, includeFiles: false)
        spec.schedule = "@hourly"
        let builder = try BackupFixtures.builder(policy: BackupFixtures.policy(spec: spec))
        let safety = try #require(builder.safetyBackupJob(requestName: "r").spec.template.spec.containers.first?.args)
        #expect(safety == [
            "backup", "--backup-dir", "/var/lib/filewallball/backups", "--compression", "none", "--verify", "checksum",
            "--retention-days", "0", "--keep-min", "10", "--origin", "safety", "--result-file", "/dev/termination-log",
        ])
        #expect(builder.safetyBackupJob(requestName: "r").spec.template.spec.volumes.map(\.name) == ["backups", "tmp"])
    }

    @Test func restoreCommandRestoresTheNamedOrLatestBackupWithoutItsOwnSafetyBackup() throws {
        let builder = try BackupFixtures.builder()
        let named = try #require(builder.restoreJob(requestName: "undo", backup: "files-20261202T020000Z.sql.gz").spec.template.spec.containers.first)
        #expect(named.args == [
            "restore", "--backup-dir", "/var/lib/filewallball/backups", "--blob-dir", "/var/lib/filewallball/blobs",
            "--file", "files-20261202T020000Z.sql.gz", "--no-safety-backup", "--result-file", "/dev/termination-log",
        ])
        for latest in [nil, "latest"] as [String?] {
            let args = builder.restoreJob(requestName: "undo", backup: latest).spec.template.spec.containers.first?.args ?? []
            #expect(args.contains("--latest") && !args.contains("--file"))
        }
        let env = named.env.compactMap(\.name)
        #expect(env == ["FWB_DATABASE_URL", "FWB_REDIS_URL", "FWB_LOG_FORMAT"])
        let redis = try #require(named.env.first { $0.name == "FWB_REDIS_URL" }?.valueFrom?.secretKeyRef)
        #expect(redis.name == "files-cache" && redis.key == "url")
    }

    @Test func jobsAreNamedLabelledAndNeverRetried() throws {
        let builder = try BackupFixtures.builder()
        let owner = OwnerReference(apiVersion: FileWallBallAPIGroup.apiVersion, kind: "RestoreRequest", name: "undo-friday",
                                   uid: "rr-uid", controller: true, blockOwnerDeletion: true)
        let safety = builder.safetyBackupJob(requestName: "undo-friday", owner: owner)
        let restore = builder.restoreJob(requestName: "undo-friday", backup: nil, owner: owner)
        let onDemand = builder.onDemandJob(value: "2026-12-02")
        #expect(safety.name == "undo-friday-safety" && restore.name == "undo-friday-restore")
        #expect(onDemand.name == "nightly-now-185b174c")
        #expect(onDemand.metadata.ownerReferences.map(\.kind) == ["BackupPolicy"] && onDemand.spec.ttlSecondsAfterFinished == 604_800)
        #expect(safety.metadata.ownerReferences.map(\.uid) == ["rr-uid"] && restore.metadata.ownerReferences.map(\.uid) == ["rr-uid"])
        #expect(builder.restoreJob(requestName: "undo-friday", backup: nil).metadata.ownerReferences.isEmpty)
        let expectations: [(Job, String, BackupJobKind, String?)] = [
            (onDemand, "backup", .onDemand, nil), (safety, "backup", .safety, "undo-friday"), (restore, "restore", .restore, "undo-friday"),
        ]
        for (job, component, kind, request) in expectations {
            for labels in [job.metadata.labels ?? [:], job.spec.template.metadata.labels ?? [:]] {
                #expect(labels[ObjectLabels.instanceKey] == "files", "\(job.name)")
                #expect(labels[ObjectLabels.componentKey] == component, "\(job.name)")
                #expect(labels[ObjectLabels.nameKey] == "filewallball" && labels[ObjectLabels.managedByKey] == "filewallball-controller")
                #expect(labels[BackupPolicyNames.policyLabel] == "nightly", "\(job.name)")
                #expect(labels[BackupPolicyNames.restoreRequestLabel] == request, "\(job.name)")
                #expect(labels[BackupJobNames.kindLabel] == kind.rawValue, "\(job.name)")
            }
            #expect(job.spec.backoffLimit == 0)
            #expect(BackupJobKind.of(jobName: job.name, labels: job.metadata.labels ?? [:]) == kind)
        }
    }

    @Test func everyPodIsRestrictedAndReportsThroughItsTerminationMessage() throws {
        let builder = try BackupFixtures.builder()
        for job in jobs(builder) {
            let pod = podSpec(job)
            let label = job.name
            #expect(pod.restartPolicy == "Never", "\(label)")
            #expect(pod.serviceAccountName == "nightly-backup", "\(label)")
            #expect(pod.automountServiceAccountToken == false, "\(label)")
            #expect(pod.securityContext?.runAsNonRoot == true && pod.securityContext?.seccompProfileType == "RuntimeDefault")
            #expect(pod.securityContext?.runAsUser == 65532 && pod.securityContext?.fsGroup == 65532)
            #expect(pod.containers.count == 1 && pod.initContainers.isEmpty)
            let container = try #require(pod.containers.first)
            #expect(container.image == FileWallBallAPIGroup.defaultImage)
            let context = try #require(container.securityContext)
            #expect(context.runAsNonRoot == true && context.allowPrivilegeEscalation == false && context.readOnlyRootFilesystem == true)
            #expect(context.capabilitiesDrop == ["ALL"] && context.seccompProfileType == "RuntimeDefault")
            #expect(container.terminationMessagePath == "/dev/termination-log")
            #expect(container.terminationMessagePolicy == "FallbackToLogsOnError")
            #expect(container.args?.suffix(2) == ["--result-file", "/dev/termination-log"], "\(label)")
            // Scratch space under the read-only root (the command's client options file goes to /tmp).
            #expect(container.volumeMounts.contains { $0.mountPath == "/tmp" } && pod.volumes.contains { $0.name == "tmp" && $0.isEmptyDir })
            let backups = try #require(pod.volumes.first { $0.name == "backups" })
            #expect(backups.claimName == "nightly-backups")
            let blobs = try #require(pod.volumes.first { $0.name == "blobs" })
            #expect(blobs.claimName == "files-blobs")
            let blobMount = try #require(container.volumeMounts.first { $0.name == "blobs" })
            let restoring = job.name.hasSuffix("-restore")
            #expect(blobMount.readOnly == (restoring ? nil : true), "\(label)")
            #expect(blobs.object["persistentVolumeClaim"]?["readOnly"]?.boolValue == (restoring ? nil : true), "\(label)")
        }
    }

    @Test func credentialsComeOnlyFromSecretReferences() throws {
        let builder = try BackupFixtures.builder()
        let objects: [JSONObject] = [builder.cronJob().object, builder.serviceAccount().object, builder.backupClaim().object]
            + jobs(builder).map(\.object)
        for object in objects {
            let text = JSONWriter.string(.object(object))
            for secret in Fixtures.secretValues { #expect(!text.contains(secret)) }
            #expect(!text.contains("mariadb://") && !text.contains("redis://"))
        }
        for job in jobs(builder) {
            let container = try #require(podSpec(job).containers.first)
            for variable in container.env where variable.name?.hasSuffix("_URL") == true {
                #expect(variable.value == nil, "\(variable.name ?? "")")
                #expect(variable.valueFrom?.secretKeyRef != nil)
            }
            let database = try #require(container.env.first { $0.name == "FWB_DATABASE_URL" }?.valueFrom?.secretKeyRef)
            #expect(database.name == "files-database" && database.key == "root-url")
            #expect(!(container.args ?? []).contains { $0.contains("database-url") || $0.contains("redis-url") || $0.contains("password") })
        }
    }

    @Test func theSameInputBuildsTheSameJSON() throws {
        let first = try BackupFixtures.builder()
        let second = try BackupFixtures.builder()
        #expect(first.cronJob() == second.cronJob())
        #expect(first.onDemandJob(value: "a") == second.onDemandJob(value: "a"))
        #expect(first.onDemandJob(value: "a").name != first.onDemandJob(value: "b").name)
        #expect(first.objects().map { "\($0.kind)/\($0.name)" }
            == ["ServiceAccount/nightly-backup", "PersistentVolumeClaim/nightly-backups", "CronJob/nightly-backup"])
        #expect(first.objects() == second.objects())
        #expect(first.objects().allSatisfy { $0.object["metadata"]?["namespace"]?.stringValue == "team-a" })
    }
}
