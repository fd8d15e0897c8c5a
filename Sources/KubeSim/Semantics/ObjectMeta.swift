import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Helpers for metadata handling shared by all write paths.
enum ObjectMeta {
    /// RFC3339 with seconds, `Z` (fractional seconds dropped). Through the C library's `gmtime_r`: every
    /// write stamps a time (creationTimestamp, managedFields), and a new `ISO8601DateFormatter` per call
    /// (ICU calendar and time-zone set-up) was about a fifth of KubeSim's CPU under a burst of applies.
    static func timestamp(_ date: Date) -> String {
        var seconds = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))Z"
    }

    /// Parses an RFC3339 timestamp.
    static func parseTimestamp(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: text)
    }

    /// Normalises MicroTime fields like metav1.MicroTime: UTC, exactly 6 fractional digits (more are truncated,
    /// as Go's formatting does), `Z`. The fraction is carried as text, so no precision is lost to `Double`.
    static func microTime(_ text: String) -> String {
        let pattern = #"^([0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2})(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let baseRange = Range(match.range(at: 1), in: text), let zoneRange = Range(match.range(at: 3), in: text)
        else { return text }
        let zone = text[zoneRange].uppercased()
        guard let seconds = parseTimestamp(text[baseRange].uppercased() + zone) else { return text }
        var digits = ""
        if let fractionRange = Range(match.range(at: 2), in: text) { digits = String(text[fractionRange].dropFirst().prefix(6)) }
        digits += String(repeating: "0", count: 6 - digits.count)
        return String(timestamp(seconds).dropLast()) + "." + digits + "Z"
    }

    /// A new random UID.
    static func newUID() -> String { UUID().uuidString.lowercased() }

    private static let suffixAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// Five random characters for generateName.
    static func randomSuffix() -> String {
        String((0..<5).map { _ in suffixAlphabet.randomElement() ?? "x" })
    }

    /// Validates a DNS-1123 subdomain name; returns a message or nil.
    static func validateSubdomain(_ name: String) -> String? {
        let ok = name.count <= 253 && !name.isEmpty
            && name.range(of: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", options: .regularExpression) != nil
        if ok { return nil }
        return "Invalid value: \"\(name)\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    }

    /// Validates a DNS-1123 label (namespaces); returns a message or nil.
    static func validateLabel(_ name: String) -> String? {
        let ok = name.count <= 63 && name.range(of: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", options: .regularExpression) != nil
        if ok { return nil }
        return "Invalid value: \"\(name)\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    }

    /// The object without metadata (and without status when it is a subresource), for generation checks.
    static func specPart(_ object: JSONValue, hasStatus: Bool) -> JSONValue {
        var o = object.objectValue ?? [:]
        o["metadata"] = nil
        o["apiVersion"] = nil
        o["kind"] = nil
        if hasStatus { o["status"] = nil }
        return .object(o)
    }

    /// Finalizers of an object.
    static func finalizers(_ object: JSONValue) -> [String] {
        object[path: ["metadata", "finalizers"]]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// Whether the object has a deletionTimestamp.
    static func isDeleting(_ object: JSONValue) -> Bool {
        object[path: ["metadata", "deletionTimestamp"]]?.stringValue != nil
    }

    /// Owner UIDs from ownerReferences.
    static func ownerUIDs(_ object: JSONValue) -> [String] {
        object[path: ["metadata", "ownerReferences"]]?.arrayValue?.compactMap { $0["uid"]?.stringValue } ?? []
    }
}
