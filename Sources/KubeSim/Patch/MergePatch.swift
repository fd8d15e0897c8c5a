import Foundation

/// RFC 7386 JSON merge patch.
enum MergePatch {
    /// Applies a merge patch to a document.
    static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let p) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (k, v) in p {
            if v.isNull {
                result[k] = nil
            } else {
                result[k] = apply(v, to: result[k] ?? .null)
            }
        }
        return .object(result)
    }
}
