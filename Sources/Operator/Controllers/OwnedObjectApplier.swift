import KubeClient
import Logging
import Synchronization

/// Server-side applies desired objects as `filewallball-controller`, skipping objects whose live state
/// already holds every field of the intent (so a steady cluster costs no write at all).
///
/// Apply is forced: a field another manager took (`kubectl edit` of a Deployment's replicas, say) is
/// taken back, which is how drift is repaired. Fields the intent does not name (server defaults, other
/// controllers' annotations) are left alone.
///
/// Objects cached as a `CachedProjection` (content replaced by a digest) are judged by digests: the
/// applier remembers, per object, the digest of the intent it last applied and of the content the server
/// answered with. While both still match (and the metadata holds the intent's labels and owner
/// references) nothing is written; any other change of the content, by anyone, leads to one apply, which
/// repairs what the controller owns and records the new content. After a restart the memory is empty,
/// so each such object is applied once (a no-op on the server when nothing drifted).
public final class OwnedObjectApplier: Sendable {
    /// The field manager of every write the controller makes.
    public static let fieldManager = "filewallball-controller"

    private struct Applied: Equatable {
        var intent: UInt64
        var content: UInt64
    }

    /// What was applied, by the 64-bit FNV-1a of `plural/namespace/name` (a number costs no heap; a key
    /// string per object did), and the plurals applied so far (for `forget`).
    private struct Memory {
        var applied: [UInt64: Applied] = [:]
        var plurals: Set<String> = []
    }

    private let client: KubeClient
    private let memory = Mutex(Memory())

    /// An applier writing through `client`.
    public init(client: KubeClient) { self.client = client }

    /// Applies `desired` unless `live` already holds it; returns whether a write was made.
    @discardableResult
    public func apply(_ desired: DesiredObject, live: JSONObject?) async throws -> Bool {
        let intent = Self.comparable(desired.object)
        let key = Self.key(plural: desired.descriptor.plural, namespace: desired.object["metadata"]?["namespace"]?.stringValue ?? "", name: desired.name)
        let intentDigest = CachedProjection.contentDigest(of: intent)
        if let live {
            if let content = CachedProjection.digest(of: live) {
                let metadataHolds = Self.holds(live: live["metadata"] ?? .object([:]), intent: intent["metadata"] ?? .object([:]))
                if metadataHolds, memory.withLock({ $0.applied[key] }) == Applied(intent: intentDigest, content: content) { return false }
            } else if Self.holds(live: .object(live), intent: .object(intent)) {
                return false
            }
        }
        let resource = client.resource(GenericResource.self, descriptor: desired.descriptor)
        let result = try await resource.apply(desired.resource, fieldManager: Self.fieldManager, force: true)
        let content = CachedProjection.contentDigest(of: result.object)
        memory.withLock { memory in
            memory.applied[key] = Applied(intent: intentDigest, content: content)
            memory.plurals.insert(desired.descriptor.plural)
        }
        return true
    }

    /// Forgets what was applied for these objects of `namespace` (every kind), once their owner is gone;
    /// the memory holds two 64-bit digests per object.
    public func forget(namespace: String, names: Set<String>) {
        memory.withLock { memory in
            for plural in memory.plurals {
                for name in names { memory.applied[Self.key(plural: plural, namespace: namespace, name: name)] = nil }
            }
        }
    }

    /// The memory's key of an object.
    static func key(plural: String, namespace: String, name: String) -> UInt64 {
        ConfigHash.fnv1a(bytes: "\(plural)/\(namespace)/\(name)".utf8)
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
