/// CPU and memory requests and limits of a container, as `corev1.ResourceRequirements` writes them.
public struct ResourceRequirements: Codable, Sendable, Equatable, SchemaDescribed {
    /// Minimum resources the scheduler reserves (`cpu`, `memory`), as quantities.
    public var requests: [String: String]?
    /// Maximum resources the container may use.
    public var limits: [String: String]?

    /// Creates requirements.
    public init(requests: [String: String]? = nil, limits: [String: String]? = nil) {
        self.requests = requests
        self.limits = limits
    }

    /// The schema, as Kubernetes describes ResourceRequirements.
    public static let schema = Schema.object(
        "Compute resources of the container, as in a Pod spec; omitted values are left to the cluster's defaults.", [
            "requests": .map("Minimum resources reserved for the container, for example cpu: 100m, memory: 128Mi.",
                             values: .quantity("A resource quantity.")),
            "limits": .map("Maximum resources the container may use, for example memory: 512Mi.",
                           values: .quantity("A resource quantity.")),
        ])
}
