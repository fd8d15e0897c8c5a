#if canImport(Glibc)
import Glibc
#endif
import SystemExtras

/// Keeps a long upload from piling up dirty pages: each time another `windowBytes` of the file is
/// written, the kernel is asked to start writing that window to disk (`sync_file_range`, which does
/// not wait), and the window before the previous one, by then normally on disk, leaves the page cache
/// (`POSIX_FADV_DONTNEED` skips pages still dirty or in flight, so it does not wait either).
///
/// Without it a 2 GiB upload left 2 GiB of dirty pages for the final fsync to write in one go (several
/// seconds on these machines), and that much page cache counted against a pod's memory limit while the
/// upload lasted. Durability is unchanged: `sync_file_range` is only a hint, and the commit still
/// fsyncs the whole file before the row is written. A 1 MiB upload never reaches a window.
enum StreamingWriteback {
    static let windowBytes: Int64 = 8 << 20

    /// Called on the I/O pool after the file holds every byte before `written`; `started` is where
    /// the first window not yet handed to writeback begins (the writer's starting offset at first).
    /// Returns the new `started`. Blocking only while the device queue is full.
    static func advance(descriptor: Int32, started: Int64, written: Int64) -> Int64 {
        // glibc's `sync_file_range` (see `GlibcExtensions`); without it only the final fsync writes.
        guard GlibcExtensions.hasStartWriteback else { return started }
        var next = started
        while written - next >= windowBytes {
            _ = try? GlibcExtensions.startWriteback(descriptor: descriptor, offset: next, length: windowBytes)
            let dropFrom = next - 2 * windowBytes
            if dropFrom >= 0 {
                _ = posix_fadvise(descriptor, off_t(dropFrom), off_t(windowBytes), Int32(POSIX_FADV_DONTNEED))
            }
            next += windowBytes
        }
        return next
    }
}
