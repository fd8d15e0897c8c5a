import Foundation
import NIOCore
import NIOPosix
import Synchronization
import TestSupport
import Testing
@testable import DevRuntime

/// Backpressure through the proxy: a client writing into a backend that reads nothing is held once the
/// buffers on the way are full, instead of the proxy reading (and keeping) everything it is sent.
@Suite struct NetworkBackpressureTests {
    /// Writes zeros on a plain blocking socket until `stop`; counts the bytes the kernel took.
    final class BlockingWriter: Sendable {
        let sent = Mutex(0)
        let stop = Mutex(false)
        let failed = Mutex<Int32?>(nil)

        func run(host: String, port: Int) {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { failed.withLock { $0 = errno }; return }
            defer { close(fd) }
            var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &address.sin_addr)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { failed.withLock { $0 = errno }; return }
            let chunk = [UInt8](repeating: 0x61, count: 65_536)
            while !stop.withLock({ $0 }) {
                let n = chunk.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n > 0 {
                    sent.withLock { $0 += n }
                } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
                    failed.withLock { $0 = errno }
                    return
                }
            }
        }
    }

    @Test func aStalledBackendHoldsTheClient() async throws {
        // The backend accepts and never reads.
        let sink = try await ServerBootstrap(group: NetworkTestLoops.group)
            .childChannelOption(ChannelOptions.autoRead, value: false)
            .childChannelInitializer { $0.eventLoop.makeSucceededVoidFuture() }
            .bind(host: NetworkTestAddresses.random(prefix: "127.10"), port: 0).get()
        let sinkAddress = try #require(sink.localAddress)
        let proxy = ServiceProxy(group: NetworkTestLoops.group)
        let host = NetworkTestAddresses.random(prefix: "127.20")
        let port = try await NetworkTestAddresses.freePort(host: host)
        let writer = BlockingWriter()
        try await withCleanup({
            writer.stop.withLock { $0 = true }
            await proxy.shutdown()
            try? await sink.close()
        }) { () async throws in
            await proxy.update([ServiceRoute(namespace: "default", service: "sink", listenHost: host, listenPort: port,
                backends: [ServiceBackend(host: sinkAddress.ipAddress ?? "", port: sinkAddress.port ?? 0, podName: "sink")])])
            Thread.detachNewThread { writer.run(host: host, port: port) }
            // Wait until the client stalls: nothing taken for a whole second (at most 20 s).
            let deadline = ContinuousClock.now + .seconds(20)
            var last = -1
            var stableSince = ContinuousClock.now
            while ContinuousClock.now < deadline, ContinuousClock.now - stableSince < .seconds(1) {
                try await Task.sleep(for: .milliseconds(100))
                let now = writer.sent.withLock { $0 }
                if now != last {
                    last = now
                    stableSince = ContinuousClock.now
                }
            }
            writer.stop.withLock { $0 = true }
            #expect(writer.failed.withLock { $0 } == nil)
            #expect(last > 0)
            // Kernel buffers on loopback (up to tcp_rmem's 32 MiB per receiver here) plus one write watermark.
            #expect(ContinuousClock.now - stableSince >= .seconds(1), "the client never stalled: \(last) bytes and counting")
            #expect(last < 160 << 20, "the client wrote \(last) bytes towards a backend that reads nothing")
        }
    }
}
