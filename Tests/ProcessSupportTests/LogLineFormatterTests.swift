import Foundation
import Logging
import Testing
@testable import ProcessSupport

@Suite struct LogLineFormatterTests {
    /// 2026-11-24T00:02:56.007Z
    private let time = timespec(tv_sec: 1_795_478_576, tv_nsec: 7_900_000)

    private func record(message: String = "file stored", label: String = "filewallball.serve",
                        metadata: Logger.Metadata = [:]) -> LogLineFormatter.Record {
        LogLineFormatter.Record(time: time, level: .warning, label: label, message: message, source: "DataPlane", metadata: metadata)
    }

    private func parse(_ line: String) throws -> [String: Any] {
        #expect(line.hasSuffix("\n"))
        #expect(line.dropLast().firstIndex(of: "\n") == nil, "one record, one line")
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func jsonLineHasTheFixedFieldsAndNestedMetadata() throws {
        let line = LogLineFormatter.json(record(metadata: [
            "file.id": "42", "k8s.namespace": .stringConvertible("team"),
            "sizes": ["1", "2"], "peer": ["host": "127.0.0.1", "port": "6379"],
        ]))
        let object = try parse(line)
        #expect(object["time"] as? String == "2026-11-24T00:02:56.007Z")
        #expect(object["level"] as? String == "warning")
        #expect(object["logger"] as? String == "filewallball.serve")
        #expect(object["message"] as? String == "file stored")
        #expect(object["source"] as? String == "DataPlane")
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["file.id"] as? String == "42")
        #expect(metadata["k8s.namespace"] as? String == "team")
        #expect(metadata["sizes"] as? [String] == ["1", "2"])
        #expect(metadata["peer"] as? [String: String] == ["host": "127.0.0.1", "port": "6379"])
    }

    @Test func jsonOmitsEmptyMetadata() throws {
        let object = try parse(LogLineFormatter.json(record()))
        #expect(object["metadata"] == nil)
        #expect(object.count == 5)
    }

    @Test func jsonEscapesSpecialCharacters() throws {
        let nasty = "quote \" backslash \\ newline \n return \r tab \t bell \u{07} nul \u{00} unicode é ✓ 🎉"
        let line = LogLineFormatter.json(record(message: nasty, label: "a\"b", metadata: ["key \"q\"\n": .string(nasty)]))
        #expect(!line.dropLast().contains("\n"))
        #expect(line.contains("\\u0007") && line.contains("\\u0000"))
        let object = try parse(line)
        #expect(object["message"] as? String == nasty)
        #expect(object["logger"] as? String == "a\"b")
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["key \"q\"\n"] as? String == nasty)
    }

    @Test func textLineKeepsTheStreamLogHandlerShape() {
        let line = LogLineFormatter.text(record(metadata: ["b": "2", "a": "1"]))
        #expect(line.hasSuffix(" warning filewallball.serve: a=1 b=2 [DataPlane] file stored\n"))
        #expect(line.hasPrefix("2026-11-2"))
    }
}
