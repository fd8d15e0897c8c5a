extension ProbeServer {
    /// The controller's probe routes: `/healthz` and `/livez` answer 200 while the process serves; `/readyz`
    /// answers 200 only while `isReady()` (e.g. `ControllerManager.isReady`), 503 otherwise; anything else 404.
    public static func healthHandler(isReady: @escaping @Sendable () -> Bool) -> Handler {
        { path in
            switch path {
            case "/healthz", "/livez": return Response(status: 200, body: "ok\n")
            case "/readyz": return isReady() ? Response(status: 200, body: "ok\n") : Response(status: 503, body: "not ready\n")
            default: return Response(status: 404, body: "not found\n")
            }
        }
    }
}
