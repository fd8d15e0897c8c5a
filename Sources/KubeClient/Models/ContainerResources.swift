/// A container's `resources`: requests and limits as quantities (`cpu: "250m"`, `memory: "256Mi"`).
/// (Named apart from FileWallBallAPI's `ResourceRequirements`, the CRD-facing type.)
public struct ContainerResources: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// Creates requests and limits (nil or empty maps are left out).
    public init(requests: [String: String]? = nil, limits: [String: String]? = nil) {
        self.object = [:]
        self.requests = requests.flatMap { $0.isEmpty ? nil : $0 }
        self.limits = limits.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `requests`.
    public var requests: [String: String]? { get { object.stringMap("requests") } set { object.set("requests", newValue) } }
    /// `limits`.
    public var limits: [String: String]? { get { object.stringMap("limits") } set { object.set("limits", newValue) } }
}
