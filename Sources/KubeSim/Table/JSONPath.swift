import Foundation

/// A small JSONPath evaluator for printer columns (`.a.b`, `[0]`, `[*]`, `[?(@.k=="v")]`).
enum JSONPath {
    /// Evaluates a path; returns all matches.
    static func evaluate(_ path: String, on root: JSONValue) -> [JSONValue] {
        var p = path.trimmingCharacters(in: .whitespaces)
        if p.hasPrefix("{"), p.hasSuffix("}") { p = String(p.dropFirst().dropLast()) }
        if p.hasPrefix("$") { p.removeFirst() }
        var current: [JSONValue] = [root]
        var i = p.startIndex
        while i < p.endIndex {
            let c = p[i]
            if c == "." {
                i = p.index(after: i)
                var j = i
                while j < p.endIndex, p[j] != ".", p[j] != "[" { j = p.index(after: j) }
                let key = String(p[i..<j])
                if !key.isEmpty { current = current.compactMap { $0[key] } }
                i = j
            } else if c == "[" {
                guard let close = findClose(p, from: i) else { return [] }
                let inner = String(p[p.index(after: i)..<close])
                current = current.flatMap { apply(bracket: inner, to: $0) }
                i = p.index(after: close)
            } else {
                var j = i
                while j < p.endIndex, p[j] != ".", p[j] != "[" { j = p.index(after: j) }
                current = current.compactMap { $0[String(p[i..<j])] }
                i = j
            }
        }
        return current
    }

    private static func findClose(_ s: String, from: String.Index) -> String.Index? {
        var depth = 0
        var i = from
        while i < s.endIndex {
            if s[i] == "[" { depth += 1 }
            if s[i] == "]" {
                depth -= 1
                if depth == 0 { return i }
            }
            i = s.index(after: i)
        }
        return nil
    }

    private static func apply(bracket: String, to value: JSONValue) -> [JSONValue] {
        let b = bracket.trimmingCharacters(in: .whitespaces)
        if b == "*" {
            if let a = value.arrayValue { return a }
            return value.objectValue.map { Array($0.values) } ?? []
        }
        if let i = Int(b), let a = value.arrayValue {
            let idx = i < 0 ? a.count + i : i
            return idx >= 0 && idx < a.count ? [a[idx]] : []
        }
        if b.hasPrefix("?("), b.hasSuffix(")") {
            let expr = String(b.dropFirst(2).dropLast())
            guard let a = value.arrayValue else { return [] }
            return a.filter { matches(expr, $0) }
        }
        if b.hasPrefix("'"), b.hasSuffix("'") {
            return value[String(b.dropFirst().dropLast())].map { [$0] } ?? []
        }
        return []
    }

    private static func matches(_ expr: String, _ item: JSONValue) -> Bool {
        for op in ["==", "!="] {
            if let r = expr.range(of: op) {
                let lhs = expr[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
                var rhs = expr[r.upperBound...].trimmingCharacters(in: .whitespaces)
                if (rhs.hasPrefix("\"") && rhs.hasSuffix("\"")) || (rhs.hasPrefix("'") && rhs.hasSuffix("'")) {
                    rhs = String(rhs.dropFirst().dropLast())
                }
                let path = lhs.hasPrefix("@") ? String(lhs.dropFirst()) : lhs
                let v = evaluate(path, on: item).first
                let text: String? = v.map { $0.stringValue ?? JSONWriter.string($0) }
                return op == "==" ? text == rhs : text != rhs
            }
        }
        let path = expr.hasPrefix("@") ? String(expr.dropFirst()) : expr
        return !evaluate(path, on: item).isEmpty
    }
}
