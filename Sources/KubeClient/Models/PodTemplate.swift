/// A pod template: metadata plus pod spec.
public struct PodTemplateSpec: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `metadata`.
    public var metadata: ObjectMeta { get { object.nested("metadata") } set { object.setNested("metadata", newValue) } }
    /// `spec`.
    public var spec: PodSpec { get { object.nested("spec") } set { object.setNested("spec", newValue) } }
}

/// Pod spec fields the operator uses; everything else is kept as JSON.
public struct PodSpec: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `containers`.
    public var containers: [Container] { get { object.nestedArray("containers") } set { object.setNestedArray("containers", newValue) } }
    /// `initContainers`.
    public var initContainers: [Container] { get { object.nestedArray("initContainers") } set { object.setNestedArray("initContainers", newValue) } }
    /// `serviceAccountName`.
    public var serviceAccountName: String? { get { object.string("serviceAccountName") } set { object.set("serviceAccountName", newValue) } }
    /// `restartPolicy`.
    public var restartPolicy: String? { get { object.string("restartPolicy") } set { object.set("restartPolicy", newValue) } }
    /// `nodeName`.
    public var nodeName: String? { get { object.string("nodeName") } set { object.set("nodeName", newValue) } }
    /// `volumes`. (raw JSON)
    public var volumes: JSONValue? { get { object["volumes"] } set { object["volumes"] = newValue } }
    /// `securityContext`. (raw JSON)
    public var securityContext: JSONValue? { get { object["securityContext"] } set { object["securityContext"] = newValue } }
    /// `nodeSelector`.
    public var nodeSelector: [String: String]? { get { object.stringMap("nodeSelector") } set { object.set("nodeSelector", newValue) } }
}

/// A container.
public struct Container: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `name`.
    public var name: String? { get { object.string("name") } set { object.set("name", newValue) } }
    /// `image`.
    public var image: String? { get { object.string("image") } set { object.set("image", newValue) } }
    /// `imagePullPolicy`.
    public var imagePullPolicy: String? { get { object.string("imagePullPolicy") } set { object.set("imagePullPolicy", newValue) } }
    /// `command`.
    public var command: [String]? { get { object.stringArray("command") } set { object.set("command", newValue) } }
    /// `args`.
    public var args: [String]? { get { object.stringArray("args") } set { object.set("args", newValue) } }
    /// `env`. (raw JSON)
    public var env: JSONValue? { get { object["env"] } set { object["env"] = newValue } }
    /// `envFrom`. (raw JSON)
    public var envFrom: JSONValue? { get { object["envFrom"] } set { object["envFrom"] = newValue } }
    /// `ports`. (raw JSON)
    public var ports: JSONValue? { get { object["ports"] } set { object["ports"] = newValue } }
    /// `resources`. (raw JSON)
    public var resources: JSONValue? { get { object["resources"] } set { object["resources"] = newValue } }
    /// `volumeMounts`. (raw JSON)
    public var volumeMounts: JSONValue? { get { object["volumeMounts"] } set { object["volumeMounts"] = newValue } }
    /// `readinessProbe`. (raw JSON)
    public var readinessProbe: JSONValue? { get { object["readinessProbe"] } set { object["readinessProbe"] = newValue } }
    /// `livenessProbe`. (raw JSON)
    public var livenessProbe: JSONValue? { get { object["livenessProbe"] } set { object["livenessProbe"] = newValue } }
}

/// A label selector.
public struct LabelSelector: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `matchLabels`.
    public var matchLabels: [String: String]? { get { object.stringMap("matchLabels") } set { object.set("matchLabels", newValue) } }
    /// `matchExpressions`. (raw JSON)
    public var matchExpressions: JSONValue? { get { object["matchExpressions"] } set { object["matchExpressions"] = newValue } }
}
