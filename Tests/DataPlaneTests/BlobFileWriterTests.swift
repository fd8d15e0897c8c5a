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
