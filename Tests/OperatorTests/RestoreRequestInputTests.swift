import FileWallBallAPI
import Foundation
import KubeClient
import Testing
@testable import Operator

/// Reading a served RestoreRequest, checking its spec, and the accepted-spec record.
@Suite struct RestoreRequestInputTests {
    static func object(spec: JSONValue? = .object(["clusterRef": .object(["name": .string("files")]), "backup": .string("b1.sql.gz")]),
                       annotations: [String: String]? = nil, status: JSONValue? = nil) -> GenericResource {
        var object = GenericResource(object: [
            "apiVersion": .string("filewallball.io/v1alpha1"), "kind": .string("RestoreRequest"),
            "metadata": .object(["name": .string("r1"), "namespace": .string("team-a"), "uid": .string("uid-1"),
                                 "generation": .int(1), "creationTimestamp": .string("2027-01-15T08:00:00Z")]),
        ])
        if let spec { object.object["spec"] = spec }
        if let status { object.object["status"] = status }
        object.metadata.annotations = annotations
        return object
    }

    @Test func readsIdentitySpecAndStatus() throws {
        let accepted = ResolvedRestoreSpec(clusterName: "files", backup: "b1.sql.gz").canonicalJSON
        let input = try RestoreRequestInput(object: Self.object(
            annotations: [RestoreRequestInput.acceptedSpecAnnotation: accepted],
            status: .object(["phase": .string("Restoring"), "safetyBackupName": .string("s1")])))
        #expect(input.name == "r1")
        #expect(input.namespace == "team-a")
        #expect(input.uid == "uid-1")
        #expect(input.generation == 1)
        #expect(input.creationTimestamp == "2027-01-15T08:00:00Z")
        #expect(try input.spec.get() == ResolvedRestoreSpec(clusterName: "files", backupPolicyName: nil, backup: "b1.sql.gz", safetyBackup: true))
        #expect(input.status.phase == .restoring)
        #expect(input.status.safetyBackupName == "s1")
        #expect(input.acceptance == .same)
        #expect(input.actingSpec?.clusterName == "files")
        let owner = input.ownerReference
        #expect(owner.kind == "RestoreRequest")
        #expect(owner.name == "r1")
        #expect(owner.uid == "uid-1")
        #expect(owner.controller == true)
        #expect(RestorePeer(input) == RestorePeer(name: "r1", clusterName: "files", creationTimestamp: "2027-01-15T08:00:00Z", phase: .restoring))
    }

    @Test func refusesObjectsWithoutIdentityOrWithAnUnreadableStatus() {
        var object = Self.object()
        object.metadata.uid = nil
        #expect { try RestoreRequestInput(object: object) } throws: { ($0 as? RestoreRequestInputError)?.code == "missing_uid" }
        object = Self.object()
        object.metadata.creationTimestamp = "yesterday"
        #expect { try RestoreRequestInput(object: object) } throws: { ($0 as? RestoreRequestInputError)?.code == "missing_creation_timestamp" }
        object = Self.object()
        object.metadata.namespace = nil
        #expect { try RestoreRequestInput(object: object) } throws: { ($0 as? RestoreRequestInputError)?.code == "missing_namespace" }
        #expect { try RestoreRequestInput(object: Self.object(status: .object(["phase": .string("Sleeping")]))) } throws: {
            ($0 as? RestoreRequestInputError)?.code == "invalid_status"
        }
    }

    @Test(arguments: [
        (JSONValue.object(["clusterRef": .object(["name": .string("files")]), "safetyBackup": .string("yes")]), "spec.safetyBackup"),
        (.object(["backup": .string("latest")]), "spec.clusterRef"),
        (.object(["clusterRef": .object([:])]), "spec.clusterRef.name"),
        (.object(["clusterRef": .object(["name": .string("Files")])]), "spec.clusterRef.name"),
        (.object(["clusterRef": .object(["name": .string("files")]), "backup": .string("../etc/passwd")]), "spec.backup"),
        (.object(["clusterRef": .object(["name": .string("files")]), "backupPolicyName": .string("a..b")]), "spec.backupPolicyName"),
        (.string("nonsense"), "spec"),
    ])
    func anInvalidSpecIsReportedWithItsField(spec: JSONValue, field: String) throws {
        let input = try RestoreRequestInput(object: Self.object(spec: spec))
        guard case .failure(let issue) = input.spec else {
            Issue.record("spec \(spec) was accepted")
            return
        }
        #expect(issue.field == field)
        #expect(issue.message.hasPrefix("\(field): "))
        let plan = RestorePlanner.plan(input, observed: RestoreFixtures.observe(), now: RestoreFixtures.t0)
        #expect(plan.status.phase == .failed)
        #expect(plan.status.conditions?.first { $0.type == "Ready" }?.reason == "InvalidSpec")
        #expect(plan.status.message?.hasPrefix(field) == true)
        #expect(plan.action == .none)
    }

    @Test func aMissingSpecIsInvalid() throws {
        let input = try RestoreRequestInput(object: Self.object(spec: nil))
        #expect(input.actingSpec == nil)
        guard case .failure(let issue) = input.spec else {
            Issue.record("a missing spec was accepted")
            return
        }
        #expect(issue.field == "spec")
    }

    @Test func defaultsCompareEqualToExplicitValuesAndTheRecordRoundTrips() throws {
        let defaulted = try ResolvedRestoreSpec(RestoreRequestSpec(clusterRef: LocalObjectReference(name: "files")))
        let explicit = try ResolvedRestoreSpec(RestoreRequestSpec(clusterRef: LocalObjectReference(name: "files"), backup: "latest", safetyBackup: true))
        #expect(defaulted == explicit)
        #expect(defaulted.isLatest)
        #expect(defaulted.canonicalJSON == #"{"backup":"latest","clusterName":"files","safetyBackup":true}"#)
        #expect(ResolvedRestoreSpec(canonicalJSON: defaulted.canonicalJSON) == defaulted)
        #expect(ResolvedRestoreSpec(canonicalJSON: "{}") == nil)
        let withPolicy = ResolvedRestoreSpec(clusterName: "files", backupPolicyName: "nightly", backup: "b.sql.gz", safetyBackup: false)
        #expect(ResolvedRestoreSpec(canonicalJSON: withPolicy.canonicalJSON) == withPolicy)
    }

    @Test func aChangedSpecIsSeenAgainstTheRecord() throws {
        let recorded = ResolvedRestoreSpec(clusterName: "files", backup: "b1.sql.gz").canonicalJSON
        let input = try RestoreRequestInput(object: Self.object(
            spec: .object(["clusterRef": .object(["name": .string("files")]), "backup": .string("b2.sql.gz")]),
            annotations: [RestoreRequestInput.acceptedSpecAnnotation: recorded]))
        guard case .changed(let text) = input.acceptance else {
            Issue.record("the change was not seen")
            return
        }
        #expect(text.contains("b1.sql.gz"))
        #expect(text.contains("b2.sql.gz"))
        #expect(input.actingSpec?.backup == "b1.sql.gz")
        #expect(try RestoreRequestInput(object: Self.object()).acceptance == .notRecorded)
    }
}
