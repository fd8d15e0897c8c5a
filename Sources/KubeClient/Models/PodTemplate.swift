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
    /// `automountServiceAccountToken`.
    public var automountServiceAccountToken: Bool? { get { object.bool("automountServiceAccountToken") } set { object.set("automountServiceAccountToken", newValue) } }
    /// `volumes` (empty removes the member).
    public var volumes: [Volume] { get { object.nestedArray("volumes") } set { object.setNestedArrayOrRemove("volumes", newValue) } }
    /// `securityContext`.
    public var securityContext: PodSecurityContext? { get { object.optionalNested("securityContext") } set { object.setOptionalNested("securityContext", newValue) } }
    /// `terminationGracePeriodSeconds`.
    public var terminationGracePeriodSeconds: Int? { get { object.int("terminationGracePeriodSeconds") } set { object.set("terminationGracePeriodSeconds", newValue) } }
    /// `nodeSelector`.
    public var nodeSelector: [String: String]? { get { object.stringMap("nodeSelector") } set { object.set("nodeSelector", newValue) } }
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
