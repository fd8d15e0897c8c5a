import KubeClient

/// Maps owned objects to their owners through `metadata.ownerReferences`.
public enum OwnerMapping {
    /// Requests for the controlling owners of `object` with this kind and API group.
    public static func owners<R: KubeObject>(of object: R, kind: String, group: String) -> [ReconcileRequest] {
        object.metadata.ownerReferences.compactMap { reference in
            guard reference.kind == kind, reference.controller == true else { return nil }
            let referenceGroup = reference.apiVersion.contains("/") ? String(reference.apiVersion.split(separator: "/")[0]) : ""
            guard referenceGroup == group else { return nil }
            return ReconcileRequest(namespace: object.metadata.namespace, name: reference.name)
        }
    }
}
