import Foundation

/// Server-side defaulting for the built-in kinds.
enum BuiltinDefaults {
    /// Applies defaults to a built-in object before it is stored.
    static func apply(_ type: ResourceType, _ object: inout JSONValue, isCreate: Bool) {
        switch (type.group, type.plural) {
        case ("", "namespaces"):
            let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
            object[path: ["metadata", "labels", "kubernetes.io/metadata.name"]] = .string(name)
            if object[path: ["spec", "finalizers"]] == nil { object[path: ["spec", "finalizers"]] = ["kubernetes"] }
            if object[path: ["status", "phase"]] == nil { object[path: ["status", "phase"]] = "Active" }
        case ("", "secrets"):
            if object["type"] == nil { object["type"] = "Opaque" }
            if let stringData = object["stringData"]?.objectValue {
                for (k, v) in stringData {
                    object[path: ["data", k]] = .string(Data((v.stringValue ?? "").utf8).base64EncodedString())
                }
                object["stringData"] = nil
            }
        case ("", "services"):
            // Cluster IPs are allocated by ClusterState (ServiceIPRange), which knows the addresses in use.
            if object[path: ["spec", "type"]] == nil { object[path: ["spec", "type"]] = "ClusterIP" }
            if object[path: ["spec", "sessionAffinity"]] == nil { object[path: ["spec", "sessionAffinity"]] = "None" }
            if var ports = object[path: ["spec", "ports"]]?.arrayValue {
                // Like SetDefaults_ServicePort: protocol TCP, targetPort = port.
                for i in ports.indices {
                    if ports[i]["protocol"] == nil { ports[i]["protocol"] = "TCP" }
                    if ports[i]["targetPort"] == nil, let port = ports[i]["port"] { ports[i]["targetPort"] = port }
                }
                object[path: ["spec", "ports"]] = .array(ports)
            }
        case ("", "pods"):
            if object[path: ["status", "phase"]] == nil { object[path: ["status", "phase"]] = "Pending" }
        case ("", "persistentvolumeclaims"):
            if object[path: ["status", "phase"]] == nil { object[path: ["status", "phase"]] = "Pending" }
        case ("apps", "deployments"):
            if object[path: ["spec", "replicas"]] == nil { object[path: ["spec", "replicas"]] = 1 }
        case ("apps", "statefulsets"):
            let defaults: [(String, JSONValue)] = [
                ("replicas", 1), ("podManagementPolicy", "OrderedReady"), ("revisionHistoryLimit", 10),
                ("updateStrategy", ["type": "RollingUpdate", "rollingUpdate": ["partition": 0]]),
                ("persistentVolumeClaimRetentionPolicy", ["whenDeleted": "Retain", "whenScaled": "Retain"]),
            ]
            for (k, v) in defaults where object[path: ["spec", k]] == nil { object[path: ["spec", k]] = v }
        case ("batch", "cronjobs"):
            for (k, v) in [("suspend", JSONValue.bool(false)), ("concurrencyPolicy", "Allow"), ("successfulJobsHistoryLimit", 3),
                ("failedJobsHistoryLimit", 1)] where object[path: ["spec", k]] == nil {
                object[path: ["spec", k]] = v
            }
        case ("batch", "jobs"):
            for (k, v) in [("backoffLimit", JSONValue.int(6)), ("completions", 1), ("parallelism", 1)] where object[path: ["spec", k]] == nil {
                object[path: ["spec", k]] = v
            }
        case ("coordination.k8s.io", "leases"):
            for field in ["acquireTime", "renewTime"] {
                if let t = object[path: ["spec", field]]?.stringValue {
                    object[path: ["spec", field]] = .string(ObjectMeta.microTime(t))
                }
            }
        default:
            break
        }
    }
}
