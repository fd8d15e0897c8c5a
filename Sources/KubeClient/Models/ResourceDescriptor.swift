/// Identifies a REST resource: group, version, plural, kind and scope.
public struct ResourceDescriptor: Sendable, Hashable {
    /// API group ("" for core).
    public var group: String
    /// API version such as `v1`.
    public var version: String
    /// Lower-case plural used in URLs.
    public var plural: String
    /// Kind name.
    public var kind: String
    /// Whether objects live in namespaces.
    public var namespaced: Bool

    /// Creates a descriptor.
    public init(group: String, version: String, plural: String, kind: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.plural = plural
        self.kind = kind
        self.namespaced = namespaced
    }

    /// `group/version`, or just `version` for the core group.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// URL path of the collection, optionally within a namespace.
    public func collectionPath(namespace: String?) -> String {
        let prefix = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if namespaced, let namespace, !namespace.isEmpty {
            return "\(prefix)/namespaces/\(PathEscaping.segment(namespace))/\(plural)"
        }
        return "\(prefix)/\(plural)"
    }

    /// URL path of one object.
    public func objectPath(name: String, namespace: String?) -> String {
        "\(collectionPath(namespace: namespace))/\(PathEscaping.segment(name))"
    }
}

/// Percent-escaping for URL path segments and query values.
enum PathEscaping {
    static func segment(_ text: String) -> String { escape(text, keep: "-._~") }
    static func query(_ text: String) -> String { escape(text, keep: "-._~") }

    private static func escape(_ text: String, keep: String) -> String {
        let kept = Set(keep.utf8)
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                if kept.contains(byte) {
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                }
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
