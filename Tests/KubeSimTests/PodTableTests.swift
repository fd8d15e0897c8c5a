import Foundation
import Testing
@testable import KubeSim

/// The Pod table: READY, STATUS, RESTARTS as kube-apiserver's Pod printer computes them.
@Suite struct PodTableTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static func ago(_ seconds: TimeInterval) -> JSONValue { .string(ObjectMeta.timestamp(now.addingTimeInterval(-seconds))) }

    static func pod(phase: String = "Running", containers: Int = 1, statuses: [JSONValue] = [], conditions: [JSONValue] = [],
        deleting: Bool = false, extraSpec: JSONValue = [:], reason: String? = nil) -> JSONValue
    {
        var p: JSONValue = [
            "metadata": ["name": "p", "creationTimestamp": ago(300)],
            "spec": ["containers": .array((0..<containers).map { ["name": .string("c\($0)")] })],
            "status": ["phase": .string(phase), "containerStatuses": .array(statuses), "conditions": .array(conditions)],
        ]
        if deleting { p[path: ["metadata", "deletionTimestamp"]] = ago(1) }
        for (k, v) in extraSpec.objectValue ?? [:] { p[path: ["spec", k]] = v }
        if let reason { p[path: ["status", "reason"]] = .string(reason) }
        return p
    }

    static func running(ready: Bool = true, restarts: Int64 = 0, lastFinished: TimeInterval? = nil) -> JSONValue {
        var s: JSONValue = ["name": "c0", "ready": .bool(ready), "restartCount": .int(restarts), "state": ["running": ["startedAt": ago(60)]]]
        if let lastFinished { s["lastState"] = ["terminated": ["exitCode": 1, "finishedAt": ago(lastFinished)]] }
        return s
    }

    static func cells(_ pod: JSONValue) -> [String] {
        PodPrinter.cells(pod, now: now).map { $0.stringValue ?? "?" }
    }

    @Test func statusColumn() {
        let readyCondition: [JSONValue] = [["type": "Ready", "status": "True"]]
        #expect(Self.cells(Self.pod(statuses: [Self.running()], conditions: readyCondition))[0...4]
            == ["p", "1/1", "Running", "0", "5m"])
        #expect(Self.cells(Self.pod(phase: "Pending"))[2] == "Pending")
        let creating: JSONValue = ["name": "c0", "ready": false, "restartCount": 0, "state": ["waiting": ["reason": "ContainerCreating"]]]
        #expect(Self.cells(Self.pod(phase: "Pending", statuses: [creating]))[1...2] == ["0/1", "ContainerCreating"])
        let neverPull: JSONValue = ["name": "c0", "ready": false, "restartCount": 0, "state": ["waiting": ["reason": "ErrImageNeverPull"]]]
        #expect(Self.cells(Self.pod(phase: "Pending", statuses: [neverPull]))[2] == "ErrImageNeverPull")
        let crash: JSONValue = ["name": "c0", "ready": false, "restartCount": 4, "state": ["waiting": ["reason": "CrashLoopBackOff"]],
            "lastState": ["terminated": ["exitCode": 1, "reason": "Error", "finishedAt": Self.ago(30)]]]
        #expect(Self.cells(Self.pod(statuses: [crash]))[1...3] == ["0/1", "CrashLoopBackOff", "4 (30s ago)"])
        let completed: JSONValue = ["name": "c0", "ready": false, "restartCount": 0, "state": ["terminated": ["exitCode": 0, "reason": "Completed"]]]
        #expect(Self.cells(Self.pod(phase: "Succeeded", statuses: [completed]))[2] == "Completed")
        let failed: JSONValue = ["name": "c0", "ready": false, "restartCount": 0, "state": ["terminated": ["exitCode": 2, "reason": "Error"]]]
        #expect(Self.cells(Self.pod(phase: "Failed", statuses: [failed]))[2] == "Error")
        let noReason: JSONValue = ["name": "c0", "restartCount": 0, "state": ["terminated": ["exitCode": 137]]]
        #expect(Self.cells(Self.pod(phase: "Failed", statuses: [noReason]))[2] == "ExitCode:137")
        #expect(Self.cells(Self.pod(statuses: [Self.running()], conditions: readyCondition, deleting: true))[2] == "Terminating")
        #expect(Self.cells(Self.pod(phase: "Succeeded", statuses: [completed], deleting: true))[2] == "Completed")
        #expect(Self.cells(Self.pod(phase: "Failed", reason: "Evicted"))[2] == "Evicted")
        // Two containers, one still running after the other completed: Running when the Pod is Ready.
        let second: JSONValue = ["name": "c1", "ready": true, "restartCount": 0, "state": ["running": [:]]]
        #expect(Self.cells(Self.pod(containers: 2, statuses: [completed, second], conditions: readyCondition))[1...2] == ["1/2", "Running"])
        #expect(Self.cells(Self.pod(containers: 2, statuses: [completed, second]))[2] == "NotReady")
    }

    @Test func initContainersAndRestarts() {
        let initSpec: JSONValue = ["initContainers": [["name": "setup"]]]
        let initWaiting: JSONValue = ["name": "setup", "restartCount": 0, "state": ["running": [:]]]
        var pod = Self.pod(phase: "Pending", extraSpec: initSpec)
        pod[path: ["status", "initContainerStatuses"]] = [initWaiting]
        #expect(Self.cells(pod)[2] == "Init:0/1")
        let initFailed: JSONValue = ["name": "setup", "restartCount": 2, "state": ["terminated": ["exitCode": 1, "reason": "Error"]]]
        pod[path: ["status", "initContainerStatuses"]] = [initFailed]
        #expect(Self.cells(pod)[2...3] == ["Init:Error", "2"])
        #expect(Self.cells(Self.pod(statuses: [Self.running(restarts: 3, lastFinished: 7200)]))[3] == "3 (120m ago)")
        #expect(Self.cells(Self.pod(statuses: [Self.running(restarts: 1)]))[3] == "1")
    }

    @Test func wideColumnsAndDefinitions() {
        var pod = Self.pod(statuses: [Self.running()], extraSpec: ["nodeName": "filewallball-dev"])
        pod[path: ["status", "podIP"]] = "127.10.0.5"
        let cells = Self.cells(pod)
        #expect(cells[5...8] == ["127.10.0.5", "filewallball-dev", "<none>", "<none>"])
        #expect(Self.cells(Self.pod())[5...6] == ["<none>", "<none>"])
        let names = PodPrinter.columnDefinitions.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"])
        let priorities = PodPrinter.columnDefinitions.arrayValue?.compactMap { $0["priority"]?.intValue }
        #expect(priorities == [0, 0, 0, 0, 0, 1, 1, 1, 1])
        let type = BuiltinResources.all.first { $0.plural == "pods" }
        if let type {
            let table = TableConverter(type: type, now: Self.now, includeObject: "None").table([pod], resourceVersion: 1, continueToken: nil)
            #expect(table["rows"]?.arrayValue?.first?["cells"]?.arrayValue?.count == 9)
            #expect(table["columnDefinitions"]?.arrayValue?.count == 9)
        }
        var done = Self.pod(phase: "Succeeded")
        done[path: ["metadata", "name"]] = "job-x"
        #expect(PodPrinter.rowConditions(done)?.arrayValue?.first?["type"] == "Completed")
    }

    @Test func humanDurationsLikeKubectl() {
        let cases: [(TimeInterval, String)] = [(5, "5s"), (119, "119s"), (125, "2m5s"), (600, "10m"), (3 * 3600 + 60, "3h1m"),
            (8 * 3600, "8h"), (47 * 3600, "47h"), (50 * 3600, "2d2h"), (8 * 86400, "8d"), (800 * 86400, "2y70d"), (9 * 365 * 86400, "9y")]
        for (seconds, text) in cases { #expect(TableConverter.humanDuration(seconds) == text) }
    }
}
