import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import SystemExtras

/// Writes one line to stderr and returns the exit code to throw: `throw CLIFailure.exit("...", code: 2)`.
enum CLIFailure {
    static func exit(_ message: String, code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return ExitCode(code)
    }
}

/// Process-wide memory settings for long-running subcommands.
enum MemoryTuning {
    /// glibc gives every thread that allocates concurrently its own malloc arena (up to 8 per core),
    /// and freed memory in those arenas is rarely returned; with dozens of I/O threads (one per pooled
    /// MariaDB/Redis connection) that inflates resident memory. Two arenas keep RSS flat at no
    /// measurable cost here. `MALLOC_ARENA_MAX` in the environment still wins.
    static func limitMallocArenas() {
        guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil else { return }
        GlibcExtensions.limitMallocArenas(to: 2)
    }

    /// glibc keeps freed memory inside its arenas (a burst of 64 parallel 1 MiB downloads left ~50 MB
    /// resident for good); `malloc_trim(0)` hands free pages back to the kernel. Every `interval` seconds,
    /// from a utility-priority thread of its own, for the life of the process; it costs a few ms on a 100 MB heap.
    static func trimPeriodically(everySeconds interval: UInt32 = 5) {
        guard GlibcExtensions.hasTrimMalloc else { return }
        let thread = Thread {
            while true {
                sleep(interval)
                GlibcExtensions.trimMalloc()
            }
        }
        thread.name = "malloc-trim"
        thread.qualityOfService = .utility
        thread.start()
    }
}
