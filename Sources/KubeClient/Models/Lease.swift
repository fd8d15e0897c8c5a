/// coordination.k8s.io/v1 Lease (leader election).
public struct Lease: KubeResource {
    /// `coordination.k8s.io/v1` `leases`.
    public static let descriptor = ResourceDescriptor(group: "coordination.k8s.io", version: "v1", plural: "leases", kind: "Lease", namespaced: true)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `spec`.
    public var spec: LeaseSpec { get { object.nested("spec") } set { object.setNested("spec", newValue) } }
}

/// Lease spec.
public struct LeaseSpec: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `holderIdentity`.
    public var holderIdentity: String? { get { object.string("holderIdentity") } set { object.set("holderIdentity", newValue) } }
    /// `leaseDurationSeconds`.
    public var leaseDurationSeconds: Int? { get { object.int("leaseDurationSeconds") } set { object.set("leaseDurationSeconds", newValue) } }
    /// `acquireTime`.
    public var acquireTime: String? { get { object.string("acquireTime") } set { object.set("acquireTime", newValue) } }
    /// `renewTime`.
    public var renewTime: String? { get { object.string("renewTime") } set { object.set("renewTime", newValue) } }
    /// `leaseTransitions`.
    public var leaseTransitions: Int? { get { object.int("leaseTransitions") } set { object.set("leaseTransitions", newValue) } }
}
