import Foundation
import Testing
import TestSupport
@testable import DataPlane

/// What the OpenAPI documents promise, checked without schemathesis (tests/openapi/run.sh runs that):
/// 405 with `Allow` for undeclared methods, parameter rules equal to the documented patterns, the
/// documents themselves, and 503 (not 401) for an unknown token while MariaDB is down.
@Suite("OpenAPI conformance")
struct OpenAPIConformanceTests {
    /// Parses a served or built document.
    private func document(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The `pattern` of the query parameter `name` of `method path` in `doc`.
    private func queryPattern(_ doc: [String: Any], _ path: String, _ method: String, _ name: String) throws -> String {
        let paths = try #require(doc["paths"] as? [String: Any])
        let operation = try #require((paths[path] as? [String: Any])?[method] as? [String: Any])
        let parameters = try #require(operation["parameters"] as? [[String: Any]])
        let parameter = try #require(parameters.first { $0["name"] as? String == name })
        return try #require((parameter["schema"] as? [String: Any])?["pattern"] as? String)
    }

    private func matches(_ pattern: String, _ text: String) throws -> Bool {
        let regex = try NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        return regex.firstMatch(in: text, range: range).map { $0.range == range } ?? false
    }

    @Test("both documents are OpenAPI 3.1 JSON listing every route; the upload limit is the configured one")
    func documents() throws {
        let publicDoc = try document(OpenAPIDocument.publicJSON(maxUploadBytes: 12345))
        #expect(publicDoc["openapi"] as? String == "3.1.0")
        let paths = try #require(publicDoc["paths"] as? [String: [String: Any]])
        let expected: [String: Set<String>] = [
            "/api/v1/auth/login": ["post"], "/api/v1/auth/logout": ["post"], "/api/v1/auth/me": ["get"],
            "/api/v1/files": ["get", "post"], "/api/v1/files/{id}": ["get", "head", "delete", "parameters"],
            "/api/v1/files/{id}/meta": ["get", "parameters"], "/api/v1/uploads": ["post"],
            "/api/v1/uploads/{id}": ["get", "head", "patch", "delete", "parameters"],
            "/healthz": ["get"], "/readyz": ["get"], "/openapi.json": ["get"],
        ]
        #expect(Set(paths.keys) == Set(expected.keys))
        for (path, methods) in expected { #expect(Set(paths[path]?.keys.map { $0 } ?? []) == methods, "\(path)") }
        // Every authenticated operation declares 401 and 503 with the error body.
        for (path, item) in paths {
            for (method, value) in item where method != "parameters" {
                let operation = try #require(value as? [String: Any])
                let responses = try #require(operation["responses"] as? [String: Any])
                if (operation["security"] as? [Any])?.isEmpty != true {
                    #expect(responses["401"] != nil && responses["503"] != nil, "\(method) \(path)")
                }
            }
        }
        let create = try #require((paths["/api/v1/uploads"]?["post"] as? [String: Any])?["parameters"] as? [[String: Any]])
        let length = try #require(create.first { $0["name"] as? String == "Upload-Length" })
        #expect((length["description"] as? String)?.contains("(12345 bytes)") == true)

        let adminDoc = try document(OpenAPIDocument.adminJSON)
        let adminPaths = try #require(adminDoc["paths"] as? [String: Any])
        #expect(Set(adminPaths.keys) == ["/metrics", "/healthz", "/readyz", "/openapi.json", "/api/v1/admin/cache/stats", "/api/v1/admin/users"])
    }

    @Test("the name and cursor patterns of the document accept exactly what the server accepts")
    func patternsMatchParsing() throws {
        let doc = try document(OpenAPIDocument.publicJSON(maxUploadBytes: 1))
        let cursorPattern = try queryPattern(doc, "/api/v1/files", "get", "cursor")
        var seqs: [UInt64] = [1, 9, 10, 99, 100, 999, 1000, 12345, 999_999, ListCursor.maxSeq]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 { seqs.append(UInt64.random(in: 1...ListCursor.maxSeq, using: &generator)) }
        for _ in 0..<100 { seqs.append(UInt64.random(in: 1...100_000, using: &generator)) }
        for seq in seqs {
            let cursor = ListCursor.encode(seq)
            #expect(try matches(cursorPattern, cursor), "\(seq) \(cursor)")
            #expect(ListCursor.decode(Substring(cursor)) == seq)
        }
        #expect(try matches(cursorPattern, ""))
        // Non-canonical forms (leading zeros, seq 0, too many digits, a changed last character) are
        // refused by both.
        for text in ["v1:0", "v1:007", "v1:100000000000000000", "v1:1x", "v2:5"] {
            let cursor = SessionToken.base64URL(Array(text.utf8))
            #expect(try !matches(cursorPattern, cursor), "\(text)")
            #expect(ListCursor.decode(Substring(cursor)) == nil, "\(text)")
        }
        let canonical = ListCursor.encode(12)
        let altered = String(canonical.dropLast()) + (canonical.last == "x" ? "y" : "x")
        #expect(try !matches(cursorPattern, altered))
        #expect(ListCursor.decode(Substring(altered)) == nil)

        let namePattern = try queryPattern(doc, "/api/v1/files", "post", "name")
        for (name, valid) in [("report.pdf", true), ("...", true), (".x", true), ("ä😀 spaced", true), (".", false), ("..", false),
                              ("a/b", false), ("a\u{0}b", false), ("tab\there", false), ("del\u{7F}", false), ("c1\u{85}", false)] {
            #expect(try matches(namePattern, name) == valid, "\(name)")
        }
    }

    @Test("405 with Allow for undeclared methods (TRACE and QUERY included) on every path; HEAD and names up to 255 characters")
    func methodsAndParameters() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let client = try makeUser(harness, server: server, name: "conformant")
        let id = UUID().uuidString.lowercased()
        let publicPaths: [(String, String)] = [
            ("/api/v1/auth/login", "POST"), ("/api/v1/auth/me", "GET"), ("/api/v1/files", "GET, POST"),
            ("/api/v1/files/\(id)", "GET, HEAD, DELETE"), ("/api/v1/files/\(id)/meta", "GET"),
            ("/api/v1/uploads", "POST"), ("/api/v1/uploads/\(id)", "GET, HEAD, PATCH, DELETE"),
            ("/healthz", "GET"), ("/readyz", "GET"), ("/openapi.json", "GET"),
        ]
        for (path, allow) in publicPaths {
            for method in ["TRACE", "QUERY", "PUT", "OPTIONS"] where !allow.contains(method) {
                let reply = try client.call(method, path)
                #expect(reply.status == 405, "\(method) \(path)")
                #expect(reply.errorCode == "method_not_allowed", "\(method) \(path)")
                #expect(reply.headers["allow"] == allow, "\(method) \(path)")
            }
        }
        var admin = Client(port: server.adminPort)
        admin.token = client.token
        for path in ["/metrics", "/healthz", "/readyz", "/openapi.json", "/api/v1/admin/cache/stats"] {
            let reply = try admin.call("TRACE", path)
            #expect(reply.status == 405, "TRACE admin \(path)")
            #expect(reply.headers["allow"] == "GET", "admin \(path)")
        }
        #expect(try admin.call("PUT", "/api/v1/admin/users").headers["allow"] == "POST")

        // Both documents are served; the public one carries the configured upload limit.
        let served = try document(Client(port: server.port).call("GET", "/openapi.json").text)
        #expect((served["paths"] as? [String: Any])?["/api/v1/uploads/{id}"] != nil)
        #expect(try Client(port: server.port).call("GET", "/openapi.json").text.contains("(\(4 * 1024 * 1024) bytes)"))
        let adminServed = try document(Client(port: server.adminPort).call("GET", "/openapi.json").text)
        #expect((adminServed["info"] as? [String: Any])?["title"] as? String == "FileWallBall admin API")

        // HEAD of a file is declared and served.
        let stored = try client.upload("head.bin", [1, 2, 3])
        let fileID = try #require(stored.json["id"] as? String)
        let head = try RawHTTP.request(port: server.port, method: "HEAD", path: "/api/v1/files/\(fileID)", headers: ["Authorization": "Bearer \(client.token ?? "")"])
        #expect(head.status == 200)
        #expect(head.headers["content-length"] == "3")

        // Names count characters (as the document's maxLength does), not bytes: 255 two-byte
        // characters are accepted, 256 are not.
        let twoByte = String(repeating: "%C3%A4", count: 255)
        let long = try client.call("POST", "/api/v1/files?name=\(twoByte)", body: [1])
        #expect(long.status == 201)
        #expect((long.json["name"] as? String)?.unicodeScalars.count == 255)
        #expect(try client.call("POST", "/api/v1/files?name=\(twoByte)%C3%A4", body: [1]).errorCode == "invalid_name")
        // An empty cursor is the first page; a cursor not in canonical form is refused.
        #expect(try client.call("GET", "/api/v1/files?cursor=").status == 200)
        let padded = SessionToken.base64URL(Array("v1:01".utf8))
        #expect(try client.call("GET", "/api/v1/files?cursor=\(padded)").errorCode == "invalid_cursor")
        // Upload-Length and Upload-Offset are decimal digits (the documented pattern): anything else is
        // 400; a length over the limit, however many digits, is 413; an offset that is not the upload's
        // is 409.
        #expect(try client.call("POST", "/api/v1/uploads?name=x", headers: ["Upload-Length": "\(4 * 1024 * 1024 + 1)"]).status == 413)
        #expect(try client.call("POST", "/api/v1/uploads?name=x", headers: ["Upload-Length": "99999999999999999999999"]).status == 413)
        for bad in ["+5", "-1", "0x10", "1e3", ""] {
            #expect(try client.call("POST", "/api/v1/uploads?name=x", headers: ["Upload-Length": bad]).errorCode == "invalid_upload_length", "\(bad)")
        }
        let upload = try #require(client.call("POST", "/api/v1/uploads?name=x", headers: ["Upload-Length": "3"]).json["upload_id"] as? String)
        #expect(try client.call("PATCH", "/api/v1/uploads/\(upload)", body: [1], headers: ["Upload-Offset": "+0"]).errorCode == "invalid_upload_offset")
        #expect(try client.call("PATCH", "/api/v1/uploads/\(upload)", body: [1], headers: ["Upload-Offset": "99999999999999999999999"]).errorCode == "offset_mismatch")
        #expect(try client.call("PATCH", "/api/v1/uploads/\(upload)", body: [1, 2, 3], headers: ["Upload-Offset": "000"]).status == 201)

        // Usernames are ASCII (the admin document's pattern); passwords count characters.
        let adminClient = try Client.login(port: server.port, username: "admin", password: harness.adminPassword)
        admin.token = adminClient.token
        #expect(try admin.call("POST", "/api/v1/admin/users", json: #"{"username":"jürgen","password":"long-enough-pw"}"#).errorCode == "invalid_username")
        #expect(try admin.call("POST", "/api/v1/admin/users", json: #"{"username":"emoji","password":"😀😀😀😀😀😀"}"#).errorCode == "weak_password")
        let wide = String(repeating: "é", count: 12)
        #expect(try admin.call("POST", "/api/v1/admin/users", json: #"{"username":"wide","password":"\#(wide)"}"#).status == 201)
        #expect(try Client.login(port: server.port, username: "wide", password: wide).token != nil)
        // "is_admin": null is documented as false.
        let nullAdmin = try admin.call("POST", "/api/v1/admin/users", json: #"{"username":"plain","password":"long-enough-pw","is_admin":null}"#)
        #expect(nullAdmin.status == 201)
        #expect(nullAdmin.json["is_admin"] as? Bool == false)
    }

    @Test("MariaDB down, Redis up: an unknown well-formed token is 503 database_unavailable, a malformed one 401, a cached one works")
    func unknownTokenWhileDatabaseDown() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let client = try makeUser(harness, server: server, name: "cached")
        #expect(try client.call("GET", "/api/v1/auth/me").status == 200)

        try harness.mariadb.stop()
        let unknown = Client(port: server.port, token: SessionToken.generate())
        for path in ["/api/v1/auth/me", "/api/v1/files", "/api/v1/files/\(UUID().uuidString.lowercased())/meta"] {
            let reply = try unknown.call("GET", path)
            #expect(reply.status == 503, "\(path): \(reply.status) \(reply.text)")
            #expect(reply.errorCode == "database_unavailable", "\(path)")
            #expect(reply.headers["retry-after"] != nil, "\(path)")
        }
        let viaCookie = try Client(port: server.port).call("GET", "/api/v1/auth/me", headers: ["Cookie": "fwb_session=\(SessionToken.generate())"])
        #expect(viaCookie.status == 503)
        // Known to be invalid without asking MariaDB: no token, or not the shape of one.
        #expect(try Client(port: server.port).call("GET", "/api/v1/auth/me").status == 401)
        #expect(try Client(port: server.port, token: "short").call("GET", "/api/v1/auth/me").status == 401)
        // A session Redis holds keeps working.
        #expect(try client.call("GET", "/api/v1/auth/me").status == 200)

        try harness.mariadb.restart()
        var answered = 0
        for _ in 0..<50 where answered != 401 {
            answered = try unknown.call("GET", "/api/v1/auth/me").status
            if answered != 401 { Thread.sleep(forTimeInterval: 0.2) }
        }
        #expect(answered == 401)
    }
}
