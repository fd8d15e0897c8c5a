import Synchronization

/// The body of a streamed response with flow control: when more than `highWater` bytes wait unread, the
/// transfer is paused (libcurl's CURL_WRITEFUNC_PAUSE) and resumed once the reader drains below `lowWater`.
/// A slow watch consumer therefore holds a bounded amount of memory, never the whole response.
final class ResponseBodyChannel: Sendable {
    private struct State {
        var chunks: [[UInt8]] = []
        var head = 0
        var bufferedBytes = 0
        var peakBufferedBytes = 0
        var paused = false
        var finished = false
        var failure: KubeTransportError?
        var waiter: CheckedContinuation<[UInt8]?, any Error>?
    }

    let highWater: Int
    let lowWater: Int
    private let state = Mutex(State())
    /// Asks the curl loop to resume a paused transfer (set once before the transfer starts).
    private let resume: Mutex<(@Sendable () -> Void)?> = Mutex(nil)

    init(highWater: Int = 1 << 20, lowWater: Int = 256 << 10) {
        self.highWater = highWater
        self.lowWater = lowWater
    }

    /// Installs the callback that un-pauses the transfer.
    func onResume(_ callback: @escaping @Sendable () -> Void) { resume.withLock { $0 = callback } }

    /// Largest number of unread bytes ever held (for tests and diagnostics).
    var peakBufferedBytes: Int { state.withLock { $0.peakBufferedBytes } }

    /// Called on the curl loop thread; false means "pause: this chunk was not taken, offer it again later".
    func offer(_ chunk: UnsafeRawBufferPointer) -> Bool {
        let delivery = state.withLock { state -> (CheckedContinuation<[UInt8]?, any Error>, [UInt8])?? in
            if let waiter = state.waiter {
                state.waiter = nil
                return .some((waiter, [UInt8](chunk)))
            }
            if state.bufferedBytes >= highWater {
                state.paused = true
                return .none
            }
            state.chunks.append([UInt8](chunk))
            state.bufferedBytes += chunk.count
            state.peakBufferedBytes = max(state.peakBufferedBytes, state.bufferedBytes)
            return .some(nil)
        }
        switch delivery {
        case .none: return false
        case .some(.none): return true
        case .some(.some(let (waiter, bytes))):
            waiter.resume(returning: bytes)
            return true
        }
    }

    /// Ends the body (loop thread).
    func finish(_ error: KubeTransportError?) {
        let waiter = state.withLock { state -> CheckedContinuation<[UInt8]?, any Error>? in
            state.finished = true
            state.failure = error
            let taken = state.waiter
            state.waiter = nil
            return taken
        }
        if let waiter {
            if let error { waiter.resume(throwing: error) } else { waiter.resume(returning: nil) }
        }
    }

    private enum Step {
        case chunk([UInt8])
        case end(KubeTransportError?)
        case wait
    }

    /// Takes the next buffered chunk or the end marker; reports whether the transfer should be resumed.
    private func take(_ state: inout State) -> (Step, resume: Bool) {
        if state.head < state.chunks.count {
            let chunk = state.chunks[state.head]
            state.head += 1
            state.bufferedBytes -= chunk.count
            if state.head == state.chunks.count {
                state.chunks.removeAll(keepingCapacity: true)
                state.head = 0
            }
            let shouldResume = state.paused && state.bufferedBytes <= lowWater
            if shouldResume { state.paused = false }
            return (.chunk(chunk), shouldResume)
        }
        if state.finished { return (.end(state.failure), false) }
        return (.wait, false)
    }

    /// Next chunk, nil at the end; throws the transfer's error after the buffered chunks are read.
    func next() async throws -> [UInt8]? {
        let (step, shouldResume) = state.withLock { take(&$0) }
        if shouldResume { resume.withLock { $0 }?() }
        switch step {
        case .chunk(let chunk): return chunk
        case .end(let failure):
            if let failure { throw failure }
            return nil
        case .wait:
            return try await withCheckedThrowingContinuation { continuation in
                let (step, shouldResume) = state.withLock { state -> (Step, Bool) in
                    let taken = take(&state)
                    guard case .wait = taken.0 else { return taken }
                    state.waiter = continuation
                    // Nothing is buffered: a paused transfer must resume or we would wait forever.
                    let wasPaused = state.paused
                    state.paused = false
                    return (.wait, wasPaused)
                }
                if shouldResume { resume.withLock { $0 }?() }
                switch step {
                case .chunk(let chunk): continuation.resume(returning: chunk)
                case .end(let failure):
                    if let failure { continuation.resume(throwing: failure) } else { continuation.resume(returning: nil) }
                case .wait: break
                }
            }
        }
    }
}

/// Cancels the transfer when the last reader-side reference goes away.
final class TransferCancellation: Sendable {
    private let cancel: @Sendable () -> Void
    init(_ cancel: @escaping @Sendable () -> Void) { self.cancel = cancel }
    func callAsFunction() { cancel() }
    deinit { cancel() }
}
