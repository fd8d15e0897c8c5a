import NIOCore

/// One half of a proxied TCP connection: what this channel reads is written to the partner channel.
///
/// Both halves live on one event loop. Backpressure: this channel only reads while the partner can take
/// writes (its outbound buffer is under the high watermark); the partner's writability change resumes it.
/// Half-close: end of input here (the peer's FIN) shuts the partner's output once everything before it is
/// written; a channel whose input and output are both done closes. A channel that goes away closes its
/// partner after the partner's pending writes.
final class ProxySplice: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var context: ChannelHandlerContext?
    /// The other half (set once both exist).
    var partner: ProxySplice?
    private var readWaiting = false
    private var inputDone = false
    private var outputDone = false

    /// Links two halves.
    static func link(_ a: ProxySplice, _ b: ProxySplice) {
        a.partner = b
        b.partner = a
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        partner = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        // The accepting side is active only after the backend connected: the backend (created with
        // autoRead off, so a server that speaks first loses nothing) may start reading now.
        partner?.startReading()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        partner?.send(unwrapInboundIn(data))
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        partner?.context?.flush()
        context.fireChannelReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { partner?.resumeReading() }
        context.fireChannelWritabilityChanged()
    }

    func read(context: ChannelHandlerContext) {
        if partner?.acceptsWrites ?? false {
            context.read()
        } else {
            readWaiting = true
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let event = event as? ChannelEvent, event == .inputClosed else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        inputDone = true
        partner?.finishOutput()
        if outputDone { context.close(promise: nil) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.closeAfterPendingWrites()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    // MARK: Called by the partner (same event loop)

    private var acceptsWrites: Bool {
        guard let channel = context?.channel else { return false }
        return channel.isActive && channel.isWritable
    }

    private func send(_ buffer: ByteBuffer) {
        context?.write(wrapOutboundOut(buffer), promise: nil)
    }

    private func startReading() {
        guard let context else { return }
        context.channel.setOption(ChannelOptions.autoRead, value: true).whenFailure { _ in }
    }

    private func resumeReading() {
        guard readWaiting, let context else { return }
        readWaiting = false
        context.read()
    }

    /// Shuts the output once every write before it has gone out (the peer then sees our FIN).
    private func finishOutput() {
        guard let context, !outputDone else { return }
        outputDone = true
        let inputDone = self.inputDone
        let done = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(ByteBuffer()), promise: done)
        done.futureResult.assumeIsolated().whenComplete { _ in
            context.close(mode: inputDone ? .all : .output, promise: nil)
        }
    }

    /// Closes once every pending write has gone out.
    private func closeAfterPendingWrites() {
        guard let context else { return }
        let done = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(ByteBuffer()), promise: done)
        done.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
