import KubeClient

/// What a workload's status says is wrong: `Available=False`, `Progressing=False` (e.g.
/// `ProgressDeadlineExceeded`) or `ReplicaFailure=True`, as reason and message. The cluster's status names
/// it next to a component that is not ready, so `kubectl get fwb -o yaml` says why (an image that cannot
/// be pulled, a quota) instead of only "0/2 ready".
public enum WorkloadProblem {
    /// The problem conditions of a workload status (type, status, reason, message only).
    public static func conditions(in status: JSONObject) -> [JSONValue] {
        (status["conditions"]?.arrayValue ?? []).compactMap { condition in
            guard let type = condition["type"]?.stringValue, let value = condition["status"]?.stringValue else { return nil }
            let problem = (type == "Available" && value == "False") || (type == "Progressing" && value == "False")
                || (type == "ReplicaFailure" && value == "True")
            guard problem else { return nil }
            var kept: JSONObject = ["type": .string(type), "status": .string(value)]
            for key in ["reason", "message"] { kept[key] = condition[key] }
            return .object(kept)
        }
    }

    /// `reason: message` of the first problem a workload reports, nil when it reports none.
    public static func summary(_ object: JSONObject?) -> String? {
        guard let status = object?["status"]?.objectValue, let first = conditions(in: status).first else { return nil }
        let reason = first["reason"]?.stringValue ?? first["type"]?.stringValue ?? ""
        let message = first["message"]?.stringValue ?? ""
        return message.isEmpty ? reason : "\(reason): \(message)"
    }
}
