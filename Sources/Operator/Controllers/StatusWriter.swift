import KubeClient

/// Writes a custom resource's status with server-side apply on `/status`, only when it differs from the
/// stored one (an unchanged status costs no request).
public enum StatusWriter {
    /// Applies `status` to `object` unless it equals `previous`; returns whether a write was made.
    @discardableResult
    public static func write<R: KubeResource, S: Encodable & Equatable>(_ status: S, previous: S?, of object: R, client: KubeClient) async throws -> Bool {
        guard status != previous else { return false }
        var update = R(object: [:])
        update.metadata.name = object.name
        update.metadata.namespace = object.metadata.namespace
        update.object["status"] = try JSONCoding.encode(status, path: "status")
        _ = try await client.resource(R.self).applyStatus(update, fieldManager: OwnedObjectApplier.fieldManager, force: true)
        return true
    }
}
