import Hummingbird
import NIOCore

/// The request context of both listeners: Hummingbird's basic context plus the connection's channel
/// (the download route queues `sendfile` regions on it).
struct DataPlaneRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection this request arrived on.
    let channel: any Channel
    /// The `{id}` of a path `PublicResponder` matched by its shape (the router's parameters stay empty
    /// then: building them was ~3 % of a metadata GET).
    var matchedFileID: Substring?

    /// The `{id}` path parameter, however the route was found.
    var fileIDParameter: Substring? { matchedFileID ?? parameters["id"] }

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
