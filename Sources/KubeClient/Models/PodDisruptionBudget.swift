/// policy/v1 PodDisruptionBudget.
public struct PodDisruptionBudget: KubeResource {
    /// `policy/v1` `poddisruptionbudgets`.
    public static let descriptor = ResourceDescriptor(group: "policy", version: "v1", plural: "poddisruptionbudgets", kind: "PodDisruptionBudget", namespaced: true)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `spec`.
    public var spec: PodDisruptionBudgetSpec { get { object.nested("spec") } set { object.setNested("spec", newValue) } }
    /// `status`. (raw JSON)
    public var status: JSONValue? { get { object["status"] } set { object["status"] = newValue } }
}

/// PodDisruptionBudget spec.
public struct PodDisruptionBudgetSpec: JSONBacked {
    /// The underlying JSON.
    public var object: JSONObject
    /// Wraps JSON.
    public init(object: JSONObject) { self.object = object }

    /// `selector`.
    public var selector: LabelSelector { get { object.nested("selector") } set { object.setNested("selector", newValue) } }
    /// `maxUnavailable` (a number or a percentage).
    public var maxUnavailable: IntOrString? { get { IntOrString(json: object["maxUnavailable"]) } set { object["maxUnavailable"] = newValue?.json } }
    /// `minAvailable` (a number or a percentage).
    public var minAvailable: IntOrString? { get { IntOrString(json: object["minAvailable"]) } set { object["minAvailable"] = newValue?.json } }
}
