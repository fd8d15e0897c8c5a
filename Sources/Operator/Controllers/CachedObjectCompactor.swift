import KubeClient
import Synchronization

/// Rebuilds each object the informers cache so that what repeats across objects is stored once.
///
/// Measured with heaptrack at 220 clusters (bench/operator-bench.sh), most of the controller's heap was
/// cached objects, and most of that was repetition: every parsed object owns a separate heap copy of each
/// string longer than 15 UTF-8 bytes (shorter ones live inline in the `String`) and of each dictionary,
/// while the member names, the five `app.kubernetes.io/...` labels and the owner reference are the same
/// on the 17 objects of a cluster. Swift strings, arrays and dictionaries share their storage when copied,
/// so the compactor hands out one shared instance for
/// - every member name longer than 15 bytes (names come from the schemas: a small set),
/// - the values of labels and annotations and the `apiVersion`/`kind` of the object and of its owner
///   references, up to 64 bytes each (a small vocabulary repeated on every object),
/// - whole `labels`, `annotations` and `ownerReferences` values (equal on all objects of a component, or
///   of a cluster).
/// Other values (uids, timestamps, passwords, messages) are unique and kept as they are.
///
/// Both tables are bounded by `capacity` entries; a full table is emptied and starts over (objects keep
/// what they share; later ones share among themselves), so neither a stream of distinct label values nor
/// clusters that come and go can grow it without bound. An object's content is unchanged: only where its
/// bytes live differs, and `metadata.managedFields` is dropped as `Informer.stripManagedFields` does.
public final class CachedObjectCompactor: Sendable {
    /// Values longer than this are never shared (long annotations are unique in practice).
    static let maxSharedValueLength = 64

    private let strings = Mutex<[String: String]>([:])
    private let trees = Mutex<[JSONValue: JSONValue]>([:])
    /// The most entries each table holds (0: nothing is shared).
    public let capacity: Int

    /// A compactor whose tables hold at most `capacity` entries each.
    public init(capacity: Int = 4096) { self.capacity = capacity }

    /// Number of shared strings and shared label, annotation and owner-reference values (tests).
    public var sharedCounts: (strings: Int, trees: Int) { (strings.withLock { $0.count }, trees.withLock { $0.count }) }

    /// The object rebuilt with shared strings and without `metadata.managedFields`.
    public func compact<R: KubeObject>(_ object: R) -> R {
        R(object: compactTop(object.object))
    }

    /// A compacted copy of a whole object (top level: `metadata` and `apiVersion`/`kind` get value sharing).
    func compactTop(_ object: JSONObject) -> JSONObject {
        var out = JSONObject(minimumCapacity: object.count)
        for (key, value) in object {
            switch key {
            case "metadata": out[key] = value.objectValue.map { .object(compactMetadata($0)) } ?? value
            case "apiVersion", "kind": out[key] = shareValue(value)
            default: out[share(key)] = compact(value, shareValues: false)
            }
        }
        return out
    }

    /// Compacted metadata: labels, annotations and owner references share their values too.
    func compactMetadata(_ metadata: JSONObject) -> JSONObject {
        var out = JSONObject(minimumCapacity: metadata.count)
        for (key, value) in metadata where key != "managedFields" {
            switch key {
            case "labels", "annotations": out[key] = shareTree(compact(value, shareValues: true))
            case "ownerReferences":
                out[key] = value.arrayValue.map { references in
                    shareTree(.array(references.map { reference in
                        guard let members = reference.objectValue else { return reference }
                        var shared = JSONObject(minimumCapacity: members.count)
                        for (name, member) in members {
                            shared[share(name)] = name == "apiVersion" || name == "kind" ? shareValue(member) : member
                        }
                        return .object(shared)
                    }))
                } ?? value
            default: out[share(key)] = compact(value, shareValues: false)
            }
        }
        return out
    }

    private func compact(_ value: JSONValue, shareValues: Bool) -> JSONValue {
        switch value {
        case .object(let members):
            var out = JSONObject(minimumCapacity: members.count)
            for (key, member) in members { out[share(key)] = compact(member, shareValues: shareValues) }
            return .object(out)
        case .array(let elements):
            return .array(elements.map { compact($0, shareValues: shareValues) })
        case .string where shareValues:
            return shareValue(value)
        default:
            return value
        }
    }

    private func shareValue(_ value: JSONValue) -> JSONValue {
        guard case .string(let text) = value, text.utf8.count <= Self.maxSharedValueLength else { return value }
        return .string(share(text))
    }

    /// The shared instance equal to `text` (entering it first); strings of up to 15 bytes as they are.
    func share(_ text: String) -> String {
        guard text.utf8.count > 15, capacity > 0 else { return text }
        return strings.withLock { table in
            if let shared = table[text] { return shared }
            if table.count >= capacity { table.removeAll() }
            table[text] = text
            return text
        }
    }

    /// The shared instance equal to `value` (entering it first).
    func shareTree(_ value: JSONValue) -> JSONValue {
        guard capacity > 0 else { return value }
        return trees.withLock { table in
            if let shared = table[value] { return shared }
            if table.count >= capacity { table.removeAll() }
            table[value] = value
            return value
        }
    }
}
