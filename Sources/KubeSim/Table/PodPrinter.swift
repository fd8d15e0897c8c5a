import Foundation

/// The Pod table kube-apiserver serves (`kubectl get pods`, `-o wide`): the columns and the STATUS, READY and
/// RESTARTS computations of its Pod printer, re-expressed over JSON.
enum PodPrinter {
    /// Name, Ready, Status, Restarts, Age; with priority 1 (wide): IP, Node, Nominated Node, Readiness Gates.
    static let columnDefinitions: JSONValue = [
        ["name": "Name", "type": "string", "format": "name", "priority": 0,
            "description": "Name must be unique within a namespace. Cannot be updated."],
        ["name": "Ready", "type": "string", "format": "", "priority": 0,
            "description": "The aggregate readiness state of this pod for accepting traffic."],
        ["name": "Status", "type": "string", "format": "", "priority": 0,
            "description": "The aggregate status of the containers in this pod."],
        ["name": "Restarts", "type": "string", "format": "", "priority": 0,
            "description": "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."],
        ["name": "Age", "type": "string", "format": "", "priority": 0,
            "description": "CreationTimestamp is a timestamp representing the server time when this object was created."],
        ["name": "IP", "type": "string", "format": "", "priority": 1, "description": "IP address allocated to the pod."],
        ["name": "Node", "type": "string", "format": "", "priority": 1,
            "description": "NodeName indicates in which node this pod is scheduled."],
        ["name": "Nominated Node", "type": "string", "format": "", "priority": 1,
            "description": "nominatedNodeName is set when this pod preempts other pods on the node."],
        ["name": "Readiness Gates", "type": "string", "format": "", "priority": 1,
            "description": "If specified, all readiness gates will be evaluated for pod readiness."],
    ]

    /// The cells of one Pod's row.
    static func cells(_ pod: JSONValue, now: Date) -> [JSONValue] {
        let spec = pod["spec"] ?? [:]
        let status = pod["status"] ?? [:]
        let phase = status["phase"]?.stringValue ?? ""
        var reason = status["reason"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? phase
        let conditions = status["conditions"]?.arrayValue ?? []
        func condition(_ type: String) -> JSONValue? { conditions.first { $0["type"]?.stringValue == type } }
        if condition("PodScheduled")?["reason"]?.stringValue == "SchedulingGated" { reason = "SchedulingGated" }

        let initSpecs = spec["initContainers"]?.arrayValue ?? []
        let restartable = Set(initSpecs.filter { $0["restartPolicy"]?.stringValue == "Always" }.compactMap { $0["name"]?.stringValue })
        let total = (spec["containers"]?.arrayValue ?? []).count + restartable.count
        var ready = 0
        var restarts = 0
        var sidecarRestarts = 0
        var lastRestart: Date?
        var lastSidecarRestart: Date?
        func later(_ a: Date?, _ b: Date?) -> Date? { guard let b else { return a }; guard let a else { return b }; return max(a, b) }

        var initializing = false
        let initStatuses = status["initContainerStatuses"]?.arrayValue ?? []
        for (i, c) in initStatuses.enumerated() {
            let count = Int(c["restartCount"]?.intValue ?? 0)
            let finished = finishedAt(c[path: ["lastState", "terminated"]])
            restarts += count
            lastRestart = later(lastRestart, finished)
            let isSidecar = restartable.contains(c["name"]?.stringValue ?? "")
            if isSidecar {
                sidecarRestarts += count
                lastSidecarRestart = later(lastSidecarRestart, finished)
            }
            let terminated = c[path: ["state", "terminated"]]
            let waitingReason = c[path: ["state", "waiting", "reason"]]?.stringValue ?? ""
            if let terminated, terminated["exitCode"]?.intValue ?? 0 == 0 { continue }
            if isSidecar, c["started"]?.boolValue == true {
                if c["ready"]?.boolValue == true { ready += 1 }
                continue
            }
            if let terminated {
                reason = "Init:" + terminatedReason(terminated)
            } else if !waitingReason.isEmpty, waitingReason != "PodInitializing" {
                reason = "Init:" + waitingReason
            } else {
                reason = "Init:\(i)/\(initSpecs.count)"
            }
            initializing = true
            break
        }

        if !initializing || condition("Initialized")?["status"]?.stringValue == "True" {
            restarts = sidecarRestarts
            lastRestart = lastSidecarRestart
            var hasRunning = false
            for c in (status["containerStatuses"]?.arrayValue ?? []).reversed() {
                restarts += Int(c["restartCount"]?.intValue ?? 0)
                lastRestart = later(lastRestart, finishedAt(c[path: ["lastState", "terminated"]]))
                let waiting = c[path: ["state", "waiting", "reason"]]?.stringValue ?? ""
                let terminated = c[path: ["state", "terminated"]]
                if !waiting.isEmpty {
                    reason = waiting
                } else if let terminated {
                    reason = terminatedReason(terminated)
                } else if c["ready"]?.boolValue == true, c[path: ["state", "running"]] != nil {
                    hasRunning = true
                    ready += 1
                }
            }
            if reason == "Completed", hasRunning {
                reason = condition("Ready")?["status"]?.stringValue == "True" ? "Running" : "NotReady"
            }
        }

        let deleting = pod[path: ["metadata", "deletionTimestamp"]]?.stringValue != nil
        if deleting, status["reason"]?.stringValue == "NodeLost" {
            reason = "Unknown"
        } else if deleting, phase != "Succeeded", phase != "Failed" {
            reason = "Terminating"
        }

        var restartText = String(restarts)
        if restarts != 0, let lastRestart {
            restartText = "\(restarts) (\(TableConverter.humanDuration(now.timeIntervalSince(lastRestart))) ago)"
        }
        let created = pod[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(ObjectMeta.parseTimestamp)
        let age = created.map { TableConverter.humanDuration(now.timeIntervalSince($0)) } ?? "<unknown>"

        var ip = status[path: ["podIPs"]]?.arrayValue?.first?["ip"]?.stringValue ?? status["podIP"]?.stringValue ?? ""
        if ip.isEmpty { ip = "<none>" }
        let node = nonEmpty(spec["nodeName"]?.stringValue)
        let nominated = nonEmpty(status["nominatedNodeName"]?.stringValue)
        var gates = "<none>"
        let gateSpecs = spec["readinessGates"]?.arrayValue ?? []
        if !gateSpecs.isEmpty {
            let passed = gateSpecs.filter { gate in
                condition(gate["conditionType"]?.stringValue ?? "")?["status"]?.stringValue == "True"
            }.count
            gates = "\(passed)/\(gateSpecs.count)"
        }
        return [pod[path: ["metadata", "name"]] ?? "", .string("\(ready)/\(total)"), .string(reason), .string(restartText),
            .string(age), .string(ip), .string(node), .string(nominated), .string(gates)]
    }

    /// Row conditions: `Completed=True` for a Pod that has ended (what `kubectl get` uses to tell them apart).
    static func rowConditions(_ pod: JSONValue) -> JSONValue? {
        switch pod[path: ["status", "phase"]]?.stringValue {
        case "Succeeded": return [["type": "Completed", "status": "True", "reason": "Succeeded", "message": "The pod has completed successfully."]]
        case "Failed": return [["type": "Completed", "status": "True", "reason": "Failed", "message": "The pod failed."]]
        default: return nil
        }
    }

    private static func terminatedReason(_ terminated: JSONValue) -> String {
        if let r = terminated["reason"]?.stringValue, !r.isEmpty { return r }
        if let signal = terminated["signal"]?.intValue, signal != 0 { return "Signal:\(signal)" }
        return "ExitCode:\(terminated["exitCode"]?.intValue ?? 0)"
    }

    private static func finishedAt(_ terminated: JSONValue?) -> Date? {
        terminated?["finishedAt"]?.stringValue.flatMap(ObjectMeta.parseTimestamp)
    }

    private static func nonEmpty(_ s: String?) -> String {
        guard let s, !s.isEmpty else { return "<none>" }
        return s
    }
}
