#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place that calls C library functions Swift's Glibc module leaves out (GNU extensions in
/// `<fcntl.h>`, `<sys/uio.h>`, `<malloc.h>`): each is looked up once, on first use, with `dlsym`, and is
/// simply absent (nil or false returned) where the C library has none, e.g. on musl or macOS.
public enum GlibcExtensions {
    private typealias SyncFileRange = @convention(c) (Int32, off_t, off_t, UInt32) -> Int32
    private typealias PReadV2 = @convention(c) (Int32, UnsafePointer<iovec>?, Int32, off_t, Int32) -> Int
    private typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    private typealias MallocTrim = @convention(c) (Int) -> Int32
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    // Each static let is resolved once (Swift initialises globals exactly once, thread-safely), not per call.
    private static let syncFileRange: SyncFileRange? = symbol("sync_file_range")
    private static let preadv2: PReadV2? = symbol("preadv2")
    private static let mallopt: Mallopt? = symbol("mallopt")
    private static let mallocTrim: MallocTrim? = symbol("malloc_trim")
    private static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")

    /// `SYNC_FILE_RANGE_WRITE` from linux/fs.h: start writeback of the range's dirty pages, do not wait.
    private static let syncFileRangeWrite: UInt32 = 2
    /// `RWF_NOWAIT` from linux/fs.h: fail with EAGAIN rather than wait for the disk.
    private static let readNoWaitFlag: Int32 = 0x0000_0008
    /// `M_ARENA_MAX` from glibc's malloc.h.
    private static let mallocArenaMax: Int32 = -8

    private static func symbol<T>(_ name: String) -> T? {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), name).map { unsafeBitCast($0, to: T.self) }
    }

    /// True when `sync_file_range` exists.
    public static var hasStartWriteback: Bool { syncFileRange != nil }

    /// True when `preadv2` exists.
    public static var hasReadWithoutWaiting: Bool { preadv2 != nil }

    /// True when `malloc_trim` exists.
    public static var hasTrimMalloc: Bool { mallocTrim != nil }

    /// Asks the kernel to start writing the dirty pages of a file range to disk without waiting
    /// (`sync_file_range(SYNC_FILE_RANGE_WRITE)`). Returns false when the function is absent.
    @discardableResult
    public static func startWriteback(descriptor: Int32, offset: Int64, length: Int64) throws(SystemCallError) -> Bool {
        guard let syncFileRange else { return false }
        guard syncFileRange(descriptor, off_t(offset), off_t(length), syncFileRangeWrite) == 0 else {
            throw SystemCallError(call: "sync_file_range", errno: errno)
        }
        return true
    }

    /// Reads into `buffer` at `offset` only if the data is already in the page cache
    /// (`preadv2(RWF_NOWAIT)`): the byte count, or nil when `preadv2` is absent. A cold page throws
    /// `EAGAIN` (see `SystemCallError.wouldBlock`).
    public static func readWithoutWaiting(descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer,
                                          offset: Int64) throws(SystemCallError) -> Int? {
        guard let preadv2 else { return nil }
        var vector = iovec(iov_base: buffer.baseAddress, iov_len: buffer.count)
        let count = preadv2(descriptor, &vector, 1, off_t(offset), readNoWaitFlag)
        guard count >= 0 else { throw SystemCallError(call: "preadv2", errno: errno) }
        return count
    }

    /// Caps glibc's malloc arenas (`mallopt(M_ARENA_MAX, count)`). Returns false when absent or refused.
    @discardableResult
    public static func limitMallocArenas(to count: Int32) -> Bool {
        guard let mallopt else { return false }
        return mallopt(mallocArenaMax, count) == 1
    }

    /// Hands free heap pages back to the kernel (`malloc_trim(0)`). Returns false when absent.
    @discardableResult
    public static func trimMalloc() -> Bool {
        guard let mallocTrim else { return false }
        _ = mallocTrim(0)
        return true
    }

    /// Makes a `posix_spawn` child close every descriptor from `lowest` up
    /// (`posix_spawn_file_actions_addclosefrom_np`, glibc 2.34). Returns false when absent or refused.
    @discardableResult
    public static func closeDescriptors(from lowest: Int32, in actions: UnsafeMutablePointer<posix_spawn_file_actions_t>) -> Bool {
        guard let addCloseFrom else { return false }
        return addCloseFrom(actions, lowest) == 0
    }
}
