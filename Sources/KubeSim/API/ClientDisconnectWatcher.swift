import NIOCore
import Synchronization

/// Notices that the client of a long response has gone: its connection's input ended (the client's FIN:
/// HTTP/1.1 clients do not half-close while waiting for a response) or the connection closed. Installed first
/// in the pipeline, so it sees the event before Hummingbird's handlers buffer it.
final class ClientDisconnectWatcher: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = NIOAny
    private let onGone: @Sendable () -> Void

    init(onGone: @escaping @Sendable () -> Void) {
        self.onGone = onGone
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed { onGone() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        onGone()
        context.fireChannelInactive()
    }

    /// `stream`, ending (and cancelling its iteration, so the provider's `onTermination` runs) when the
    /// returned closure is called.
    static func untilClientLeaves(_ stream: AsyncThrowingStream<[UInt8], any Error>)
        -> (AsyncThrowingStream<[UInt8], any Error>, @Sendable () -> Void)
    {
        let (merged, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
        let pump = Task {
            do {
                for try await chunk in stream { continuation.yield(chunk) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in pump.cancel() }
        return (merged, {
            pump.cancel()
            continuation.finish()
        })
    }
}

/// The `pods/log?follow=true` responses in progress, so a shutdown can end them (Hummingbird's graceful
/// shutdown waits for every response to finish).
final class LogFollowers: Sendable {
    private let state = Mutex<(next: Int, ends: [Int: @Sendable () -> Void])>((0, [:]))

    /// Registers a stream's end; returns its id.
    func add(_ end: @escaping @Sendable () -> Void) -> Int {
        state.withLock { s in
            s.next += 1
            s.ends[s.next] = end
            return s.next
        }
    }

    /// Forgets a finished stream.
    func remove(_ id: Int) {
        state.withLock { _ = $0.ends.removeValue(forKey: id) }
    }

    /// Ends every stream in progress.
    func endAll() {
        let ends = state.withLock { s in
            defer { s.ends = [:] }
            return Array(s.ends.values)
        }
        for end in ends { end() }
    }

    /// How many are in progress.
    var count: Int { state.withLock { $0.ends.count } }
}
