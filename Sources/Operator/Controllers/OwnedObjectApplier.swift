import KubeClient
import Logging

/// Server-side applies desired objects as `filewallball-controller`, skipping objects whose live state
/// already holds every field of the intent (so a steady cluster costs no write at all).
///
/// Apply is forced: a field another manager took (`kubectl edit` of a Deployment's replicas, say) is
/// taken back, which is how drift is repaired. Fields the intent does not name (server defaults, other
/// controllers' annotations) are left alone.
public struct OwnedObjectApplier: Sendable {
    /// The field manager of every write the controller makes.
    public static let fieldManager = "filewallball-controller"

    private let client: KubeClient

    /// An applier writing through `client`.
    public init(client: KubeClient) { self.client = client }

    /// Applies `desired` unless `live` already holds it; returns whether a write was made.
    @discardableResult
    public func apply(_ desired: DesiredObject, live: JSONObject?) async throws -> Bool {
        if let live, Self.holds(live: .object(live), intent: .object(Self.comparable(desired.object))) { return false }
        let resource = client.resource(GenericResource.self, descriptor: desired.descriptor)
        _ = try await resource.apply(desired.resource, fieldManager: Self.fieldManager, force: true)
        return true
    }

    /// The intent without the members the server fills or rewrites (apiVersion and kind are absent from
    /// list items on some servers; the namespace is implied by the lookup).
    static func comparable(_ object: JSONObject) -> JSONObject {
        var object = object
        object["apiVersion"] = nil
        object["kind"] = nil
        return object
    }

    /// Whether `live` holds every member of `intent`: objects member by member, arrays element by element
    /// with the same count (a list the controller owns has exactly its elements), scalars equal. Integers
    /// and whole doubles compare equal (JSON does not tell them apart).
    public static func holds(live: JSONValue, intent: JSONValue) -> Bool {
        switch (live, intent) {
        case (.object(let live), .object(let intent)):
            return intent.allSatisfy { key, value in
                guard let liveValue = live[key] else { return value == .null }
                return holds(live: liveValue, intent: value)
            }
        case (.array(let live), .array(let intent)):
            return live.count == intent.count && zip(live, intent).allSatisfy { holds(live: $0, intent: $1) }
        case (.int(let live), .double(let intent)), (.double(let intent), .int(let live)):
            return Double(live) == intent
        default:
            return live == intent
        }
    }
}
