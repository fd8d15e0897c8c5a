#if canImport(Glibc)
import Glibc
#endif

/// Loads the uncached pages of a file range into the page cache before a download sends it.
///
/// Downloads go out with `sendfile` on the connection's event loop, and a page that is not cached makes
/// `sendfile` wait for the disk with the loop, and every connection on it, stalled. New uploads are
/// dropped from the page cache once they are durable (see `BlobStore`), so a blob's first download is
/// cold. Called on the I/O thread pool right after the blob is opened: a cached range costs a `mincore`
/// over a mapping that is never touched (a few µs); a cold one is read through once there.
enum PageCacheWarmer {
    /// At most this much of a range is loaded ahead; the kernel's readahead keeps ahead of the rest
    /// of a long sequential send.
    static let maxBytes: Int64 = 32 << 20
    /// Read-through buffer size.
    static let chunkBytes = 256 << 10

    /// Loads `range` (at most its first `maxBytes`) of the open file `fd` into the page cache.
    /// Blocking. Returns how many bytes had to be read (0 when the range was already cached).
    @discardableResult
    static func warm(fd: Int32, range: ClosedRange<Int64>) -> Int64 {
        let pageSize = Int64(sysconf(Int32(_SC_PAGESIZE)))
        let start = range.lowerBound / pageSize * pageSize
        let end = min(range.upperBound + 1, range.lowerBound + maxBytes)
        guard end > start, uncachedPages(fd: fd, start: start, length: Int(end - start), pageSize: pageSize) else { return 0 }
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
