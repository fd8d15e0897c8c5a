#if canImport(Glibc)
import Glibc
#endif
import SystemExtras

/// Loads the uncached pages of a file range into the page cache before a download sends it.
///
/// Downloads go out with `sendfile` on the connection's event loop, and a page that is not cached makes
/// `sendfile` wait for the disk with the loop, and every connection on it, stalled. New uploads are
/// dropped from the page cache once they are durable (see `BlobStore`), so a blob's first download is
/// cold. Called on the I/O thread pool right after the blob is opened: a cached range costs two 1-byte
/// `preadv2(RWF_NOWAIT)` probes (its first and last byte); a cold one is read through once there.
/// Without `preadv2` (an old C library) residency is read with `mincore` over an untouched mapping,
/// which costs more (the mapping takes the process's memory-map lock; measured: ~8 % of download
/// throughput at 3 GB/s).
enum PageCacheWarmer {
    /// At most this much of a range is loaded ahead; the kernel's readahead keeps ahead of the rest
    /// of a long sequential send.
    static let maxBytes: Int64 = 32 << 20
    /// Read-through buffer size.
    static let chunkBytes = 256 << 10
    private static let pageSize = Int64(sysconf(Int32(_SC_PAGESIZE)))

    /// Loads `range` (at most its first `maxBytes`) of the open file `fd` into the page cache.
    /// Blocking. Returns how many bytes had to be read (0 when the range was already cached).
    /// `residency` is the probe (replaced only by tests: on a fast disk a NOWAIT read of a cold page can
    /// complete the readahead it starts and answer "cached", so the real probe cannot script a test).
    @discardableResult
    static func warm(fd: Int32, range: ClosedRange<Int64>,
                     residency: (_ fd: Int32, _ offset: Int64) -> Residency = { probe(fd: $0, offset: $1) }) -> Int64 {
        let start = range.lowerBound / pageSize * pageSize
        let end = min(range.upperBound + 1, range.lowerBound + maxBytes)
        guard end > start else { return 0 }
        let cold = switch (residency(fd, range.lowerBound), residency(fd, end - 1)) {
        case (.cached, .cached): false
        case (.cold, _), (_, .cold): true
        default: uncachedPages(fd: fd, start: start, length: Int(end - start), pageSize: pageSize)
        }
        guard cold else { return 0 }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkBytes, alignment: Int(pageSize))
        defer { buffer.deallocate() }
        var offset = start
        while offset < end {
            let count = pread(fd, buffer.baseAddress, min(chunkBytes, Int(end - offset)), off_t(offset))
            if count <= 0 { break }  // EOF or an error: sendfile meets it and reports it
            offset += Int64(count)
        }
        return offset - start
    }

    enum Residency { case cached, cold, unknown }

    /// Whether the page holding `offset` is cached, asking the kernel for one byte without waiting
    /// (glibc's `preadv2(RWF_NOWAIT)`, see `GlibcExtensions`; `.unknown` where the C library has none).
    static func probe(fd: Int32, offset: Int64) -> Residency {
        var byte: UInt8 = 0
        return withUnsafeMutableBytes(of: &byte) { buffer in
            do throws(SystemCallError) {
                return try GlibcExtensions.readWithoutWaiting(descriptor: fd, into: buffer, offset: offset) == nil ? .unknown : .cached
            } catch {
                return error.wouldBlock ? .cold : .unknown
            }
        }
    }

    /// True when some page of the range is not in the page cache (or residency cannot be told).
    static func uncachedPages(fd: Int32, start: Int64, length: Int, pageSize: Int64) -> Bool {
        guard let map = mmap(nil, length, PROT_READ, MAP_SHARED, fd, off_t(start)), map != MAP_FAILED else { return true }
        defer { munmap(map, length) }
        let pages = (length + Int(pageSize) - 1) / Int(pageSize)
        var residency = [UInt8](repeating: 0, count: pages)
        guard mincore(map, length, &residency) == 0 else { return true }
        return residency.contains { $0 & 1 == 0 }
    }
}
