/// core/v1 ServiceAccount.
public struct ServiceAccount: KubeResource {
    /// `v1` `serviceaccounts`.
    public static let descriptor = ResourceDescriptor(group: "", version: "v1", plural: "serviceaccounts", kind: "ServiceAccount", namespaced: true)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `secrets`. (raw JSON)
    public var secrets: JSONValue? { get { object["secrets"] } set { object["secrets"] = newValue } }
    /// `imagePullSecrets`. (raw JSON)
    public var imagePullSecrets: JSONValue? { get { object["imagePullSecrets"] } set { object["imagePullSecrets"] = newValue } }
    /// `automountServiceAccountToken`.
    public var automountServiceAccountToken: Bool? { get { object.bool("automountServiceAccountToken") } set { object.set("automountServiceAccountToken", newValue) } }
}
