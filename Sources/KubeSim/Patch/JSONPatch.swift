import Foundation

/// RFC 6902 JSON patch.
enum JSONPatch {
    /// Applies a JSON patch; failures are 422 like the real server.
    static func apply(_ patch: JSONValue, to target: JSONValue) throws(StatusError) -> JSONValue {
        guard let ops = patch.arrayValue else { throw StatusError.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch") }
        var doc = target
        for op in ops {
            let kind = op["op"]?.stringValue ?? ""
            let path = try pointer(op["path"]?.stringValue)
            switch kind {
            case "add": doc = try set(doc, path, op["value"] ?? .null, insert: true)
            case "replace":
                _ = try get(doc, path)
                doc = try set(doc, path, op["value"] ?? .null, insert: false)
            case "remove": doc = try remove(doc, path)
            case "move":
                let from = try pointer(op["from"]?.stringValue)
                let v = try get(doc, from)
                doc = try remove(doc, from)
                doc = try set(doc, path, v, insert: true)
            case "copy":
                let from = try pointer(op["from"]?.stringValue)
                doc = try set(doc, path, try get(doc, from), insert: true)
            case "test":
                if try get(doc, path) != (op["value"] ?? .null) { throw failure("testing value \(op["path"]?.stringValue ?? "") failed") }
            default:
                throw failure("Unexpected kind: \(kind)")
            }
        }
        return doc
    }

    private static func failure(_ message: String) -> StatusError {
        StatusError(code: 422, reason: "Invalid", message: message)
    }

    private static func pointer(_ text: String?) throws(StatusError) -> [String] {
        guard let text else { throw failure("missing path") }
        if text.isEmpty { return [] }
        return text.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    private static func get(_ doc: JSONValue, _ path: [String]) throws(StatusError) -> JSONValue {
        var cur = doc
        for p in path {
            switch cur {
            case .object(let o):
                guard let next = o[p] else { throw failure("doc is missing path: \"/\(path.joined(separator: "/"))\": missing value") }
                cur = next
            case .array(let a):
                guard let i = Int(p), i >= 0, i < a.count else { throw failure("doc is missing path: \"/\(path.joined(separator: "/"))\": missing value") }
                cur = a[i]
            default:
                throw failure("doc is missing path: \"/\(path.joined(separator: "/"))\": missing value")
            }
        }
        return cur
    }

    private static func set(_ doc: JSONValue, _ path: [String], _ value: JSONValue, insert: Bool) throws(StatusError) -> JSONValue {
        guard let head = path.first else { return value }
        let rest = Array(path.dropFirst())
        switch doc {
        case .object(var o):
            if rest.isEmpty {
                o[head] = value
            } else {
                guard let child = o[head] else { throw failure("doc is missing path: \"/\(path.joined(separator: "/"))\": missing value") }
                o[head] = try set(child, rest, value, insert: insert)
            }
            return .object(o)
        case .array(var a):
            if rest.isEmpty {
                if head == "-" { a.append(value); return .array(a) }
                guard let i = Int(head), i >= 0, i <= a.count else { throw failure("add operation does not apply: index out of bounds") }
                if insert { a.insert(value, at: i) } else {
                    guard i < a.count else { throw failure("replace operation does not apply: index out of bounds") }
                    a[i] = value
                }
                return .array(a)
            }
            guard let i = Int(head), i >= 0, i < a.count else { throw failure("index out of bounds") }
            a[i] = try set(a[i], rest, value, insert: insert)
            return .array(a)
        default:
            throw failure("doc is missing path: \"/\(path.joined(separator: "/"))\"")
        }
    }

    private static func remove(_ doc: JSONValue, _ path: [String]) throws(StatusError) -> JSONValue {
        guard let head = path.first else { return .null }
        let rest = Array(path.dropFirst())
        switch doc {
        case .object(var o):
            guard let child = o[head] else { throw failure("remove operation does not apply: doc is missing path: \"/\(path.joined(separator: "/"))\"") }
            o[head] = rest.isEmpty ? nil : try remove(child, rest)
            return .object(o)
        case .array(var a):
            guard let i = Int(head), i >= 0, i < a.count else { throw failure("remove operation does not apply: index out of bounds") }
            if rest.isEmpty { a.remove(at: i) } else { a[i] = try remove(a[i], rest) }
            return .array(a)
        default:
            throw failure("remove operation does not apply")
        }
    }
}
