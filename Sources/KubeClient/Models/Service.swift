/// core/v1 Service.
public struct Service: KubeResource {
    /// `v1` `services`.
    public static let descriptor = ResourceDescriptor(group: "", version: "v1", plural: "services", kind: "Service", namespaced: true)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `spec`.
    public var spec: ServiceSpec { get { object.nested("spec") } set { object.setNested("spec", newValue) } }
    /// `status`. (raw JSON)
    public var status: JSONValue? { get { object["status"] } set { object["status"] = newValue } }
}

/// Service spec.
public struct ServiceSpec: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `type`.
    public var type: String? { get { object.string("type") } set { object.set("type", newValue) } }
    /// `clusterIP`.
    public var clusterIP: String? { get { object.string("clusterIP") } set { object.set("clusterIP", newValue) } }
    /// `selector`.
    public var selector: [String: String]? { get { object.stringMap("selector") } set { object.set("selector", newValue) } }
    /// `ports`.
    public var ports: [ServicePort] { get { object.nestedArray("ports") } set { object.setNestedArray("ports", newValue) } }
    /// `sessionAffinity`.
    public var sessionAffinity: String? { get { object.string("sessionAffinity") } set { object.set("sessionAffinity", newValue) } }
}

/// One service port; targetPort is int-or-string, kept as JSON.
public struct ServicePort: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `name`.
    public var name: String? { get { object.string("name") } set { object.set("name", newValue) } }
    /// `port`.
    public var port: Int? { get { object.int("port") } set { object.set("port", newValue) } }
    /// `targetPort`. (raw JSON)
    public var targetPort: JSONValue? { get { object["targetPort"] } set { object["targetPort"] = newValue } }
    /// `protocol`.
    public var `protocol`: String? { get { object.string("protocol") } set { object.set("protocol", newValue) } }
    /// `nodePort`.
    public var nodePort: Int? { get { object.int("nodePort") } set { object.set("nodePort", newValue) } }
}
