/// Why a controller owner reference could not be set.
public struct OwnerReferenceError: Error, Sendable, Equatable {
    /// Stable machine code: `owner_without_uid`, `owner_without_kind` or `already_controlled`.
    public var code: String
    /// Explanation.
    public var detail: String

    /// Creates an error.
    public init(code: String, detail: String) {
        self.code = code
        self.detail = detail
    }
}

extension OwnerReference {
    /// The controller reference to `owner` (controller and blockOwnerDeletion true); nil when the owner has
    /// no uid (it was never read from the server) or no apiVersion/kind.
    public static func controller<O: KubeObject>(of owner: O) -> OwnerReference? {
        guard let uid = owner.uid, !uid.isEmpty, let apiVersion = owner.apiVersion, !apiVersion.isEmpty,
              let kind = owner.kind, !kind.isEmpty, !owner.name.isEmpty else { return nil }
        return OwnerReference(apiVersion: apiVersion, kind: kind, name: owner.name, uid: uid, controller: true, blockOwnerDeletion: true)
    }
}

extension ObjectMeta {
    /// The owner reference marked `controller: true`, if any.
    public var controllerReference: OwnerReference? { ownerReferences.first { $0.controller == true } }

    /// Makes `owner` this object's controller (replacing an earlier reference to the same uid); throws when
    /// the owner has no uid, apiVersion or kind, or when another owner already controls the object.
    public mutating func setControllerReference<O: KubeObject>(to owner: O) throws(OwnerReferenceError) {
        guard let reference = OwnerReference.controller(of: owner) else {
            let code = (owner.uid ?? "").isEmpty ? "owner_without_uid" : "owner_without_kind"
            throw OwnerReferenceError(code: code, detail: "cannot reference owner \(owner.cacheKey): it needs uid, apiVersion, kind and name")
        }
        if let existing = controllerReference, existing.uid != reference.uid {
            throw OwnerReferenceError(code: "already_controlled", detail: "already controlled by \(existing.kind) \(existing.name)")
        }
        var references = ownerReferences.filter { $0.uid != reference.uid }
        references.append(reference)
        ownerReferences = references
    }

    /// Whether `owner` (by uid) is this object's controller.
    public func isControlled<O: KubeObject>(by owner: O) -> Bool {
        guard let uid = owner.uid, !uid.isEmpty else { return false }
        return controllerReference?.uid == uid
    }
}
