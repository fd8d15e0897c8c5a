/// A patch body and its content type.
public enum Patch: Sendable, Equatable {
    /// RFC 7386 JSON merge patch.
    case merge(JSONValue)
    /// RFC 6902 JSON patch operations.
    case json([JSONValue])
    /// Server-side apply of a full intent object, with the field manager and force flag.
    case apply(JSONValue, fieldManager: String, force: Bool)

    var contentType: String {
        switch self {
        case .merge: return "application/merge-patch+json"
        case .json: return "application/json-patch+json"
        case .apply: return "application/apply-patch+yaml"
        }
    }

    var body: [UInt8] {
        switch self {
        case .merge(let value), .apply(let value, _, _): return JSONWriter.encode(value)
        case .json(let operations): return JSONWriter.encode(.array(operations))
        }
    }

    var queryItems: [(String, String)] {
        if case .apply(_, let fieldManager, let force) = self {
            return [("fieldManager", fieldManager), ("force", force ? "true" : "false")]
        }
        return []
    }
}
