/// Rewrites a request URL so TLS verifies `tls-server-name` while the connection still goes to the
/// configured server (libcurl's CONNECT_TO), as kubectl does with `tls-server-name`.
struct ServerAddress: Sendable, Equatable {
    /// Base URL to put in requests.
    let requestBase: String
    /// CONNECT_TO entry, when the name differs from the dialled host.
    let connectTo: String?

    init(server: String, tlsServerName: String?) {
        guard let tlsServerName, let schemeEnd = server.range(of: "://") else {
            requestBase = server
            connectTo = nil
            return
        }
        let scheme = server[..<schemeEnd.lowerBound]
        let rest = server[schemeEnd.upperBound...]
        let authority = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? String(rest)
        let path = rest.dropFirst(authority.count)
        var host = authority
        var port = scheme == "https" ? "443" : "80"
        if let closing = authority.lastIndex(of: "]") {
            host = String(authority[...closing])
            let after = authority[authority.index(after: closing)...]
            if after.hasPrefix(":") { port = String(after.dropFirst()) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            port = String(authority[authority.index(after: colon)...])
        }
        requestBase = "\(scheme)://\(tlsServerName):\(port)\(path)"
        connectTo = "\(tlsServerName):\(port):\(host):\(port)"
    }
}
