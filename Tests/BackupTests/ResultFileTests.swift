import Foundation
import Testing
@testable import Backup

/// The `--result-file` document: always one valid JSON object within Kubernetes' 4096 bytes.
@Suite struct ResultFileTests {
    func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func json(_ value: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
    }

    @Test func aDocumentThatFitsIsKeptByteForByte() throws {
        let data = Data(#"{"name":"filewallball_backup_20260101_020000.sql.gz","pruned_backups":[],"status":"ok","verified":true}"#.utf8)
        #expect(ResultFile.fitted(data) == data)
        let exactly = try json(["status": "ok", "pad": String(repeating: "x", count: 4096 - 24)])
        #expect(exactly.count == 4096)
        #expect(ResultFile.fitted(exactly) == exactly)
        let oneByteOver = try json(["status": "ok", "pad": String(repeating: "x", count: 4096 - 23)])
        let fitted = ResultFile.fitted(oneByteOver)
        #expect(fitted.count <= 4096)
        let parsed = try object(fitted)
        #expect(parsed["truncated"] as? Bool == true)
        #expect((parsed["pad"] as? String)?.hasSuffix("…") == true)
    }

    @Test func aLongListLosesItsOldestEntriesFirstAndEssentialsStay() throws {
        let pruned = (0..<400).map { String(format: "filewallball_backup_2025%04d_020000.sql.gz", $0) }
        let report: [String: Any] = ["status": "ok", "name": "filewallball_backup_20260101_020000.sql.gz", "origin": "scheduled",
                                     "taken_at": "2026-01-01T02:00:00Z", "verified": true, "size": 3_688_733,
                                     "sha256": String(repeating: "ab", count: 32), "duration_seconds": 9.25, "pruned_backups": pruned]
        let full = try json(report)
        #expect(full.count > 4096)
        let fitted = ResultFile.fitted(full)
        #expect(fitted.count <= 4096)
        let parsed = try object(fitted)
        #expect(parsed["truncated"] as? Bool == true)
        #expect(parsed["status"] as? String == "ok")
        #expect(parsed["name"] as? String == "filewallball_backup_20260101_020000.sql.gz")
        #expect(parsed["verified"] as? Bool == true)
        #expect(parsed["sha256"] as? String == String(repeating: "ab", count: 32))
        #expect(parsed["duration_seconds"] as? Double == 9.25)
        let kept = try #require(parsed["pruned_backups"] as? [String])
        #expect(!kept.isEmpty && kept.count < pruned.count)
        #expect(kept == Array(pruned.prefix(kept.count)), "the list keeps its head (newest first)")
        // As many entries as fit: one more would not.
        var oneMore = parsed
        oneMore["pruned_backups"] = Array(pruned.prefix(kept.count + 1))
        #expect(try json(oneMore).count > 4096)
    }

    @Test func aHugeMessageIsShortenedOnCharactersNotBytes() throws {
        // Multi-byte characters, quotes, control characters and slashes: escaping grows them.
        let message = String(repeating: "é\"\u{1}/🐳 mariadb-dump: error ", count: 500)
        let failure: [String: Any] = ["status": "error", "code": "dump_failed", "reason": "snapshot", "message": message, "exit_code": 11]
        let fitted = ResultFile.fitted(try json(failure))
        #expect(fitted.count <= 4096)
        let parsed = try object(fitted)
        #expect(parsed["status"] as? String == "error")
        #expect(parsed["code"] as? String == "dump_failed")
        #expect(parsed["reason"] as? String == "snapshot")
        #expect(parsed["exit_code"] as? Int == 11)
        #expect(parsed["truncated"] as? Bool == true)
        let shortened = try #require(parsed["message"] as? String)
        #expect(shortened.hasSuffix("…"))
        #expect(message.hasPrefix(String(shortened.dropLast())))
        #expect(shortened.count > 1000, "shortened only as far as needed (\(shortened.count) characters kept)")
    }

    @Test func oversizedEssentialsAndNonObjectsStillGiveValidJSON() throws {
        let huge = String(repeating: "r", count: 10_000)
        let essentialsOnly: [String: Any] = ["status": "error", "code": huge, "reason": huge, "name": huge, "exit_code": 1]
        let fitted = ResultFile.fitted(try json(essentialsOnly))
        #expect(fitted.count <= 4096)
        #expect(try object(fitted)["status"] as? String == "error")

        let array = try JSONSerialization.data(withJSONObject: Array(repeating: huge, count: 2))
        let replaced = ResultFile.fitted(array)
        #expect(replaced.count <= 4096)
        #expect(try object(replaced)["reason"] as? String == "result_too_large")
    }

    @Test func writeReplacesLongerEarlierContent() throws {
        let path = NSTemporaryDirectory() + "fwb-result-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(String(repeating: "z", count: 9000).utf8).write(to: URL(fileURLWithPath: path))
        try ResultFile(path: path).write(Data(#"{"status":"ok"}"#.utf8))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == #"{"status":"ok"}"#)
        #expect(throws: BackupError.self) { try ResultFile(path: "/nonexistent-dir/x/result").write(Data("{}".utf8)) }
    }
}
