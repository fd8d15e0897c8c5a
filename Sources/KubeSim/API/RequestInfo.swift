import Foundation

/// A parsed resource request path.
struct ResourcePath: Sendable, Equatable {
    var group: String
    var version: String
    var namespace: String?
    var plural: String?
    var name: String?
    var subresource: String?
}

/// Parsing of API paths and query strings.
enum RequestInfo {
    /// Parses `/api/v1/...` and `/apis/g/v/...`; nil for other paths.
    static func parsePath(_ path: String) -> ResourcePath? {
        let parts = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        var rest: ArraySlice<String>
        var result: ResourcePath
        if parts.count >= 2, parts[0] == "api" {
            result = ResourcePath(group: "", version: parts[1])
            rest = parts.dropFirst(2)
        } else if parts.count >= 3, parts[0] == "apis" {
            result = ResourcePath(group: parts[1], version: parts[2])
            rest = parts.dropFirst(3)
        } else {
            return nil
        }
        let r = Array(rest)
        if r.isEmpty { return result }
        if r[0] == "namespaces", r.count >= 3, r[2] != "status", r[2] != "finalize" {
            result.namespace = r[1]
            result.plural = r[2]
            if r.count > 3 { result.name = r[3] }
            if r.count > 4 { result.subresource = r[4] }
            if r.count > 5 { return nil }
        } else {
            result.plural = r[0]
            if r.count > 1 { result.name = r[1] }
            if r.count > 2 { result.subresource = r[2] }
            if r.count > 3 { return nil }
        }
        return result
    }

    /// Parses a query string (`+` is a space, percent-decoding applied).
    static func parseQuery(_ query: String?) -> [String: String] {
        guard let query, !query.isEmpty else { return [:] }
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let spaced = s.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(kv[0])
            result[key] = kv.count > 1 ? decode(kv[1]) : ""
        }
        return result
    }

    /// True for "true"/"1".
    static func flag(_ value: String?) -> Bool {
        value == "true" || value == "1"
    }
}
