import Foundation

/// A parsed field selector (`metadata.name=x,metadata.namespace!=y`).
public struct FieldSelector: Sendable, Equatable {
    struct Term: Sendable, Equatable {
        var path: [String]
        var value: String
        var negated: Bool
    }

    var terms: [Term] = []

    /// True when the selector matches everything.
    public var isEmpty: Bool { terms.isEmpty }

    /// The selector that matches everything.
    public static let everything = FieldSelector()

    /// Field labels accepted for a resource type.
    static func supportedFields(for type: ResourceType) -> Set<String> {
        var fields: Set<String> = ["metadata.name", "metadata.namespace"]
        switch (type.group, type.plural) {
        case ("", "events"):
            fields.formUnion(["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                "reportingComponent", "source", "type"])
        case ("", "secrets"): fields.insert("type")
        case ("", "pods"): fields.formUnion(["status.phase", "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName"])
        case ("", "namespaces"): fields.insert("status.phase")
        case ("batch", "jobs"): fields.insert("status.successful")
        default: break
        }
        return fields
    }

    /// Parses selector text for a resource type; unsupported fields give 400 BadRequest.
    public static func parse(_ text: String?, for type: ResourceType) throws(StatusError) -> FieldSelector {
        guard let text, !text.isEmpty else { return FieldSelector() }
        let allowed = supportedFields(for: type)
        var result = FieldSelector()
        for part in text.split(separator: ",") {
            let s = String(part)
            var negated = false
            var key: String
            var value: String
            if let r = s.range(of: "!=") {
                negated = true
                key = String(s[..<r.lowerBound])
                value = String(s[r.upperBound...])
            } else if let r = s.range(of: "==") {
                key = String(s[..<r.lowerBound])
                value = String(s[r.upperBound...])
            } else if let r = s.range(of: "=") {
                key = String(s[..<r.lowerBound])
                value = String(s[r.upperBound...])
            } else {
                throw StatusError.badRequest("invalid selector: '\(text)'; can't understand '\(s)'")
            }
            key = key.trimmingCharacters(in: .whitespaces)
            value = value.trimmingCharacters(in: .whitespaces)
            guard allowed.contains(key) else {
                throw StatusError.badRequest("field label not supported: \(key)")
            }
            result.terms.append(Term(path: key.split(separator: ".").map(String.init), value: value, negated: negated))
        }
        return result
    }

    /// The value of `metadata.name=` when the selector pins one name.
    var pinnedName: String? {
        terms.first { $0.path == ["metadata", "name"] && !$0.negated }?.value
    }

    /// Evaluates the selector against an object.
    public func matches(object: JSONValue) -> Bool {
        for term in terms {
            let v = object[path: term.path]
            let text: String
            switch v {
            case .string(let s): text = s
            case .bool(let b): text = b ? "true" : "false"
            case .int(let i): text = String(i)
            default: text = ""
            }
            if (text == term.value) == term.negated { return false }
        }
        return true
    }
}
