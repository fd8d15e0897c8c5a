import Foundation
import NIOCore
import Testing
@testable import DataPlane

@Suite("blob file writer and random ids")
struct BlobFileWriterTests {
    private static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("fwb-writer-\(RandomID.uuidString())").path
    }

    private static func opener(_ path: String) -> @Sendable () throws -> OpenBlobFile {
        {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw BlobError.io("test open", errno) }
            return OpenBlobFile(descriptor: descriptor, path: path)
        }
    }

    @Test("chunks of every size, gathered or kept, land in order with nothing lost")
    func mixedChunksLandInOrder() async throws {
        let path = Self.temporaryPath()
        defer { unlink(path) }
        var generator = SystemRandomNumberGenerator()
        // Sizes on both sides of the copy threshold, enough to flush several times and to hit the
        // pending-buffer limit with mid-sized chunks.
        let sizes = [1, 700, 65_535, 65_536, 300_000, 3] + (0..<40).map { _ in Int.random(in: 1...90_000, using: &generator) }
        var expected: [UInt8] = []
        var writer = BlobFileWriter(opener: Self.opener(path))
        for size in sizes {
            let bytes = (0..<size).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            expected += bytes
            try await writer.write(ByteBuffer(bytes: bytes))
        }
        let file = try await writer.finish()
        file.close()
        file.close()  // a second close is a no-op, not a close of someone else's descriptor
        #expect(writer.offset == Int64(expected.count))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected))
    }

    @Test("a body over several writeback windows lands whole, and the windows advance by whole windows")
    func longBodyAcrossWritebackWindows() async throws {
        let path = Self.temporaryPath()
        defer { unlink(path) }
        let window = StreamingWriteback.windowBytes
        // Three and a half windows, written from an offset that is not window-aligned (a resumable
        // append), in 256 KiB chunks with a per-chunk pattern.
        let start: Int64 = 12_345
        _ = try Self.opener(path)()  // create it; the writer below reopens it
        var writer = BlobFileWriter(offset: start) {
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw BlobError.io("test open", errno) }
            return OpenBlobFile(descriptor: descriptor, path: path)
        }
        let chunk = 256 * 1024
        let chunks = Int(window * 7 / 2) / chunk
        for index in 0..<chunks {
            try await writer.write(ByteBuffer(repeating: UInt8(truncatingIfNeeded: index), count: chunk))
        }
        let file = try await writer.finish()
        file.close()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.count == Int(start) + chunks * chunk)
        #expect(data.prefix(Int(start)).allSatisfy { $0 == 0 })
        for index in [0, 1, chunks / 2, chunks - 1] {
            let at = Int(start) + index * chunk
            #expect(data[at] == UInt8(truncatingIfNeeded: index) && data[at + chunk - 1] == UInt8(truncatingIfNeeded: index))
        }
        #expect(StreamingWriteback.advance(descriptor: -1, started: start, written: start + window - 1) == start)
        #expect(StreamingWriteback.advance(descriptor: -1, started: start, written: start + 3 * window + 5) == start + 3 * window)
    }

    @Test("an empty body still opens (creates) the file; a writer never flushed opens nothing")
    func emptyBodyOpensOnFinish() async throws {
        let path = Self.temporaryPath()
        defer { unlink(path) }
        let idle = BlobFileWriter(opener: Self.opener(path))
        #expect(idle.close() == nil)
        #expect(!FileManager.default.fileExists(atPath: path))
        var writer = BlobFileWriter(opener: Self.opener(path))
        let file = try await writer.finish()
        file.close()
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 0)
    }

    @Test("a write that fails in the trip that opened the file removes the file")
    func failedFirstWriteRemovesTheFile() async throws {
        let path = Self.temporaryPath()
        // Opened read-only: the pwritev fails with EBADF.
        var writer = BlobFileWriter {
            let descriptor = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw BlobError.io("test open", errno) }
            return OpenBlobFile(descriptor: descriptor, path: path)
        }
        await #expect(throws: BlobError.self) {
            try await writer.write(ByteBuffer(repeating: 7, count: BlobFileWriter.flushThreshold))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("random ids are canonical version-4 UUIDs in lower case, and differ")
    func randomIDs() {
        let ids = (0..<200).map { _ in RandomID.uuidString() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(UUID(uuidString: id) != nil)
            #expect(id == id.lowercased())
            let characters = Array(id)
            #expect(characters[14] == "4")
            #expect("89ab".contains(characters[19]))
        }
    }
}
