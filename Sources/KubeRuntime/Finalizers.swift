import KubeClient

/// Runs a reconcile behind a finalizer, so cleanup outside the object (backups, external state) happens
/// before the API server lets the object go.
///
/// # Expected flow
/// 1. A live object without the finalizer: the finalizer is added (JSON patch guarded by a `test` of
///    `metadata.resourceVersion`), then `apply` runs on the patched object.
/// 2. A live object with the finalizer: `apply` runs.
/// 3. The object is deleted: the server sets `deletionTimestamp` and keeps the object while finalizers
///    remain. The next reconcile runs `cleanup`; when it returns `.done`, the finalizer is removed (JSON
///    patch testing both `resourceVersion` and the finalizer's position) and the server deletes the object.
/// 4. A deleting object without the finalizer: nothing runs (`.done`).
///
/// # Guarantees
/// - `apply` never runs before the finalizer is stored on the server, so every object `apply` has acted on
///   gets `cleanup` before it disappears.
/// - The finalizer is never removed when `cleanup` throws or asks for a requeue (a result with `requeue` or
///   `requeueAfter`: cleanup still in progress); that error or result is returned and the reconcile retries.
/// - Both patches are optimistic: against a stale object they fail (the `test` operation does not hold)
///   instead of adding twice or removing another controller's finalizer; the error makes the controller
///   retry from a fresh cache.
///
/// # Assumptions
/// - `object` is the latest cached state of the reconciled object and the finalizer name is owned by this
///   controller alone (use a domain-qualified name such as `filewallball.io/backup-cleanup`).
/// - `cleanup` is idempotent: it may run again after a crash or a failed finalizer removal.
/// - The controller watches the object itself, so it is reconciled again once deletion starts.
///
/// # Caveats
/// - An object deleted before its first reconcile never gets the finalizer, so `cleanup` does not run for it.
/// - A finalizer left behind by a removed controller blocks deletion until someone removes it by hand
///   (`kubectl patch --type=json`).
/// - Objects deleted with `propagationPolicy: Orphan`/`Foreground` carry server finalizers too; only this
///   helper's own name is ever touched.
public enum Finalizers {
    /// Reconciles `object` behind `finalizer` (see the type's documentation for the flow).
    public static func reconcile<R: KubeObject>(_ object: R, finalizer: String, client: ResourceClient<R>, apply: (R) async throws -> ReconcileResult, cleanup: (R) async throws -> ReconcileResult) async throws -> ReconcileResult {
        let finalizers = object.metadata.finalizers ?? []
        if object.metadata.deletionTimestamp != nil {
            guard let index = finalizers.firstIndex(of: finalizer) else { return .done }
            let result = try await cleanup(object)
            guard !result.requeue, result.requeueAfter == nil else { return result }
            _ = try await client.patch(object.name, namespace: object.metadata.namespace, patch: removal(of: finalizer, at: index, from: object))
            return .done
        }
        guard finalizers.contains(finalizer) else {
            let patched = try await client.patch(object.name, namespace: object.metadata.namespace, patch: addition(of: finalizer, to: object))
            return try await apply(patched)
        }
        return try await apply(object)
    }

    /// The JSON patch adding `finalizer`, guarded by the object's resourceVersion.
    public static func addition<R: KubeObject>(of finalizer: String, to object: R) -> Patch {
        var operations = guardOperations(object)
        if object.metadata.finalizers == nil {
            operations.append(["op": "add", "path": "/metadata/finalizers", "value": .array([.string(finalizer)])])
        } else {
            operations.append(["op": "add", "path": "/metadata/finalizers/-", "value": .string(finalizer)])
        }
        return .json(operations)
    }

    /// The JSON patch removing `finalizer` at `index`, guarded by the resourceVersion and the entry itself.
    public static func removal<R: KubeObject>(of finalizer: String, at index: Int, from object: R) -> Patch {
        var operations = guardOperations(object)
        operations.append(["op": "test", "path": .string("/metadata/finalizers/\(index)"), "value": .string(finalizer)])
        operations.append(["op": "remove", "path": .string("/metadata/finalizers/\(index)")])
        return .json(operations)
    }

    private static func guardOperations<R: KubeObject>(_ object: R) -> [JSONValue] {
        guard let version = object.resourceVersion else { return [] }
        return [["op": "test", "path": "/metadata/resourceVersion", "value": .string(version)]]
    }
}
