/// One decoded watch event.
public enum WatchEvent<R: KubeObject>: Sendable {
    /// An object appeared.
    case added(R)
    /// An object changed.
    case modified(R)
    /// An object was deleted (last known state).
    case deleted(R)
    /// Progress marker: the stream has reached this resourceVersion.
    case bookmark(resourceVersion: String)
    /// The server reported an error in-band (e.g. 410 Expired).
    case error(KubeAPIError)

    /// Decodes one `{"type":..., "object":...}` line.
    public static func decode(_ value: JSONValue) throws -> WatchEvent<R> {
        guard let root = value.objectValue, let type = root.string("type"), let object = root["object"]?.objectValue else {
            throw KubeTransportError(kind: .invalidResponse, detail: "malformed watch event")
        }
        switch type {
        case "ADDED": return .added(R(object: object))
        case "MODIFIED": return .modified(R(object: object))
        case "DELETED": return .deleted(R(object: object))
        case "BOOKMARK": return .bookmark(resourceVersion: ObjectMeta(object: object.objectMember("metadata")).resourceVersion ?? "")
        case "ERROR": return .error(KubeAPIError.from(httpStatus: object.int("code") ?? 500, status: object, retryAfterHeader: nil))
        default: throw KubeTransportError(kind: .invalidResponse, detail: "unknown watch event type")
        }
    }
}
