/// A Kubernetes object backed by its full JSON; typed accessors read and write into it, so fields this
/// client does not model survive a read-modify-write untouched.
public protocol KubeObject: Sendable, Equatable {
    /// The complete JSON object as sent by the server.
    var object: JSONObject { get set }
    /// Wraps a JSON object.
    init(object: JSONObject)
}

/// A `KubeObject` whose REST resource is known statically.
public protocol KubeResource: KubeObject {
    /// The REST resource of this kind.
    static var descriptor: ResourceDescriptor { get }
}

extension KubeObject {
    /// Standard object metadata.
    public var metadata: ObjectMeta {
        get { ObjectMeta(object: object.objectMember("metadata")) }
        set { object["metadata"] = .object(newValue.object) }
    }
    /// `metadata.name`.
    public var name: String { metadata.name ?? "" }
    /// `metadata.namespace`, nil for cluster-scoped objects.
    public var namespace: String? { metadata.namespace }
    /// `metadata.resourceVersion`.
    public var resourceVersion: String? { metadata.resourceVersion }
    /// `metadata.uid`.
    public var uid: String? { metadata.uid }
    /// `apiVersion`.
    public var apiVersion: String? {
        get { object.string("apiVersion") }
        set { object.set("apiVersion", newValue) }
    }
    /// `kind`.
    public var kind: String? {
        get { object.string("kind") }
        set { object.set("kind", newValue) }
    }
    /// The cache key `namespace/name` (or just `name` when cluster-scoped).
    public var cacheKey: String {
        if let namespace = metadata.namespace, !namespace.isEmpty { return "\(namespace)/\(name)" }
        return name
    }
    /// Converts to another wrapper over the same JSON (e.g. generic ↔ typed).
    public func converted<T: KubeObject>(to type: T.Type) -> T { T(object: object) }
}

extension KubeResource {
    /// Creates an empty object with apiVersion, kind, name and namespace set.
    public init(name: String, namespace: String? = nil) {
        self.init(object: [
            "apiVersion": .string(Self.descriptor.apiVersion), "kind": .string(Self.descriptor.kind),
        ])
        metadata.name = name
        if Self.descriptor.namespaced { metadata.namespace = namespace }
    }
}
