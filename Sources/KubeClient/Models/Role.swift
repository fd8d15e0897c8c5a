/// rbac.authorization.k8s.io/v1 Role.
public struct Role: KubeResource {
    /// `rbac.authorization.k8s.io/v1` `roles`.
    public static let descriptor = ResourceDescriptor(group: "rbac.authorization.k8s.io", version: "v1", plural: "roles", kind: "Role", namespaced: true)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `rules`.
    public var rules: [PolicyRule] { get { object.nestedArray("rules") } set { object.setNestedArray("rules", newValue) } }
}

/// One RBAC rule.
public struct PolicyRule: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `apiGroups`.
    public var apiGroups: [String]? { get { object.stringArray("apiGroups") } set { object.set("apiGroups", newValue) } }
    /// `resources`.
    public var resources: [String]? { get { object.stringArray("resources") } set { object.set("resources", newValue) } }
    /// `verbs`.
    public var verbs: [String]? { get { object.stringArray("verbs") } set { object.set("verbs", newValue) } }
    /// `resourceNames`.
    public var resourceNames: [String]? { get { object.stringArray("resourceNames") } set { object.set("resourceNames", newValue) } }
    /// `nonResourceURLs`.
    public var nonResourceURLs: [String]? { get { object.stringArray("nonResourceURLs") } set { object.set("nonResourceURLs", newValue) } }
}
