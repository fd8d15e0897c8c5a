/// `metadata` of any object.
public struct ObjectMeta: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// Object name.
    public var name: String? { get { object.string("name") } set { object.set("name", newValue) } }
    /// Prefix for server-generated names.
    public var generateName: String? { get { object.string("generateName") } set { object.set("generateName", newValue) } }
    /// Namespace.
    public var namespace: String? { get { object.string("namespace") } set { object.set("namespace", newValue) } }
    /// Server-assigned unique id.
    public var uid: String? { get { object.string("uid") } set { object.set("uid", newValue) } }
    /// Optimistic-concurrency version.
    public var resourceVersion: String? { get { object.string("resourceVersion") } set { object.set("resourceVersion", newValue) } }
    /// Spec generation.
    public var generation: Int? { get { object.int("generation") } set { object.set("generation", newValue) } }
    /// Labels.
    public var labels: [String: String]? { get { object.stringMap("labels") } set { object.set("labels", newValue) } }
    /// Annotations.
    public var annotations: [String: String]? { get { object.stringMap("annotations") } set { object.set("annotations", newValue) } }
    /// Finalizers.
    public var finalizers: [String]? { get { object.stringArray("finalizers") } set { object.set("finalizers", newValue) } }
    /// Creation time (RFC 3339).
    public var creationTimestamp: String? { get { object.string("creationTimestamp") } set { object.set("creationTimestamp", newValue) } }
    /// Deletion time when terminating.
    public var deletionTimestamp: String? { get { object.string("deletionTimestamp") } set { object.set("deletionTimestamp", newValue) } }
    /// Owners.
    public var ownerReferences: [OwnerReference] {
        get { object.nestedArray("ownerReferences") }
        set { if newValue.isEmpty { object["ownerReferences"] = nil } else { object.setNestedArray("ownerReferences", newValue) } }
    }
}
