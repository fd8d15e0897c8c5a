/// Options for delete and deleteCollection.
public struct DeleteOptions: Sendable, Equatable {
    /// How dependents are handled.
    public enum PropagationPolicy: String, Sendable {
        /// Keep dependents.
        case orphan = "Orphan"
        /// Delete dependents in the background.
        case background = "Background"
        /// Delete dependents before the owner.
        case foreground = "Foreground"
    }

    /// Dependent handling.
    public var propagationPolicy: PropagationPolicy?
    /// Only delete if the uid still matches.
    public var preconditionUID: String?
    /// Only delete if the resourceVersion still matches.
    public var preconditionResourceVersion: String?
    /// Grace period override.
    public var gracePeriodSeconds: Int?

    /// Creates delete options.
    public init(propagationPolicy: PropagationPolicy? = nil, preconditionUID: String? = nil, preconditionResourceVersion: String? = nil, gracePeriodSeconds: Int? = nil) {
        self.propagationPolicy = propagationPolicy
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.gracePeriodSeconds = gracePeriodSeconds
    }

    var body: [UInt8] {
        var object: JSONObject = ["kind": "DeleteOptions", "apiVersion": "v1"]
        object.set("propagationPolicy", propagationPolicy?.rawValue)
        object.set("gracePeriodSeconds", gracePeriodSeconds)
        var preconditions = JSONObject()
        preconditions.set("uid", preconditionUID)
        preconditions.set("resourceVersion", preconditionResourceVersion)
        if !preconditions.isEmpty { object["preconditions"] = .object(preconditions) }
        return JSONWriter.encode(.object(object))
    }
}
