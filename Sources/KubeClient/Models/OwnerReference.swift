/// One `metadata.ownerReferences` entry.
public struct OwnerReference: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// Creates a reference to an owner, marked as controller by default.
    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool = true, blockOwnerDeletion: Bool = true) {
        self.object = [:]
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }

    /// Owner apiVersion.
    public var apiVersion: String { get { object.string("apiVersion") ?? "" } set { object.set("apiVersion", newValue) } }
    /// Owner kind.
    public var kind: String { get { object.string("kind") ?? "" } set { object.set("kind", newValue) } }
    /// Owner name.
    public var name: String { get { object.string("name") ?? "" } set { object.set("name", newValue) } }
    /// Owner uid.
    public var uid: String { get { object.string("uid") ?? "" } set { object.set("uid", newValue) } }
    /// Whether this owner is the managing controller.
    public var controller: Bool? { get { object.bool("controller") } set { object.set("controller", newValue) } }
    /// Whether foreground deletion of the owner waits for this object.
    public var blockOwnerDeletion: Bool? { get { object.bool("blockOwnerDeletion") } set { object.set("blockOwnerDeletion", newValue) } }
}
