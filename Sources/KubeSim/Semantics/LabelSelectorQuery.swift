import Foundation

/// A parsed Kubernetes label selector (`a=b,c!=d,e in (f,g),h notin (i),j,!k`).
public struct LabelSelectorQuery: Sendable, Equatable {
    enum Requirement: Sendable, Equatable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
    }

    var requirements: [Requirement] = []

    /// True when the selector matches everything.
    public var isEmpty: Bool { requirements.isEmpty }

    /// The selector that matches everything.
    public static let everything = LabelSelectorQuery()

    /// Parses selector text; throws 400 BadRequest on malformed input.
    public static func parse(_ text: String?) throws(StatusError) -> LabelSelectorQuery {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return LabelSelectorQuery() }
        var result = LabelSelectorQuery()
        for raw in splitTopLevel(text) {
            let part = raw.trimmingCharacters(in: .whitespaces)
            if part.isEmpty { continue }
            result.requirements.append(try parseRequirement(part, whole: text))
        }
        return result
    }

    private static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for c in text {
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1 }
            if c == ",", depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        return parts
    }

    private static func parseSet(_ text: Substring, whole: String) throws(StatusError) -> Set<String> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("("), trimmed.hasSuffix(")") else {
            throw StatusError.badRequest("unable to parse requirement: found '\(trimmed)', expected: '('")
        }
        let inner = trimmed.dropFirst().dropLast()
        return Set(inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    private static func parseRequirement(_ part: String, whole: String) throws(StatusError) -> Requirement {
        if part.hasPrefix("!") {
            return .doesNotExist(part.dropFirst().trimmingCharacters(in: .whitespaces))
        }
        if let r = part.range(of: " notin ") {
            return .notIn(part[..<r.lowerBound].trimmingCharacters(in: .whitespaces), try parseSet(part[r.upperBound...], whole: whole))
        }
        if let r = part.range(of: " in ") {
            return .isIn(part[..<r.lowerBound].trimmingCharacters(in: .whitespaces), try parseSet(part[r.upperBound...], whole: whole))
        }
        if let r = part.range(of: "!=") {
            return .notEquals(part[..<r.lowerBound].trimmingCharacters(in: .whitespaces), part[r.upperBound...].trimmingCharacters(in: .whitespaces))
        }
        if let r = part.range(of: "==") {
            return .equals(part[..<r.lowerBound].trimmingCharacters(in: .whitespaces), part[r.upperBound...].trimmingCharacters(in: .whitespaces))
        }
        if let r = part.range(of: "=") {
            return .equals(part[..<r.lowerBound].trimmingCharacters(in: .whitespaces), part[r.upperBound...].trimmingCharacters(in: .whitespaces))
        }
        let key = part.trimmingCharacters(in: .whitespaces)
        guard !key.contains(" "), !key.contains("("), !key.contains(")") else {
            throw StatusError.badRequest("unable to parse requirement: \(whole)")
        }
        return .exists(key)
    }

    /// Evaluates the selector against a label map.
    public func matches(_ labels: [String: JSONValue]) -> Bool {
        for requirement in requirements {
            switch requirement {
            case .equals(let k, let v): if labels[k]?.stringValue != v { return false }
            case .notEquals(let k, let v): if labels[k]?.stringValue == v { return false }
            case .isIn(let k, let s):
                guard let v = labels[k]?.stringValue, s.contains(v) else { return false }
            case .notIn(let k, let s):
                if let v = labels[k]?.stringValue, s.contains(v) { return false }
            case .exists(let k): if labels[k] == nil { return false }
            case .doesNotExist(let k): if labels[k] != nil { return false }
            }
        }
        return true
    }

    /// Evaluates the selector against an object's metadata.labels.
    public func matches(object: JSONValue) -> Bool {
        if requirements.isEmpty { return true }
        return matches(object[path: ["metadata", "labels"]]?.objectValue ?? [:])
    }
}
