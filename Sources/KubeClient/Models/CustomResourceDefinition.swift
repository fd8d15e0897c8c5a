/// apiextensions.k8s.io/v1 CustomResourceDefinition.
public struct CustomResourceDefinition: KubeResource {
    /// `apiextensions.k8s.io/v1` `customresourcedefinitions`.
    public static let descriptor = ResourceDescriptor(group: "apiextensions.k8s.io", version: "v1", plural: "customresourcedefinitions", kind: "CustomResourceDefinition", namespaced: false)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `spec`.
    public var spec: CustomResourceDefinitionSpec { get { object.nested("spec") } set { object.setNested("spec", newValue) } }
    /// `status`.
    public var status: CustomResourceDefinitionStatus { get { object.nested("status") } set { object.setNested("status", newValue) } }
}

/// CRD spec.
public struct CustomResourceDefinitionSpec: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `group`.
    public var group: String? { get { object.string("group") } set { object.set("group", newValue) } }
    /// `scope`.
    public var scope: String? { get { object.string("scope") } set { object.set("scope", newValue) } }
    /// `names`.
    public var names: CustomResourceDefinitionNames { get { object.nested("names") } set { object.setNested("names", newValue) } }
    /// `versions`. (raw JSON)
    public var versions: JSONValue? { get { object["versions"] } set { object["versions"] = newValue } }
}

/// CRD names.
public struct CustomResourceDefinitionNames: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `plural`.
    public var plural: String? { get { object.string("plural") } set { object.set("plural", newValue) } }
    /// `singular`.
    public var singular: String? { get { object.string("singular") } set { object.set("singular", newValue) } }
    /// `kind`.
    public var kind: String? { get { object.string("kind") } set { object.set("kind", newValue) } }
    /// `listKind`.
    public var listKind: String? { get { object.string("listKind") } set { object.set("listKind", newValue) } }
    /// `shortNames`.
    public var shortNames: [String]? { get { object.stringArray("shortNames") } set { object.set("shortNames", newValue) } }
    /// `categories`.
    public var categories: [String]? { get { object.stringArray("categories") } set { object.set("categories", newValue) } }
}

/// CRD status.
public struct CustomResourceDefinitionStatus: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `conditions`.
    public var conditions: [Condition] { get { object.nestedArray("conditions") } set { object.setNestedArray("conditions", newValue) } }
    /// `acceptedNames`.
    public var acceptedNames: CustomResourceDefinitionNames { get { object.nested("acceptedNames") } set { object.setNested("acceptedNames", newValue) } }
}
