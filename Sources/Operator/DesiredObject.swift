import KubeClient

/// One object to server-side apply: its REST resource and its complete JSON intent.
public struct DesiredObject: Sendable, Equatable {
    /// The object's REST resource.
    public var descriptor: ResourceDescriptor
    /// The apply intent.
    public var object: JSONObject

    /// Wraps a typed object.
    public init<R: KubeResource>(_ resource: R) {
        self.descriptor = R.descriptor
        self.object = resource.object
    }

    /// `metadata.name`.
    public var name: String { object["metadata"]?["name"]?.stringValue ?? "" }
    /// `kind`.
    public var kind: String { descriptor.kind }
    /// The object as a generic resource, for
    /// `client.resource(GenericResource.self, descriptor: descriptor).apply(resource, fieldManager:force:)`.
    public var resource: GenericResource { GenericResource(object: object) }
}
