/// core/v1 Pod.
public struct Pod: KubeResource {
    /// `v1` `pods`.
    public static let descriptor = ResourceDescriptor(group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `spec`.
    public var spec: PodSpec { get { object.nested("spec") } set { object.setNested("spec", newValue) } }
    /// `status`.
    public var status: PodStatus { get { object.nested("status") } set { object.setNested("status", newValue) } }
}

/// Pod status.
public struct PodStatus: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `phase`.
    public var phase: String? { get { object.string("phase") } set { object.set("phase", newValue) } }
    /// `podIP`.
    public var podIP: String? { get { object.string("podIP") } set { object.set("podIP", newValue) } }
    /// `hostIP`.
    public var hostIP: String? { get { object.string("hostIP") } set { object.set("hostIP", newValue) } }
    /// `conditions`.
    public var conditions: [Condition] { get { object.nestedArray("conditions") } set { object.setNestedArray("conditions", newValue) } }
    /// `containerStatuses`. (raw JSON)
    public var containerStatuses: JSONValue? { get { object["containerStatuses"] } set { object["containerStatuses"] = newValue } }
}
