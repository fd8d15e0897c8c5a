/// networking.k8s.io/v1 NetworkPolicy.
public struct NetworkPolicy: KubeResource {
    /// `networking.k8s.io/v1` `networkpolicies`.
    public static let descriptor = ResourceDescriptor(group: "networking.k8s.io", version: "v1", plural: "networkpolicies", kind: "NetworkPolicy", namespaced: true)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `spec`.
    public var spec: NetworkPolicySpec { get { object.nested("spec") } set { object.setNested("spec", newValue) } }
}

/// NetworkPolicy spec; ingress and egress rules stay JSON.
public struct NetworkPolicySpec: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `podSelector`: the pods the policy applies to.
    public var podSelector: LabelSelector { get { object.nested("podSelector") } set { object.setNested("podSelector", newValue) } }
    /// `policyTypes` (`Ingress`, `Egress`).
    public var policyTypes: [String]? { get { object.stringArray("policyTypes") } set { object.set("policyTypes", newValue) } }
    /// `ingress` rules. (raw JSON)
    public var ingress: JSONValue? { get { object["ingress"] } set { object["ingress"] = newValue } }
    /// `egress` rules. (raw JSON)
    public var egress: JSONValue? { get { object["egress"] } set { object["egress"] = newValue } }
}
