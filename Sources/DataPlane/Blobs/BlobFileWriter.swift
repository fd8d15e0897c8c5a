import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A descriptor of a file an upload writes, closed exactly once (`close()` may be called from every
/// path that ends the upload; only the first call closes, and `deinit` closes a forgotten one).
final class OpenBlobFile: Sendable {
    let descriptor: Int32
    let path: String
    private let closed = Atomic<Bool>(false)

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Closes the descriptor unless it is closed already. Blocking only for a moment.
    func close() {
        if !closed.exchange(true, ordering: .acquiringAndReleasing) { _ = Glibc.close(descriptor) }
    }

    deinit { close() }
}

/// Writes a request body into a file as it arrives, through one descriptor that stays open from the
/// first write to the fsync (no second open to make it durable).
///
/// Chunks of `copyThreshold` bytes or more are kept as they are; smaller ones (a slow client's reads)
/// are copied into one gather buffer. What is kept goes to the file in one `pwritev` per
/// `flushThreshold` bytes, so a 1 MiB body costs two trips to the I/O thread pool instead of one per
/// chunk. The file is opened by `opener` on the pool, in the trip of the first write.
struct BlobFileWriter {
    static let flushThreshold = 512 * 1024
    static let copyThreshold = 64 * 1024
    static let gatherCapacity = 256 * 1024
    /// At most this many buffers go into one `pwritev`.
    static let maxPendingBuffers = 16

    private let opener: @Sendable () throws -> OpenBlobFile
    private(set) var file: OpenBlobFile?
    private(set) var offset: Int64
    private var pending: [ByteBuffer] = []
    private var pendingBytes = 0
    private var gathered = ByteBuffer()
    /// Where the next window handed to writeback starts (`StreamingWriteback`).
    private var writebackStart: Int64

    /// `opener` runs on the I/O pool and returns the open file; writing starts at `offset`.
    init(offset: Int64 = 0, opener: @escaping @Sendable () throws -> OpenBlobFile) {
        self.opener = opener
        self.offset = offset
        self.writebackStart = offset
    }

    /// Queues `chunk` after everything before it, writing when enough is queued.
    mutating func write(_ chunk: ByteBuffer) async throws {
        guard chunk.readableBytes > 0 else { return }
        if chunk.readableBytes < Self.copyThreshold {
            if gathered.capacity == 0 { gathered.reserveCapacity(Self.gatherCapacity) }
            var chunk = chunk
            gathered.writeBuffer(&chunk)
            if gathered.readableBytes >= Self.gatherCapacity { movePendingGather() }
        } else {
            movePendingGather()
            pending.append(chunk)
            pendingBytes += chunk.readableBytes
        }
        if pendingBytes >= Self.flushThreshold || pending.count >= Self.maxPendingBuffers {
            try await flush()
        }
    }

    /// Writes everything queued (opening the file if nothing was written yet) and returns the file.
    mutating func finish() async throws -> OpenBlobFile {
        try await flush()
        if let file { return file }
        let opener = self.opener
        let opened = try await NIOThreadPool.singleton.runIfActive { try opener() }
        file = opened
        return opened
    }

    /// Closes the file, if it was opened, and returns its path (for the caller to remove).
    func close() -> String? {
        file?.close()
        return file?.path
    }

    private mutating func movePendingGather() {
        guard gathered.readableBytes > 0 else { return }
        pendingBytes += gathered.readableBytes
        pending.append(gathered)
        gathered = ByteBuffer()
    }

    private mutating func flush() async throws {
        movePendingGather()
        guard !pending.isEmpty else { return }
        let buffers = pending
        let (offset, existing, opener) = (self.offset, file, self.opener)
        let (written, writebackStart) = (offset + Int64(pendingBytes), self.writebackStart)
        let (opened, nextWriteback) = try await NIOThreadPool.singleton.runIfActive { () throws -> (OpenBlobFile, Int64) in
            let target = try existing ?? opener()
            do {
                try Self.writeAll(buffers, to: target.descriptor, at: offset)
            } catch {
                if existing == nil {
                    // Opened in this trip: nobody else knows the file yet.
                    target.close()
                    unlink(target.path)
                }
                throw error
            }
            return (target, StreamingWriteback.advance(descriptor: target.descriptor, started: writebackStart, written: written))
        }
        file = opened
        self.writebackStart = nextWriteback
        self.offset = written
        pending.removeAll(keepingCapacity: true)
        pendingBytes = 0
    }

    /// `pwritev` of every readable byte of `buffers` at `offset`, retrying short writes. Blocking.
    static func writeAll(_ buffers: [ByteBuffer], to descriptor: Int32, at offset: Int64) throws {
        var buffers = buffers[...]
        var offset = offset
        while let first = buffers.first {
            if first.readableBytes == 0 {
                buffers.removeFirst()
                continue
            }
            var vectors: [iovec] = []
            vectors.reserveCapacity(buffers.count)
            let written = withVectors(buffers, &vectors) { pwritev(descriptor, $0, Int32($0.count), off_t(offset)) }
            if written < 0 {
                if errno == EINTR { continue }
                throw BlobError.io("write upload temp file", errno)
            }
            offset += Int64(written)
            var left = written
            while left > 0, let head = buffers.first {
                if left >= head.readableBytes {
                    left -= head.readableBytes
                    buffers.removeFirst()
                } else {
                    buffers[buffers.startIndex].moveReaderIndex(forwardBy: left)
                    left = 0
                }
            }
        }
    }

    /// Calls `body` with one iovec per buffer, every buffer's bytes pinned for the call.
    private static func withVectors<R>(_ buffers: ArraySlice<ByteBuffer>, _ vectors: inout [iovec], _ body: ([iovec]) -> R) -> R {
        guard let first = buffers.first else { return body(vectors) }
        return first.withUnsafeReadableBytes { bytes in
            if let base = bytes.baseAddress, bytes.count > 0 {
                vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: base), iov_len: bytes.count))
            }
            return withVectors(buffers.dropFirst(), &vectors, body)
        }
    }
}
