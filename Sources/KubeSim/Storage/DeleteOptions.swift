import Foundation

/// How dependents are treated when an owner is deleted.
public enum DeletePropagation: String, Sendable {
    case background = "Background"
    case foreground = "Foreground"
    case orphan = "Orphan"
}

/// Parsed DeleteOptions (body and query).
struct DeleteOptions: Sendable {
    var propagation: DeletePropagation = .background
    var preconditionUID: String?
    var preconditionRV: String?
    var dryRun = false
    var now: Date

    /// Merges a DeleteOptions JSON body.
    mutating func merge(body: JSONValue?) {
        guard let body else { return }
        if let p = body["propagationPolicy"]?.stringValue, let policy = DeletePropagation(rawValue: p) { propagation = policy }
        if body["orphanDependents"]?.boolValue == true { propagation = .orphan }
        if let uid = body[path: ["preconditions", "uid"]]?.stringValue { preconditionUID = uid }
        if let rv = body[path: ["preconditions", "resourceVersion"]]?.stringValue { preconditionRV = rv }
        if let dry = body["dryRun"]?.arrayValue, dry.contains("All") { dryRun = true }
    }
}

/// The outcome of a DELETE.
enum DeleteOutcome: Sendable {
    /// The object is gone.
    case removed(JSONValue)
    /// The object stays until its finalizers are removed.
    case pending(JSONValue)
}
