import Foundation
import Testing
import TestSupport

@Suite("resumable uploads")
struct ResumableUploadTests {
    @Test("create, append in parts, resume after a wrong offset, finish into a file")
    func resumable() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let client = try makeUser(harness, server: server, name: "resumer")
        let other = try makeUser(harness, server: server, name: "stranger")
        let bytes = sampleBytes(250_000, seed: 3)
        #expect(try client.call("POST", "/api/v1/uploads?name=big.bin").errorCode == "invalid_upload_length")
        let created = try client.call("POST", "/api/v1/uploads?name=big.bin", headers: ["Upload-Length": "\(bytes.count)", "Content-Type": "application/x-big"])
        #expect(created.status == 201)
        let id = try #require(created.json["upload_id"] as? String)
        #expect(created.json["offset"] as? Int == 0)
        #expect(try other.call("GET", "/api/v1/uploads/\(id)").errorCode == "upload_not_found")

        let first = try client.call("PATCH", "/api/v1/uploads/\(id)", body: Array(bytes[0..<100_000]), headers: ["Upload-Offset": "0"])
        #expect(first.status == 204)
        #expect(first.headers["upload-offset"] == "100000")
        let wrong = try client.call("PATCH", "/api/v1/uploads/\(id)", body: Array(bytes[0..<10]), headers: ["Upload-Offset": "0"])
        #expect(wrong.status == 409)
        #expect(wrong.errorCode == "offset_mismatch")
        #expect(wrong.headers["upload-offset"] == "100000")
        let head = try client.call("HEAD", "/api/v1/uploads/\(id)")
        #expect(head.headers["upload-offset"] == "100000")
        #expect(head.headers["upload-length"] == "\(bytes.count)")
        let tooMuch = try client.call("PATCH", "/api/v1/uploads/\(id)", body: [UInt8](repeating: 0, count: 200_000), headers: ["Upload-Offset": "100000"])
        #expect(tooMuch.status == 413)
        #expect(try client.call("GET", "/api/v1/uploads/\(id)").json["offset"] as? Int == 100_000)

        let last = try client.call("PATCH", "/api/v1/uploads/\(id)", body: Array(bytes[100_000...]), headers: ["Upload-Offset": "100000"])
        #expect(last.status == 201)
        #expect(last.json["id"] as? String == id)
        #expect(last.json["size"] as? Int == bytes.count)
        #expect(try client.call("GET", "/api/v1/files/\(id)").body == bytes)
        #expect(try client.call("GET", "/api/v1/uploads/\(id)").status == 404)

        let abandoned = try #require(client.call("POST", "/api/v1/uploads?name=x", headers: ["Upload-Length": "10"]).json["upload_id"] as? String)
        #expect(try client.call("DELETE", "/api/v1/uploads/\(abandoned)").status == 204)
        #expect(try client.call("GET", "/api/v1/uploads/\(abandoned)").status == 404)
        #expect(!FileManager.default.fileExists(atPath: harness.blobDir + "/tmp/resumable-\(abandoned).part"))

        // Content already stored: the finished part file goes (it is never kept as a spare temp file).
        let again = try #require(client.call("POST", "/api/v1/uploads?name=again.bin", headers: ["Upload-Length": "\(bytes.count)"]).json["upload_id"] as? String)
        #expect(try client.call("PATCH", "/api/v1/uploads/\(again)", body: bytes, headers: ["Upload-Offset": "0"]).status == 201)
        #expect(try client.call("GET", "/api/v1/files/\(again)").body == bytes)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: harness.blobDir + "/tmp")
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
