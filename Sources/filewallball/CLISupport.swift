import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging

/// Writes one line to stderr and returns the exit code to throw: `throw CLIFailure.exit("...", code: 2)`.
enum CLIFailure {
    static func exit(_ message: String, code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return ExitCode(code)
    }
}

/// Logging set-up shared by the subcommands: one line per record on stderr, with metadata.
enum CLILogging {
    static func bootstrap(label: String, level: String) -> Logger {
        let parsed = Logger.Level(rawValue: level.lowercased()) ?? .info
        LoggingSystem.bootstrap { name in
            var handler = StreamLogHandler.standardError(label: name)
            handler.logLevel = parsed
            return handler
        }
        return Logger(label: label)
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
        // mallopt is not in Swift's Glibc module (malloc.h); look it up. M_ARENA_MAX is -8 in glibc.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(-8, 2)
    }
}
