import Dispatch
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
import HummingbirdTLS
@testable import KubeSim
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// Request context that remembers the client's TCP port: the connection's, also for an HTTP/2 stream
/// (whose channel is a child of the connection's channel).
struct PeerRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let peerPort: Int

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerPort = (source.channel.parent ?? source.channel).remoteAddress?.port ?? -1
    }
}

/// A TLS server on 127.0.0.1 (free port) whose `GET /version` answers `{"clientPort": N}`, so a test can see
/// how many TCP connections its requests used. It offers `h2` and `http/1.1` by ALPN, or `http/1.1` only.
struct PeerPortServer {
    let port: Int
    let caPEM: [UInt8]
    private let runTask: Task<Void, Never>

    static func start(offerHTTP2: Bool) async throws -> PeerPortServer {
        let material = try await makeMaterial(in: NSTemporaryDirectory() + "peer-port-tls-\(UUID().uuidString)")
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(material.certificatePEM.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(material.keyPEM.utf8), format: .pem)))
        let server: HTTPServerBuilder
        if offerHTTP2 {
            server = try .http2Upgrade(tlsConfiguration: tls)
        } else {
            tls.applicationProtocols = ["http/1.1"]
            server = try .tls(.http1(), tlsConfiguration: tls)
        }
        let router = Router(context: PeerRequestContext.self)
        router.get("/version") { _, context -> Response in
            let body = ByteBuffer(string: #"{"major":"1","minor":"33","clientPort":\#(context.peerPort)}"#)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
        }
        var logger = Logger(label: "peer-port-server")
        logger.logLevel = .critical  // cancelling the server at the end logs errors by design
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(responder: router.buildResponder(), server: server,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let runTask = Task {
            try? await group.run()
            continuation.finish()
        }
        var bound = 0
        for await port in ports {
            bound = port
            break
        }
        guard bound > 0 else { throw KubeSimError(code: "listen_failed", message: "test server did not start") }
        return PeerPortServer(port: bound, caPEM: Array(material.caPEM.utf8), runTask: runTask)
    }

    /// Runs `openssl` off Swift's cooperative pool: waiting for the child processes there would starve the
    /// timing-sensitive leader-election tests that share this process.
    private static func makeMaterial(in directory: String) async throws -> TLSMaterial {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try TLSMaterial.make(in: directory) })
            }
        }
    }

    /// Stops at once: cancelling the service group closes the connections libcurl keeps pooled (a graceful
    /// shutdown would wait for the client to close them).
    func shutdown() async {
        runTask.cancel()
        await runTask.value
    }
}
