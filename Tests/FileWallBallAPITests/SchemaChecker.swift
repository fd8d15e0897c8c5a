import FileWallBallAPI
import Foundation

/// A small validator of JSON values against our schemas, for tests: types, enums, patterns, bounds,
/// required fields and unknown keys. It is not the API server's validator; it checks that what the Swift
/// types write and what the schemas allow agree.
enum SchemaChecker {
    /// Every problem found, as `path: message`.
    static func problems(_ value: JSONAny, _ schema: Schema, path: String = "") -> [String] {
        var found: [String] = []
        check(value, schema, path, &found)
        return found
    }

    private static func check(_ value: JSONAny, _ schema: Schema, _ path: String, _ found: inout [String]) {
        if schema.intOrString {
            switch value {
            case .string(let string):
                if let pattern = schema.pattern, !matches(string, pattern) { found.append("\(path): \(string) does not match \(pattern)") }
            case .int: break
            default: found.append("\(path): not an integer or string")
            }
            return
        }
        switch schema.type {
        case .object?:
            guard case .object(let object) = value else { found.append("\(path): not an object"); return }
            for name in schema.required where object[name] == nil { found.append("\(path).\(name): required") }
            for (key, member) in object {
                if let property = schema.property(key) {
                    check(member, property, "\(path).\(key)", &found)
                } else if let values = schema.additionalProperties {
                    check(member, values, "\(path).\(key)", &found)
                } else {
                    found.append("\(path).\(key): not in the schema")
                }
            }
        case .array?:
            guard case .array(let array) = value, let items = schema.items else { found.append("\(path): not an array"); return }
            if let maxItems = schema.maxItems, array.count > maxItems { found.append("\(path): more than \(maxItems) items") }
            for (index, element) in array.enumerated() { check(element, items, "\(path)[\(index)]", &found) }
        case .string?:
            guard case .string(let string) = value else { found.append("\(path): not a string"); return }
            if let allowed = schema.allowedValues, !allowed.contains(string) { found.append("\(path): \(string) not in \(allowed)") }
            if let pattern = schema.pattern, !matches(string, pattern) { found.append("\(path): \(string) does not match \(pattern)") }
            if let minLength = schema.minLength, string.count < minLength { found.append("\(path): shorter than \(minLength)") }
            if let maxLength = schema.maxLength, string.count > maxLength { found.append("\(path): longer than \(maxLength)") }
            if schema.format == "date-time", ISO8601DateFormatter().date(from: string) == nil { found.append("\(path): not RFC 3339") }
        case .integer?:
            guard case .int(let number) = value else { found.append("\(path): not an integer"); return }
            if let minimum = schema.minimum, number < minimum { found.append("\(path): below \(minimum)") }
            if let maximum = schema.maximum, number > maximum { found.append("\(path): above \(maximum)") }
        case .boolean?:
            guard case .bool = value else { found.append("\(path): not a boolean"); return }
        case nil:
            found.append("\(path): schema without a type")
        }
    }

    /// Whether `string` matches the ECMA-262 `pattern` (NSRegularExpression agrees on the subset we use).
    static func matches(_ string: String, _ pattern: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) != nil
    }

    /// The value an API server would store for `{}` under this schema: defaults applied all the way down.
    static func defaulted(_ schema: Schema, _ value: JSONAny?) -> JSONAny? {
        var current = value
        if current == nil, let literal = schema.defaultValue { current = json(literal) }
        guard case .object(var object)? = current, schema.type == .object else { return current }
        for property in schema.properties {
            if let member = defaulted(property.schema, object[property.name]) { object[property.name] = member }
        }
        return .object(object)
    }

    private static func json(_ literal: SchemaLiteral) -> JSONAny {
        switch literal {
        case .string(let value): return .string(value)
        case .integer(let value): return .int(value)
        case .boolean(let value): return .bool(value)
        case .object(let members):
            return .object(Dictionary(members.map { ($0.key, json($0.value)) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
