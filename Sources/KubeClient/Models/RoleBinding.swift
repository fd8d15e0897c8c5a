/// rbac.authorization.k8s.io/v1 RoleBinding.
public struct RoleBinding: KubeResource {
    /// `rbac.authorization.k8s.io/v1` `rolebindings`.
    public static let descriptor = ResourceDescriptor(group: "rbac.authorization.k8s.io", version: "v1", plural: "rolebindings", kind: "RoleBinding", namespaced: true)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `subjects`.
    public var subjects: [RBACSubject] { get { object.nestedArray("subjects") } set { object.setNestedArray("subjects", newValue) } }
    /// `roleRef`.
    public var roleRef: RoleRef { get { object.nested("roleRef") } set { object.setNested("roleRef", newValue) } }
}

/// A binding subject (User, Group, ServiceAccount).
public struct RBACSubject: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `kind`.
    public var kind: String? { get { object.string("kind") } set { object.set("kind", newValue) } }
    /// `name`.
    public var name: String? { get { object.string("name") } set { object.set("name", newValue) } }
    /// `namespace`.
    public var namespace: String? { get { object.string("namespace") } set { object.set("namespace", newValue) } }
    /// `apiGroup`.
    public var apiGroup: String? { get { object.string("apiGroup") } set { object.set("apiGroup", newValue) } }
}

/// The role a binding grants.
public struct RoleRef: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `apiGroup`.
    public var apiGroup: String? { get { object.string("apiGroup") } set { object.set("apiGroup", newValue) } }
    /// `kind`.
    public var kind: String? { get { object.string("kind") } set { object.set("kind", newValue) } }
    /// `name`.
    public var name: String? { get { object.string("name") } set { object.set("name", newValue) } }
}
