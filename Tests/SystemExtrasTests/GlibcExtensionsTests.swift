import Foundation
import Testing
import SystemExtras

/// The GNU extensions, called for real on this (glibc) system.
@Suite struct GlibcExtensionsTests {
    /// A temporary file holding `bytes`, opened read-write; removed after `body`.
    private func withFile<T>(_ bytes: [UInt8], _ body: (Int32) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fwb-glibc-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fd = open(path, O_RDWR)
        try #require(fd >= 0)
        defer { close(fd) }
        return try body(fd)
    }

    @Test("glibc has every symbol")
    func symbolsResolve() {
        #expect(GlibcExtensions.hasStartWriteback)
        #expect(GlibcExtensions.hasReadWithoutWaiting)
        #expect(GlibcExtensions.hasTrimMalloc)
    }

    @Test("sync_file_range starts writeback of a written range; a bad descriptor is a typed EBADF")
    func startWriteback() throws {
        let started = try withFile([UInt8](repeating: 7, count: 1 << 16)) { fd in
            try GlibcExtensions.startWriteback(descriptor: fd, offset: 0, length: 1 << 16)
        }
        #expect(started)
        #expect(throws: SystemCallError(call: "sync_file_range", errno: EBADF)) {
            try GlibcExtensions.startWriteback(descriptor: -1, offset: 0, length: 4096)
        }
    }

    @Test("preadv2(RWF_NOWAIT) reads cached bytes; a bad descriptor is a typed EBADF, not would-block")
    func readWithoutWaiting() throws {
        let bytes: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        // Just written, so the page is in the page cache.
        let (count, read, atEnd) = try withFile(bytes) { fd -> (Int?, [UInt8], Int?) in
            var buffer = [UInt8](repeating: 0, count: 4)
            let count = try buffer.withUnsafeMutableBytes { try GlibcExtensions.readWithoutWaiting(descriptor: fd, into: $0, offset: 2) }
            let read = buffer
            let atEnd = try buffer.withUnsafeMutableBytes { try GlibcExtensions.readWithoutWaiting(descriptor: fd, into: $0, offset: 8) }
            return (count, read, atEnd)
        }
        #expect(count == 4)
        #expect(read == [3, 4, 5, 6])
        #expect(atEnd == 0)
        var byte: UInt8 = 0
        do {
            _ = try withUnsafeMutableBytes(of: &byte) { try GlibcExtensions.readWithoutWaiting(descriptor: -1, into: $0, offset: 0) }
            Issue.record("reading descriptor -1 did not throw")
        } catch let error as SystemCallError {
            #expect(error == SystemCallError(call: "preadv2", errno: EBADF))
            #expect(!error.wouldBlock)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("EAGAIN is would-block; the description names the call and the error")
    func errorDescription() {
        let error = SystemCallError(call: "preadv2", errno: EAGAIN)
        #expect(error.wouldBlock)
        #expect(error.description.hasPrefix("preadv2 failed: "))
        #expect(error.description.hasSuffix("(errno \(EAGAIN))"))
    }

    @Test("mallopt accepts an arena cap and malloc_trim runs")
    func mallocTuning() {
        #expect(GlibcExtensions.limitMallocArenas(to: 2))
        #expect(GlibcExtensions.trimMalloc())
    }
}
