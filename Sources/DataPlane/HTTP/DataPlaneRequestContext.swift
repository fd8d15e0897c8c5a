import Hummingbird
import NIOCore

/// The request context of both listeners: Hummingbird's basic context plus the connection's channel
/// (the download route queues `sendfile` regions on it).
struct DataPlaneRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection this request arrived on.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
