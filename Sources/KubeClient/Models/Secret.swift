import Foundation

/// core/v1 Secret.
public struct Secret: KubeResource {
    /// `v1` `secrets`.
    public static let descriptor = ResourceDescriptor(group: "", version: "v1", plural: "secrets", kind: "Secret", namespaced: true)
    /// The complete JSON object.
    public var object: JSONObject
    /// Wraps a JSON object.
    public init(object: JSONObject) { self.object = object }

    /// `type`.
    public var type: String? { get { object.string("type") } set { object.set("type", newValue) } }
    /// `stringData`.
    public var stringData: [String: String]? { get { object.stringMap("stringData") } set { object.set("stringData", newValue) } }
    /// `immutable`.
    public var immutable: Bool? { get { object.bool("immutable") } set { object.set("immutable", newValue) } }

    /// `data`, base64-decoded.
    public var data: [String: [UInt8]]? {
        get {
            object.stringMap("data")?.compactMapValues { Data(base64Encoded: $0).map { [UInt8]($0) } }
        }
        set { object.set("data", newValue?.mapValues { Data($0).base64EncodedString() }) }
    }
}
