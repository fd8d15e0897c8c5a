import FileWallBallAPI
import KubeClient
import Testing
@testable import Operator

@Suite struct BackupPolicyInputTests {
    func object(name: String? = "nightly", namespace: String? = "team-a", uid: String? = "u-1", spec: JSONValue? = nil) -> GenericResource {
        var object: JSONObject = ["apiVersion": "filewallball.io/v1alpha1", "kind": "BackupPolicy"]
        var meta: JSONObject = ["generation": .int(6), "annotations": .object([BackupPolicyNames.backupNowAnnotation: "2026-12-02"])]
        if let name { meta["name"] = .string(name) }
        if let namespace { meta["namespace"] = .string(namespace) }
        if let uid { meta["uid"] = .string(uid) }
        object["metadata"] = .object(meta)
        object["spec"] = spec ?? .object(["clusterRef": .object(["name": "files"]), "schedule": "@daily", "retention": .object(["days": .int(14)])])
        return GenericResource(object: object)
    }

    @Test func readsAServedObject() throws {
        let input = try BackupPolicyInput(object: object())
        #expect(input.name == "nightly" && input.namespace == "team-a" && input.uid == "u-1" && input.generation == 6)
        #expect(input.spec.clusterRef.name == "files")
        #expect(input.spec.schedule == "@daily")
        #expect(input.backupNowRequest == "2026-12-02")
        let owner = input.ownerReference
        #expect(owner.kind == "BackupPolicy" && owner.apiVersion == FileWallBallAPIGroup.apiVersion)
        #expect(owner.name == "nightly" && owner.uid == "u-1" && owner.controller == true)
    }

    @Test func rejectsIncompleteObjectsWithCodes() {
        func code(_ resource: GenericResource) -> String? {
            do { _ = try BackupPolicyInput(object: resource); return nil } catch { return error.code }
        }
        #expect(code(object(name: nil)) == "missing_name")
        #expect(code(object(name: String(repeating: "a", count: 46))) == "name_too_long")
        #expect(code(object(name: String(repeating: "a", count: 45))) == nil)
        #expect(code(object(namespace: nil)) == "missing_namespace")
        #expect(code(object(uid: nil)) == "missing_uid")
        #expect(code(object(spec: .object(["schedule": "@daily"]))) == "invalid_spec")
        #expect(code(object(spec: .object(["clusterRef": .object(["name": "files"]), "retention": .object(["days": "seven"])]))) == "invalid_spec")
    }

    @Test func resolvesEveryDefault() {
        let resolved = ResolvedBackupPolicySpec(BackupPolicySpec(clusterRef: LocalObjectReference(name: "files")))
        #expect(resolved.clusterName == "files")
        #expect(resolved.schedule == BackupDefaults.schedule)
        #expect(resolved.timeZone == "Etc/UTC")
        #expect(resolved.retentionDays == 7 && resolved.retentionMinCount == 3)
        #expect(resolved.compression == .gzip && resolved.verification == .restoreTest)
        #expect(resolved.storageSize == "20Gi" && resolved.storageClass == nil && resolved.storageAccessMode == .readWriteOnce)
        #expect(resolved.includeFiles && !resolved.suspend)

        let custom = ResolvedBackupPolicySpec(BackupPolicySpec(
            clusterRef: LocalObjectReference(name: "files"), schedule: "*/30 * * * *", timeZone: "Europe/Paris",
            retention: RetentionSpec(days: 30), compression: .zstd, verification: .checksum,
            storage: StorageSpec(size: "5Gi", storageClassName: "fast"), includeFiles: false, suspend: true))
        #expect(custom.retentionDays == 30 && custom.retentionMinCount == 3)
        #expect(custom.timeZone == "Europe/Paris" && custom.compression == .zstd && custom.verification == .checksum)
        #expect(custom.storageSize == "5Gi" && custom.storageClass == "fast" && !custom.includeFiles && custom.suspend)
    }

    @Test func scheduleAndTimeZoneAreValidatedTogether() {
        var spec = BackupPolicySpec(clusterRef: LocalObjectReference(name: "files"), schedule: "0 2 * * *", timeZone: "Europe/Paris")
        #expect((try? ResolvedBackupPolicySpec(spec).cronSchedule()) != nil)
        spec.timeZone = "Europe/Atlantis"
        #expect(throws: CronScheduleError(code: "unknown_time_zone", field: "timeZone", detail: "unknown time zone Europe/Atlantis")) {
            try ResolvedBackupPolicySpec(spec).cronSchedule()
        }
        spec.timeZone = nil
        spec.schedule = "0 25 * * *"
        #expect(throws: CronScheduleError(code: "out_of_range", field: "hour", detail: "25 is out of range 0-23")) {
            try ResolvedBackupPolicySpec(spec).cronSchedule()
        }
    }
}
