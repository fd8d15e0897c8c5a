import Foundation
import Testing
@testable import DataPlane
import PasswordHashing

@Suite("pure parts of the data plane")
struct UnitTests {
    @Test("Range header resolution")
    func ranges() {
        #expect(ByteRange(header: nil, size: 100) == .whole)
        #expect(ByteRange(header: "bytes=0-9", size: 100) == .partial(0...9))
        #expect(ByteRange(header: "bytes=90-", size: 100) == .partial(90...99))
        #expect(ByteRange(header: "bytes=90-500", size: 100) == .partial(90...99))
        #expect(ByteRange(header: "bytes=-5", size: 100) == .partial(95...99))
        #expect(ByteRange(header: "bytes=-500", size: 100) == .partial(0...99))
        #expect(ByteRange(header: "bytes=100-", size: 100) == .unsatisfiable)
        #expect(ByteRange(header: "bytes=-0", size: 100) == .unsatisfiable)
        #expect(ByteRange(header: "bytes=5-1", size: 100) == .whole)
        #expect(ByteRange(header: "bytes=0-1,5-6", size: 100) == .whole)
        #expect(ByteRange(header: "items=0-1", size: 100) == .whole)
        #expect(ByteRange(header: "bytes=abc", size: 100) == .whole)
    }

    @Test("file ids: canonical UUIDs in any case, lower-cased; anything else is invalid_id")
    func fileIDs() throws {
        #expect(try RequestParsing.fileID("0B6F0C1E-8A2F-4F8E-9D55-3C1F0E7A9B21") == "0b6f0c1e-8a2f-4f8e-9d55-3c1f0e7a9b21")
        #expect(try RequestParsing.fileID("0b6f0c1e-8a2f-4f8e-9d55-3c1f0e7a9b21") == "0b6f0c1e-8a2f-4f8e-9d55-3c1f0e7a9b21")
        for bad in [nil, "", "not-a-uuid", "0b6f0c1e08a2f-4f8e-9d55-3c1f0e7a9b21", "0b6f0c1g-8a2f-4f8e-9d55-3c1f0e7a9b21",
                    "0b6f0c1e-8a2f-4f8e-9d55-3c1f0e7a9b2", "{b6f0c1e-8a2f-4f8e-9d55-3c1f0e7a9b21}", "0b6f0c1é-8a2f-4f8e-9d55-3c1f0e7a9b2"] {
            #expect(throws: APIError.self) { try RequestParsing.fileID(bad) }
        }
    }

    @Test("list cursors round-trip and reject forgeries")
    func cursors() {
        let encoded = ListCursor.encode(12345)
        #expect(ListCursor.decode(Substring(encoded)) == 12345)
        #expect(ListCursor.decode("garbage") == nil)
        #expect(ListCursor.decode(Substring(SessionToken.base64URL(Array("v2:5".utf8)))) == nil)
        #expect(ListCursor.decode(Substring(SessionToken.base64URL(Array("v1:0".utf8)))) == nil)
        #expect(ListCursor.decode(Substring(SessionToken.base64URL(Array("v1:-4".utf8)))) == nil)
    }

    @Test("session tokens: 43 base64url chars, hashed for storage")
    func tokens() {
        let token = SessionToken.generate()
        #expect(token.count == 43)
        let hash = SessionToken.hash(Substring(token))
        #expect(hash?.count == 64)
        #expect(hash != SessionToken.hash(Substring(SessionToken.generate())))
        #expect(SessionToken.hash("short") == nil)
        #expect(SessionToken.hash(Substring(String(repeating: "!", count: 43))) == nil)
    }

    @Test("session cache encoding round-trips, usernames with separators included")
    func sessionEncoding() throws {
        let session = Session(user: UserRecord(id: 7, username: "a|b", isAdmin: true), tokenHash: "h", durableExpiry: Date(timeIntervalSince1970: 1_900_000_000))
        let decoded = try #require(SessionStore.decode(SessionStore.encode(session), tokenHash: "h"))
        #expect(decoded.user == session.user)
        #expect(decoded.durableExpiry == session.durableExpiry)
        #expect(SessionStore.decode(Array("v0|1|0|5|x".utf8), tokenHash: "h") == nil)
    }

    @Test("cached metadata entry parses without JSON")
    func cachedMeta() throws {
        let record = FileRecord(id: "id", seq: 1, ownerID: 9, name: "n\"ame", size: 12, sha256: String(repeating: "a", count: 64),
                                contentType: "text/plain; charset=\"utf-8\"", createdAt: Date(timeIntervalSince1970: 0))
        let meta = try #require(CachedFileMeta(record.cacheValue))
        #expect(meta.ownerID == 9)
        #expect(meta.size == 12)
        #expect(meta.contentType == "text/plain; charset=\"utf-8\"")
        #expect(String(decoding: meta.json, as: UTF8.self) == record.json)
        let parsed = try JSONSerialization.jsonObject(with: Data(record.json.utf8)) as? [String: Any]
        #expect(parsed?["name"] as? String == "n\"ame")
        #expect(parsed?["created_at"] as? String == "1970-01-01T00:00:00.000000Z")
        #expect(CachedFileMeta(Array("garbage".utf8)) == nil)
        let sha = String(repeating: "b", count: 64)
        for broken in ["9 12 \(sha)", "9 12 \(sha)\ntext/plain", "x 12 \(sha)\nt\n{}", "9 -1 \(sha)\nt\n{}",
                       "9 12 \(sha.dropLast())\nt\n{}", "99999999999999999999 1 \(sha)\nt\n{}", " 9 12 \(sha)\nt\n{}"] {
            #expect(CachedFileMeta(Array(broken.utf8)) == nil, "accepted \(broken)")
        }
        let minimal = try #require(CachedFileMeta(Array("0 0 \(sha)\n\n{}".utf8)))
        #expect(minimal.contentType.isEmpty && minimal.sha256 == sha && Array(minimal.json) == Array("{}".utf8))
    }

    @Test("configuration from the environment")
    func configuration() throws {
        let base = ["FWB_DATABASE_URL": "mariadb://u:p@127.0.0.1:3306/db", "FWB_BLOB_DIR": "/tmp/x"]
        let config = try ServeConfiguration(environment: base)
        #expect(config.listen == (try ListenAddress(parsing: "127.0.0.1:8080")))
        #expect(config.redisConnections == 10)
        #expect(config.maxUploadBytes == 10 * 1024 * 1024 * 1024)
        var production = base
        production["FWB_ENVIRONMENT"] = "production"
        #expect(try ServeConfiguration(environment: production).redisConnections == 50)
        production["FWB_REDIS_POOL_SIZE"] = "7"
        #expect(try ServeConfiguration(environment: production).redisConnections == 7)
        #expect(throws: ConfigurationError.missing("FWB_DATABASE_URL")) { try ServeConfiguration(environment: ["FWB_BLOB_DIR": "/x"]) }
        var bad = base
        bad["FWB_ENVIRONMENT"] = "staging"
        #expect(throws: ConfigurationError.self) { try ServeConfiguration(environment: bad) }
        bad = base
        bad["FWB_BOOTSTRAP_ADMIN"] = "root"
        #expect(throws: ConfigurationError.self) { try ServeConfiguration(environment: bad) }
        #expect(throws: ConfigurationError.self) { try ListenAddress(parsing: "nohost") }
        #expect(try ListenAddress(parsing: "[::1]:80").host == "::1")
    }

    @Test("argon2id hashes verify, differ per salt, and reject tampering and absurd costs")
    func passwords() async throws {
        let hasher = PasswordHasher(memoryKiB: 1024, iterations: 1, parallelism: 1, threads: 1)
        let first = try await hasher.hash("correct horse battery")
        let second = try await hasher.hash("correct horse battery")
        #expect(first != second)
        #expect(first.hasPrefix("$argon2id$v=19$m=1024,t=1,p=1$"))
        #expect(try await hasher.verify("correct horse battery", against: first))
        #expect(try await !hasher.verify("wrong", against: first))
        #expect(try await !hasher.verify("x", against: "$argon2id$garbage"))
        #expect(try await !hasher.verify("x", against: "$argon2id$v=19$m=4000000,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
        let defaults = PasswordHasher(threads: 1)
        #expect(try await defaults.hash("pw").hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        #expect(try await !hasher.verify("x", against: AuthRoutes.dummyHash))
    }

    @Test("a cold file range is read into the page cache once; a cached one is left alone")
    func pageCacheWarmer() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fwb-warm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pageSize = Int64(sysconf(Int32(_SC_PAGESIZE)))
        let size = 3 << 20
        let path = directory.appendingPathComponent("blob").path
        try Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        // The decisions are scripted: the kernel cannot be made to answer "cold" reliably (a NOWAIT read
        // of a cold page on a fast disk may finish the readahead it starts and succeed; DONTNEED leaves
        // pages under writeback), so the probe's answers are given and the reads are counted.
        // Both ends cold: the range is read from the page holding its first byte to its last byte.
        let range: ClosedRange<Int64> = 5_000...(2 << 20) + 17
        let firstPage = range.lowerBound / pageSize * pageSize
        #expect(PageCacheWarmer.warm(fd: fd, range: range) { _, _ in .cold } == range.upperBound + 1 - firstPage)
        #expect(!PageCacheWarmer.uncachedPages(fd: fd, start: firstPage, length: Int(range.upperBound + 1 - firstPage), pageSize: pageSize))
        // One end cold is enough to read; both cached reads nothing.
        var asked: [Int64] = []
        #expect(PageCacheWarmer.warm(fd: fd, range: 0...Int64(size) - 1) { _, offset in
            asked.append(offset)
            return offset == 0 ? .cached : .cold
        } == Int64(size))
        #expect(asked == [0, Int64(size) - 1])
        #expect(PageCacheWarmer.warm(fd: fd, range: 0...Int64(size) - 1) { _, _ in .cached } == 0)
        // No probe (an old C library): residency comes from mincore, and the file is cached now.
        #expect(PageCacheWarmer.warm(fd: fd, range: 0...Int64(size) - 1) { _, _ in .unknown } == 0)
        // A range reaching past the end of the file is read up to the end.
        #expect(PageCacheWarmer.warm(fd: fd, range: 0...(PageCacheWarmer.maxBytes * 4)) { _, _ in .cold } == Int64(size))
        // The real probe: a page just read is cached, and glibc has preadv2 (never `.unknown` here).
        #expect(PageCacheWarmer.probe(fd: fd, offset: 0) == .cached)
        #expect(PageCacheWarmer.probe(fd: fd, offset: Int64(size) - 1) == .cached)
    }

    @Test("the public responder recognises only the exact shapes of the metadata and download paths")
    func hotRouteShapes() {
        let id = "3f2b1c4d-0000-4000-8000-00000000abcd"
        #expect(PublicResponder.hotRoute("/api/v1/files/\(id)/meta").map { "\($0.id) \($0.isMetadata)" } == "\(id) true")
        #expect(PublicResponder.hotRoute("/api/v1/files/\(id)").map { "\($0.id) \($0.isMetadata)" } == "\(id) false")
        // Anything else goes to the router: trailing slash, other suffix, short or long id, a slash in
        // the id's place, another prefix.
        for path in [
            "/api/v1/files/\(id)/", "/api/v1/files/\(id)/metaX", "/api/v1/files/\(id)/mota", "/api/v1/files/abc",
            "/api/v1/files/\(id)0", "/api/v1/files/3f2b1c4d-0000-4000-8000/00000000abcd", "/api/v2/files/\(id)",
            "/api/v1/files", "/api/v1/files/", "/api/v1/uploads/\(id)",
        ] {
            #expect(PublicResponder.hotRoute(path) == nil, "\(path)")
        }
    }

    @Test("JSON string escaping")
    func jsonQuote() {
        #expect(JSONText.quote("a\"b\\c\n\u{1}") == #""a\"b\\c\n\u0001""#)
    }
}
