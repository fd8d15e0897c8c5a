import KubeClient

/// The identity every input reads first from a served object: name, namespace and uid, all required.
struct ObjectIdentity {
    let name: String
    let namespace: String
    let uid: String

    /// Reads the identity of a `noun` (for messages: "the backup policy"); a name longer than
    /// `maxNameLength` is refused. Throws `(code, detail)` with the codes `missing_name`, `name_too_long`,
    /// `missing_namespace`, `missing_uid`; each input wraps it in its own error type.
    init<O: KubeObject>(_ object: O, noun: String, maxNameLength: Int? = nil, why: String = "") throws(ObjectIdentityError) {
        let meta = object.metadata
        guard let name = meta.name, !name.isEmpty else { throw ObjectIdentityError(code: "missing_name", detail: "\(noun) has no metadata.name") }
        if let maxNameLength, name.count > maxNameLength {
            throw ObjectIdentityError(code: "name_too_long", detail: "metadata.name is longer than \(maxNameLength) characters\(why)")
        }
        guard let namespace = meta.namespace, !namespace.isEmpty else {
            throw ObjectIdentityError(code: "missing_namespace", detail: "\(noun) \(name) has no metadata.namespace")
        }
        guard let uid = meta.uid, !uid.isEmpty else { throw ObjectIdentityError(code: "missing_uid", detail: "\(noun) \(name) has no metadata.uid") }
        self.name = name
        self.namespace = namespace
        self.uid = uid
    }
}

/// Why an object's identity is incomplete (wrapped by each input's error type).
struct ObjectIdentityError: Error {
    let code: String
    let detail: String
}
