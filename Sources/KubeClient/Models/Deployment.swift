/// apps/v1 Deployment.
public struct Deployment: KubeResource {
    /// `apps/v1` `deployments`.
    public static let descriptor = ResourceDescriptor(group: "apps", version: "v1", plural: "deployments", kind: "Deployment", namespaced: true)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `spec`.
    public var spec: DeploymentSpec { get { object.nested("spec") } set { object.setNested("spec", newValue) } }
    /// `status`.
    public var status: DeploymentStatus { get { object.nested("status") } set { object.setNested("status", newValue) } }
}

/// Deployment spec.
public struct DeploymentSpec: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `replicas`.
    public var replicas: Int? { get { object.int("replicas") } set { object.set("replicas", newValue) } }
    /// `selector`.
    public var selector: LabelSelector { get { object.nested("selector") } set { object.setNested("selector", newValue) } }
    /// `template`.
    public var template: PodTemplateSpec { get { object.nested("template") } set { object.setNested("template", newValue) } }
    /// `strategy`. (raw JSON)
    public var strategy: JSONValue? { get { object["strategy"] } set { object["strategy"] = newValue } }
    /// `revisionHistoryLimit`.
    public var revisionHistoryLimit: Int? { get { object.int("revisionHistoryLimit") } set { object.set("revisionHistoryLimit", newValue) } }
}

/// Deployment status.
public struct DeploymentStatus: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `observedGeneration`.
    public var observedGeneration: Int? { get { object.int("observedGeneration") } set { object.set("observedGeneration", newValue) } }
    /// `replicas`.
    public var replicas: Int? { get { object.int("replicas") } set { object.set("replicas", newValue) } }
    /// `readyReplicas`.
    public var readyReplicas: Int? { get { object.int("readyReplicas") } set { object.set("readyReplicas", newValue) } }
    /// `availableReplicas`.
    public var availableReplicas: Int? { get { object.int("availableReplicas") } set { object.set("availableReplicas", newValue) } }
    /// `updatedReplicas`.
    public var updatedReplicas: Int? { get { object.int("updatedReplicas") } set { object.set("updatedReplicas", newValue) } }
    /// `conditions`.
    public var conditions: [Condition] { get { object.nestedArray("conditions") } set { object.setNestedArray("conditions", newValue) } }
}
