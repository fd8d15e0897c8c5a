import Hummingbird

/// The public listener's responder: the router, except that the two hottest routes, a file's metadata
/// (`GET /api/v1/files/{id}/meta`) and its bytes (`GET|HEAD /api/v1/files/{id}`), are recognised by
/// their fixed shape instead of by walking the router's trie.
///
/// They still go through the router's middleware (errors as JSON, request metrics under the same route
/// label) and the same handlers; a path that does not have exactly that shape (an id of another length,
/// a trailing slash, another method) goes to the router, which answers it as before. The trie walk and
/// its parameter dictionary were ~9 % of serve's CPU per metadata GET in `perf`.
struct PublicResponder: HTTPResponder {
    typealias Context = DataPlaneRequestContext

    static let filesPrefix = "/api/v1/files/"
    static let metaSuffix = "/meta"
    static let metadataRoute = "/api/v1/files/{id}/meta"
    static let downloadRoute = "/api/v1/files/{id}"
    /// Length of a canonical file id (a UUID with dashes).
    static let idLength = 36

    private let router: RouterResponder<Context>
    private let metadata: any HTTPResponder<Context>
    private let download: any HTTPResponder<Context>

    /// `router` must have its middleware added already: the hot routes are wrapped in the same group.
    init(router: Router<Context>, files: FileRoutes) {
        self.router = router.buildResponder()
        metadata = router.middlewares.constructResponder(finalResponder: CallbackResponder { request, context in
            try await files.metadata(request, context: context)
        })
        download = router.middlewares.constructResponder(finalResponder: CallbackResponder { request, context in
            try await files.download(request, context: context)
        })
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        if let (id, isMetadata) = Self.hotRoute(path) {
            if isMetadata ? request.method == .get : (request.method == .get || request.method == .head) {
                var context = context
                context.matchedFileID = id
                context.coreContext.endpointPath.value = isMetadata ? Self.metadataRoute : Self.downloadRoute
                do {
                    return try await (isMetadata ? metadata : download).respond(to: request, context: context)
                } catch let error as any HTTPResponseError {
                    return try error.response(from: request, context: context)
                }
            }
        }
        return try await router.respond(to: request, context: context)
    }

    /// The id and whether it is the metadata route, when `path` is `/api/v1/files/<36 bytes without
    /// '/'>` or the same followed by `/meta`; nil otherwise.
    static func hotRoute(_ path: String) -> (id: Substring, isMetadata: Bool)? {
        let utf8 = path.utf8
        let total = utf8.count
        let base = filesPrefix.utf8.count + idLength
        guard total == base || total == base + metaSuffix.utf8.count, path.hasPrefix(filesPrefix) else { return nil }
        let start = path.utf8.index(path.startIndex, offsetBy: filesPrefix.utf8.count)
        let end = path.utf8.index(start, offsetBy: idLength)
        let id = path[start..<end]
        guard !id.utf8.contains(UInt8(ascii: "/")) else { return nil }
        if total == base { return (id, false) }
        guard path[end...] == metaSuffix else { return nil }
        return (id, true)
    }
}
