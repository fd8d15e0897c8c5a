/// core/v1 Namespace.
public struct Namespace: KubeResource {
    /// `v1` `namespaces`.
    public static let descriptor = ResourceDescriptor(group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `status`.
    public var status: NamespaceStatus { get { object.nested("status") } set { object.setNested("status", newValue) } }
}

/// Namespace status.
public struct NamespaceStatus: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `phase`.
    public var phase: String? { get { object.string("phase") } set { object.set("phase", newValue) } }
}
