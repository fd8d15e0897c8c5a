import Foundation

/// The subset of CRD `x-kubernetes-validations` (CEL) rules KubeSim evaluates: the transition rule
/// `self == oldSelf` on any node, and `self.metadata.name.size() <op> N` at the root. Other rules are
/// accepted but not evaluated (the write gets a `Warning`).
enum CELValidation {
    /// Evaluates the rules of `type`'s schema against `new` (and `old` on update); throws 422 Invalid with
    /// every failed rule, returns warnings for rules it cannot evaluate.
    static func check(_ new: JSONValue, old: JSONValue?, type: ResourceType) throws(StatusError) -> [String] {
        guard let schema = type.schema else { return [] }
        var causes: [StatusError.FieldCause] = []
        var skipped: [String] = []
        walk(schema: schema, new: new, old: old, path: [], causes: &causes, skipped: &skipped)
        if !causes.isEmpty {
            throw StatusError.invalid(type, new[path: ["metadata", "name"]]?.stringValue ?? "", causes: causes)
        }
        return skipped.map { "KubeSim does not evaluate x-kubernetes-validations rule \($0); it was not enforced" }
    }

    private static func walk(schema: JSONValue, new: JSONValue, old: JSONValue?, path: [String],
        causes: inout [StatusError.FieldCause], skipped: inout [String])
    {
        for rule in schema["x-kubernetes-validations"]?.arrayValue ?? [] {
            guard let text = rule["rule"]?.stringValue else { continue }
            let field = path.isEmpty ? "<nil>" : path.joined(separator: ".")
            switch evaluate(text, new: new, old: old, atRoot: path.isEmpty) {
            case .passed: break
            case .failed:
                let message = rule["message"]?.stringValue ?? "failed rule: \(text)"
                causes.append(.init(field: field, reason: rule["reason"]?.stringValue ?? "FieldValueInvalid",
                    message: "Invalid value: \"\(describe(new))\": \(message)"))
            case .unsupported:
                skipped.append("\"\(text)\" at \(field)")
            }
        }
        guard case .object(let members) = new else { return }
        let properties = schema["properties"]?.objectValue ?? [:]
        for (key, value) in members {
            guard let child = properties[key] else { continue }
            walk(schema: child, new: value, old: old?[key], path: path + [key], causes: &causes, skipped: &skipped)
        }
    }

    private enum Result { case passed, failed, unsupported }

    private static func evaluate(_ rule: String, new: JSONValue, old: JSONValue?, atRoot: Bool) -> Result {
        let compact = rule.filter { !$0.isWhitespace }
        if compact == "self==oldSelf" || compact == "oldSelf==self" {
            // A transition rule: only evaluated on update, when the old object has the node.
            guard let old else { return .passed }
            return old == new ? .passed : .failed
        }
        if atRoot, compact.hasPrefix("self.metadata.name.size()") {
            let rest = String(compact.dropFirst("self.metadata.name.size()".count))
            for op in ["<=", ">=", "==", "!=", "<", ">"] where rest.hasPrefix(op) {
                guard let limit = Int(rest.dropFirst(op.count)) else { return .unsupported }
                let size = (new[path: ["metadata", "name"]]?.stringValue ?? "").count
                let ok: Bool
                switch op {
                case "<=": ok = size <= limit
                case ">=": ok = size >= limit
                case "==": ok = size == limit
                case "!=": ok = size != limit
                case "<": ok = size < limit
                default: ok = size > limit
                }
                return ok ? .passed : .failed
            }
        }
        return .unsupported
    }

    /// How kube-apiserver shows the value in the message: its type for objects and lists, else the value.
    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .object: return "object"
        case .array: return "array"
        case .string(let s): return s
        default: return JSONWriter.string(value)
        }
    }
}
