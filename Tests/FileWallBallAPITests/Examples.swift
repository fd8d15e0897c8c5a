import FileWallBallAPI

/// Fully populated values of every spec and status: every optional field set, so that encoding one
/// shows every key the type can write.
enum Examples {
    static let time = "2026-12-02T02:00:00Z"
    static let condition = StatusCondition(type: "Ready", status: .true, reason: "AllComponentsReady",
                                           message: "MariaDB, Redis and 2/2 file-service replicas are ready",
                                           lastTransitionTime: time, observedGeneration: 3)
    static let resources = ResourceRequirements(requests: ["cpu": "100m", "memory": "128Mi"], limits: ["memory": "512Mi"])

    static let clusterSpec = FileWallBallClusterSpec(
        database: DatabaseSpec(image: "mariadb:10.11.9", storage: StorageSpec(size: "5Gi", storageClassName: "fast"),
                               resources: resources, databaseName: "files"),
        cache: CacheSpec(image: "redis:7.2.5", maxMemory: "512mb", evictionPolicy: .allkeysLFU,
                         ttl: CacheTTLSpec(fileMetadataSeconds: 60, sessionSeconds: 3600, temporaryDataSeconds: 30),
                         resources: resources),
        app: AppSpec(image: "registry.example/filewallball:0.1.0", replicas: 3, resources: resources, maxUploadSize: "1Gi",
                     environment: .production,
                     blobStorage: StorageSpec(size: "100Gi", storageClassName: "nfs", accessMode: .readWriteMany)),
        deletionPolicy: .delete)

    static let clusterStatus = FileWallBallClusterStatus(
        phase: .ready, conditions: [condition], observedGeneration: 3, replicas: 3, readyReplicas: 3, replicaSummary: "3/3",
        selector: "app.kubernetes.io/instance=files,app.kubernetes.io/component=file-service",
        url: "http://files-api.default.svc:8080",
        secrets: ClusterSecretNames(database: "files-database", cache: "files-cache", admin: "files-admin"))

    static let policySpec = BackupPolicySpec(
        clusterRef: LocalObjectReference(name: "files"), schedule: "30 1 * * 1-5", timeZone: "Europe/Paris",
        retention: RetentionSpec(days: 14, minCount: 5), compression: .zstd, verification: .checksum,
        storage: StorageSpec(size: "50Gi", storageClassName: "slow"), includeFiles: false, suspend: true)

    static let policyStatus = BackupPolicyStatus(
        observedGeneration: 2, lastScheduleTime: time, nextScheduleTime: "2026-12-03T02:00:00Z",
        lastSuccessfulBackup: BackupRecord(name: "filewallball_backup_20261202_020000.sql.gz", takenAt: time, sizeBytes: 4096,
                                           sha256: String(repeating: "ab", count: 32), verified: true, durationSeconds: 12),
        lastFailure: BackupFailure(time: time, reason: "VerificationFailed", message: "row counts differ in table files"),
        backups: [KeptBackup(name: "filewallball_backup_20261202_020000.sql.gz", takenAt: time, sizeBytes: 4096, verified: true,
                             origin: "scheduled")],
        lastOnDemandRequest: "2026-12-02-a", conditions: [condition])

    static let restoreSpec = RestoreRequestSpec(clusterRef: LocalObjectReference(name: "files"), backupPolicyName: "nightly",
                                                backup: "filewallball_backup_20261202_020000.sql.gz", safetyBackup: false)

    static let restoreStatus = RestoreRequestStatus(
        phase: .completed, startedAt: time, completedAt: time, restoredBackup: "filewallball_backup_20261202_020000.sql.gz",
        safetyBackupName: "filewallball_safety_20261202_101500.sql.gz", message: "restored", observedGeneration: 1,
        conditions: [condition])
}
