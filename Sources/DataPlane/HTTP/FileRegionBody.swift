import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// Sends file contents with `sendfile(2)`: the kernel copies from the page cache to the socket, and no
/// byte of the file passes through this process.
///
/// Hummingbird's response body can only carry `ByteBuffer`s, so the body writes one EMPTY buffer as a
/// placeholder, and `FileRegionBodyHandler` (installed on every public connection below Hummingbird's
/// HTTP-types codec, where parts carry NIO's `IOData`) swaps that placeholder for the `FileRegion` queued
/// just before it. Responses on one HTTP/1.1 connection are written in order, so the queue is FIFO.
/// The file handle is closed once its region has been written, or when the connection goes away.
enum FileRegionBody {
    /// A body of `range` bytes of the file at `path` (opened now, on the thread pool, with the range's
    /// uncached pages loaded there: see `PageCacheWarmer`). Throws when the file cannot be opened or is
    /// shorter than the range.
    static func make(path: String, range: ClosedRange<Int64>, channel: any Channel) async throws -> ResponseBody {
        let file = try await NIOThreadPool.singleton.runIfActive { try open(path: path, range: range) }
        let lease = OpenedBlob(file)
        let length = Int(range.upperBound - range.lowerBound + 1)
        return ResponseBody(contentLength: length) { writer in
            try await channel.eventLoop.submit {
                let sender = try channel.pipeline.syncOperations.handler(type: FileRegionBodyHandler.self)
                if let file = lease.take() { sender.enqueue(file) }
            }.get()
            try await writer.write(ByteBuffer())
            try await writer.finish(nil)
        }
    }
}

extension FileRegionBody {
    /// Opens the file and warms the range. Blocking: thread pool only.
    private static func open(path: String, range: ClosedRange<Int64>) throws -> QueuedFile {
        // NIO steers file access to NIOFileSystem, but only an NIOFileHandle can back a FileRegion (the
        // one way to get sendfile), so this is the explicit spelling of the still supported initialiser.
        let handle = try NIOFileHandle(_deprecatedPath: path)
        do {
            let size = try handle.withUnsafeFileDescriptor { fd -> Int64 in
                let end = lseek(fd, 0, SEEK_END)
                guard end >= 0 else { throw IOError(errnoCode: errno, reason: "lseek") }
                return Int64(end)
            }
            guard size > range.upperBound else { throw FileRegionError.shorterThanExpected(path: path, size: size) }
            _ = try handle.withUnsafeFileDescriptor { fd in PageCacheWarmer.warm(fd: fd, range: range) }
            let region = FileRegion(fileHandle: handle, readerIndex: Int(range.lowerBound), endIndex: Int(range.upperBound) + 1)
            return QueuedFile(handle: handle, region: region)
        } catch {
            try? handle.close()
            throw error
        }
    }
}

/// Owns an opened blob until the connection's handler takes it. A response that is never written
/// (the client went away before its head) drops the body closure holding this, and the file is closed
/// here rather than leaked.
final class OpenedBlob: Sendable {
    private let file: Mutex<QueuedFile?>

    init(_ file: QueuedFile) {
        self.file = Mutex(file)
    }

    /// The file, once; nil afterwards.
    func take() -> QueuedFile? {
        file.withLock { file in
            defer { file = nil }
            return file
        }
    }

    deinit {
        try? take()?.handle.close()
    }
}

/// An opened file and the part of it to send.
// Safety: the NIOFileHandle (a class NIO marks non-Sendable) is handed to the event loop once and only used there after.
struct QueuedFile: @unchecked Sendable {
    let handle: NIOFileHandle
    let region: FileRegion
}

enum FileRegionError: Error, CustomStringConvertible {
    case shorterThanExpected(path: String, size: Int64)

    var description: String {
        switch self {
        case .shorterThanExpected(let path, let size): "\(path) has only \(size) bytes"
        }
    }
}

/// Swaps each empty body placeholder for the next queued file region (see `FileRegionBody`).
final class FileRegionBodyHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private var queued = CircularBuffer<QueuedFile>()

    /// Queues a file for the next placeholder. Event loop only.
    func enqueue(_ file: QueuedFile) {
        queued.append(file)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !queued.isEmpty, case .body(.byteBuffer(let buffer)) = unwrapOutboundIn(data), buffer.readableBytes == 0 else {
            context.write(data, promise: promise)
            return
        }
        let file = queued.removeFirst()
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenComplete { _ in try? file.handle.close() }
        written.futureResult.cascade(to: promise)
        context.write(wrapOutboundOut(.body(.fileRegion(file.region))), promise: written)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        while let file = queued.popFirst() { try? file.handle.close() }
    }
}
