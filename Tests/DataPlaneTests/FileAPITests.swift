import Foundation
import Testing
import TestSupport

/// Every endpoint of FILE_API.md against one `serve` on private MariaDB and Redis.
@Suite("file API end to end")
struct FileAPITests {
    @Test("login, me, logout and the cookie")
    func authFlow() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let anonymous = Client(port: server.port)
        #expect(try anonymous.call("GET", "/api/v1/auth/me").status == 401)
        #expect(try anonymous.call("GET", "/api/v1/auth/me").errorCode == "unauthorized")
        let bad = try anonymous.call("POST", "/api/v1/auth/login", json: #"{"username":"admin","password":"wrong-password"}"#)
        #expect(bad.status == 401)
        #expect(bad.errorCode == "invalid_credentials")
        let unknown = try anonymous.call("POST", "/api/v1/auth/login", json: #"{"username":"nobody","password":"whatever-long"}"#)
        #expect(unknown.status == 401)

        let login = try anonymous.call("POST", "/api/v1/auth/login", json: #"{"username":"admin","password":"\#(harness.adminPassword)"}"#)
        #expect(login.status == 200)
        let token = try #require(login.json["token"] as? String)
        #expect((login.json["user"] as? [String: Any])?["username"] as? String == "admin")
        #expect(login.json["expires_at"] is String)
        let cookie = try #require(login.headers["set-cookie"])
        #expect(cookie.contains("fwb_session=\(token)"))
        #expect(cookie.lowercased().contains("httponly"))

        let viaCookie = try anonymous.call("GET", "/api/v1/auth/me", headers: ["Cookie": "fwb_session=\(token)"])
        #expect(viaCookie.status == 200)
        #expect(viaCookie.json["username"] as? String == "admin")
        let client = Client(port: server.port, token: token)
        #expect(try client.call("GET", "/api/v1/auth/me").json["is_admin"] as? Bool == true)

        // The token never reaches Redis or MariaDB in clear.
        let dbTokens = try harness.mariadb.rootSQL("SELECT token_hash FROM sessions")
        #expect(!dbTokens.contains(token))
        #expect(dbTokens.contains(where: { $0.isHexDigit }))

        do {
            // The scheme is case-insensitive; anything but "Bearer <token>" is refused.
            #expect(try anonymous.call("GET", "/api/v1/auth/me", headers: ["Authorization": "bEARER \(token)"]).status == 200)
            #expect(try anonymous.call("GET", "/api/v1/auth/me", headers: ["Authorization": "Basic \(token)"]).status == 401)
            #expect(try anonymous.call("GET", "/api/v1/auth/me", headers: ["Authorization": "Bearer\t\(token)"]).status == 401)
            #expect(try anonymous.call("GET", "/api/v1/auth/me", headers: ["Authorization": "Bearer  \(token)"]).status == 401)
            // Two Authorization headers, even the same one twice, are refused.
            let twice = "GET /api/v1/auth/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n" +
                "Authorization: Bearer \(token)\r\nConnection: close\r\n\r\n"
            let reply = try RawHTTP.exact(port: server.port, twice)
            #expect(reply.status == 401)
            #expect(String(decoding: reply.body, as: UTF8.self).contains("unauthorized"))
        }
        #expect(try client.call("POST", "/api/v1/auth/logout").status == 204)
        #expect(try client.call("GET", "/api/v1/auth/me").status == 401)
        #expect(try client.call("POST", "/api/v1/auth/logout").status == 401)
        #expect(try anonymous.call("GET", "/api/v1/auth/me", headers: ["Authorization": "Bearer short"]).status == 401)
        #expect(try anonymous.call("GET", "/api/v1/auth/me", headers: ["Authorization": "Basic abc"]).status == 401)
    }

    @Test("upload, metadata, download with ETag and Range, list, delete")
    func fileLifecycle() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let client = try makeUser(harness, server: server, name: "alice")
        let bytes = sampleBytes(300_000)
        let created = try client.upload("report é.bin", bytes, contentType: "application/x-test")
        #expect(created.status == 201)
        let id = try #require(created.json["id"] as? String)
        #expect(created.json["size"] as? Int == bytes.count)
        #expect(created.json["name"] as? String == "report é.bin")
        #expect(created.json["content_type"] as? String == "application/x-test")
        let sha = try #require(created.json["sha256"] as? String)
        #expect(sha.count == 64)

        let meta = try client.call("GET", "/api/v1/files/\(id)/meta")
        #expect(meta.status == 200)
        #expect(meta.json["sha256"] as? String == sha)
        #expect(meta.json["created_at"] as? String == created.json["created_at"] as? String)
        // Second read is a cache hit and identical.
        #expect(try client.call("GET", "/api/v1/files/\(id)/meta").text == meta.text)

        let download = try client.call("GET", "/api/v1/files/\(id)")
        #expect(download.status == 200)
        #expect(download.body == bytes)
        #expect(download.headers["etag"] == "\"\(sha)\"")
        #expect(download.headers["content-type"] == "application/x-test")

        let notModified = try client.call("GET", "/api/v1/files/\(id)", headers: ["If-None-Match": "\"\(sha)\""])
        #expect(notModified.status == 304)
        #expect(notModified.body.isEmpty)
        #expect(try client.call("GET", "/api/v1/files/\(id)", headers: ["If-None-Match": "\"other\""]).status == 200)

        let partial = try client.call("GET", "/api/v1/files/\(id)", headers: ["Range": "bytes=100-199"])
        #expect(partial.status == 206)
        #expect(partial.body == Array(bytes[100...199]))
        #expect(partial.headers["content-range"] == "bytes 100-199/\(bytes.count)")
        let suffix = try client.call("GET", "/api/v1/files/\(id)", headers: ["Range": "bytes=-10"])
        #expect(suffix.body == Array(bytes.suffix(10)))
        let open = try client.call("GET", "/api/v1/files/\(id)", headers: ["Range": "bytes=299990-"])
        #expect(open.body == Array(bytes.suffix(10)))
        let beyond = try client.call("GET", "/api/v1/files/\(id)", headers: ["Range": "bytes=400000-"])
        #expect(beyond.status == 416)
        #expect(beyond.headers["content-range"] == "bytes */\(bytes.count)")

        let empty = try client.upload("empty.txt", [])
        #expect(empty.status == 201)
        #expect(empty.json["size"] as? Int == 0)
        let emptyID = try #require(empty.json["id"] as? String)
        let emptyDownload = try client.call("GET", "/api/v1/files/\(emptyID)")
        #expect(emptyDownload.status == 200)
        #expect(emptyDownload.body.isEmpty)

        let list = try client.call("GET", "/api/v1/files")
        let items = try #require(list.json["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == [emptyID, id])
        #expect(list.json["next_cursor"] is NSNull)

        #expect(try client.call("DELETE", "/api/v1/files/\(id)").status == 204)
        #expect(try client.call("GET", "/api/v1/files/\(id)/meta").status == 404)
        #expect(try client.call("GET", "/api/v1/files/\(id)").status == 404)
        #expect(try client.call("DELETE", "/api/v1/files/\(id)").status == 404)
        let blobPath = harness.blobDir + "/objects/\(sha.prefix(2))/\(sha)"
        #expect(!FileManager.default.fileExists(atPath: blobPath))
    }

    @Test("downloads (sent with sendfile) interleave correctly with other replies on one keep-alive connection")
    func downloadsOnOneConnection() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let client = try makeUser(harness, server: server, name: "keepalive")
        let big = sampleBytes(3_000_000, seed: 11)
        let small = sampleBytes(1_000, seed: 12)
        let bigID = try #require(client.upload("big.bin", big).json["id"] as? String)
        let smallID = try #require(client.upload("small.bin", small).json["id"] as? String)
        let sha = try #require(client.call("GET", "/api/v1/files/\(bigID)/meta").json["sha256"] as? String)
        let auth = ["Authorization": "Bearer \(try #require(client.token))"]
        var range = auth
        range["Range"] = "bytes=1000000-1000099"
        var cached = auth
        cached["If-None-Match"] = "\"\(sha)\""
        let replies = try RawHTTP.pipelined(port: server.port, requests: [
            ("GET", "/api/v1/files/\(bigID)", auth),
            ("GET", "/api/v1/files/\(smallID)/meta", auth),
            ("GET", "/api/v1/files/\(smallID)", auth),
            ("GET", "/api/v1/files/\(bigID)", range),
            ("GET", "/api/v1/files/\(bigID)", cached),
            ("GET", "/api/v1/files/\(bigID)", auth),
        ])
        #expect(replies.map(\.status) == [200, 200, 200, 206, 304, 200])
        guard replies.count == 6 else { return }
        #expect(replies[0].body == big)
        #expect(replies[1].json["id"] as? String == smallID)
        #expect(replies[2].body == small)
        #expect(replies[3].body == Array(big[1_000_000...1_000_099]))
        #expect(replies[4].body.isEmpty)
        #expect(replies[5].body == big)

        // HEAD: the GET's status and headers, no body.
        let head = try RawHTTP.request(port: server.port, method: "HEAD", path: "/api/v1/files/\(bigID)", headers: auth)
        #expect(head.status == 200)
        #expect(head.headers["content-length"] == "\(big.count)")
        #expect(head.headers["etag"] == "\"\(sha)\"")
        #expect(head.body.isEmpty)
        let headRange = try RawHTTP.request(port: server.port, method: "HEAD", path: "/api/v1/files/\(bigID)", headers: range)
        #expect(headRange.status == 206)
        #expect(headRange.headers["content-length"] == "100")
    }

    @Test("a client that goes away mid-download leaves no open file behind")
    func abandonedDownloads() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let client = try makeUser(harness, server: server, name: "leaver")
        let big = sampleBytes(4_000_000, seed: 13)  // under the harness upload limit of 4 MiB
        let id = try #require(client.upload("big.bin", big).json["id"] as? String)
        let token = try #require(client.token)
        func openBlobs() -> Int {
            let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(server.pid)/fd")) ?? []
            return fds.filter { fd in
                ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(server.pid)/fd/\(fd)")) ?? "").contains("/objects/")
            }.count
        }
        for _ in 0..<20 {
            // Small receive buffer, read a little, then close: the server's sendfile stops half-way.
            let fd = try RawHTTP.connect(port: server.port, timeout: 10)
            var size: Int32 = 4096
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
            let request = "GET /api/v1/files/\(id) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n\r\n"
            _ = request.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            var buffer = [UInt8](repeating: 0, count: 4096)
            _ = recv(fd, &buffer, buffer.count, 0)
            close(fd)
        }
        for _ in 0..<20 {
            // Gone before the reply starts: request sent, then an immediate reset.
            let fd = try RawHTTP.connect(port: server.port, timeout: 10)
            let request = "GET /api/v1/files/\(id) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n\r\n"
            _ = request.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            var reset = linger(l_onoff: 1, l_linger: 0)
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, socklen_t(MemoryLayout<linger>.size))
            close(fd)
        }
        var remaining = openBlobs()
        for _ in 0..<50 where remaining > 0 {
            usleep(100_000)
            remaining = openBlobs()
        }
        #expect(remaining == 0)
        // And the server still serves the whole file.
        #expect(try client.call("GET", "/api/v1/files/\(id)").body == big)
        // No request is counted as still in flight.
        let admin = try Client.login(port: server.port, username: "admin", password: harness.adminPassword)
        let metrics = try Client(port: server.adminPort, token: admin.token).call("GET", "/metrics").text
        let active = metrics.split(separator: "\n").filter { $0.hasPrefix("http_server_active_requests{") }
        #expect(!active.isEmpty)
        #expect(active.allSatisfy { $0.hasSuffix(" 0") || $0.hasSuffix(" 0.0") }, "\(active)")
    }

    @Test("a stalled upload and an idle keep-alive connection are closed after FWB_IDLE_TIMEOUT_SECONDS; a slow download is not")
    func idleTimeout() throws {
        let harness = try Harness()
        let server = try harness.startServer(extra: ["FWB_IDLE_TIMEOUT_SECONDS": "1"])
        let client = try makeUser(harness, server: server, name: "idler")
        let token = try #require(client.token)
        func closedByServer(_ fd: Int32, within seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            var buffer = [UInt8](repeating: 0, count: 65536)
            while Date() < deadline {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n == 0 { return true }
                if n < 0 && errno != EAGAIN && errno != EWOULDBLOCK { return true }
            }
            return false
        }
        // A body that stops arriving: the server stops waiting and nothing is kept.
        let stalled = try RawHTTP.connect(port: server.port, timeout: 0.5)
        let head = "POST /api/v1/files?name=stalled HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nContent-Length: 100000\r\n\r\n0123456789"
        _ = head.withCString { send(stalled, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        #expect(closedByServer(stalled, within: 6))
        close(stalled)
        var leftovers = ["?"]
        for _ in 0..<50 where !leftovers.isEmpty {
            usleep(100_000)
            leftovers = (try? FileManager.default.contentsOfDirectory(atPath: harness.blobDir + "/tmp")) ?? []
        }
        #expect(leftovers.isEmpty)
        // An idle keep-alive connection after a complete exchange.
        let idle = try RawHTTP.connect(port: server.port, timeout: 0.5)
        let get = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        _ = get.withCString { send(idle, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        #expect(closedByServer(idle, within: 6))
        close(idle)
        // A download read slowly for longer than the timeout arrives whole.
        let bytes = sampleBytes(3_000_000, seed: 14)
        let id = try #require(client.upload("slow.bin", bytes).json["id"] as? String)
        let slow = try RawHTTP.connect(port: server.port, timeout: 10)
        defer { close(slow) }
        var small: Int32 = 65536
        setsockopt(slow, SOL_SOCKET, SO_RCVBUF, &small, socklen_t(MemoryLayout<Int32>.size))
        let request = "GET /api/v1/files/\(id) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(slow, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let started = Date()
        while true {
            if Date().timeIntervalSince(started) < 2.5 { usleep(100_000) }
            let n = recv(slow, &buffer, 65536, 0)
            if n <= 0 { break }
            received.append(contentsOf: buffer[0..<n])
        }
        #expect(Date().timeIntervalSince(started) > 2)
        #expect(received.count > bytes.count)
        #expect(Array(received.suffix(bytes.count)) == bytes)
    }

    @Test("identical content is stored once and survives deleting one copy")
    func deduplication() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let client = try makeUser(harness, server: server, name: "dedup")
        let bytes = sampleBytes(10_000, seed: 7)
        let first = try #require(client.upload("a", bytes).json["id"] as? String)
        let second = try #require(client.upload("b", bytes).json["id"] as? String)
        #expect(try client.call("DELETE", "/api/v1/files/\(first)").status == 204)
        #expect(try client.call("GET", "/api/v1/files/\(second)").body == bytes)

        // The duplicate's temp file is kept as a spare and overwritten by the next uploads: shorter,
        // longer and empty contents must come back exactly, under their own digests.
        for (index, size) in [3_000, 25_000, 0, 10_000].enumerated() {
            let other = sampleBytes(size, seed: UInt64(20 + index))
            let reply = try client.upload("other\(index)", other)
            #expect(reply.status == 201)
            #expect(reply.json["size"] as? Int == size)
            let id = try #require(reply.json["id"] as? String)
            #expect(try client.call("GET", "/api/v1/files/\(id)").body == other)
            let sha = try #require(reply.json["sha256"] as? String)
            let blob = try #require(FileManager.default.contents(atPath: harness.blobDir + "/objects/\(sha.prefix(2))/\(sha)"))
            #expect(Array(blob) == other)
            #expect(try client.upload("again\(index)", bytes).status == 201)
        }
        // Spares are temp files of this process: nothing else lingers in tmp/ beyond them.
        let temps = try FileManager.default.contentsOfDirectory(atPath: harness.blobDir + "/tmp")
        #expect(temps.count <= 1)
    }

    @Test("listing pages newest first with cursors")
    func pagination() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let client = try makeUser(harness, server: server, name: "pager")
        var ids: [String] = []
        for index in 0..<7 { ids.append(try #require(client.upload("f\(index)", [UInt8(index)]).json["id"] as? String)) }
        var seen: [String] = []
        var cursor: String?
        repeat {
            let path = "/api/v1/files?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try client.call("GET", path)
            #expect(page.status == 200)
            let items = try #require(page.json["items"] as? [[String: Any]])
            #expect(items.count <= 3)
            seen += items.compactMap { $0["id"] as? String }
            cursor = page.json["next_cursor"] as? String
        } while cursor != nil
        #expect(seen == ids.reversed())
        #expect(try client.call("GET", "/api/v1/files?cursor=garbage").errorCode == "invalid_cursor")
        #expect(try client.call("GET", "/api/v1/files?limit=0").errorCode == "invalid_limit")
        #expect(try client.call("GET", "/api/v1/files?limit=abc").errorCode == "invalid_limit")
    }

    @Test("another user's file is a 404, never its bytes or metadata")
    func ownership() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let alice = try makeUser(harness, server: server, name: "alice")
        let bob = try makeUser(harness, server: server, name: "bob")
        let id = try #require(alice.upload("secret", Array("alice's secret".utf8)).json["id"] as? String)
        for path in ["/api/v1/files/\(id)", "/api/v1/files/\(id)/meta"] {
            let reply = try bob.call("GET", path)
            #expect(reply.status == 404)
            #expect(reply.errorCode == "file_not_found")
            #expect(!reply.text.contains("secret"))
        }
        #expect(try bob.call("DELETE", "/api/v1/files/\(id)").status == 404)
        #expect(try bob.call("GET", "/api/v1/files").json["items"] as? [Any] == nil || (try bob.call("GET", "/api/v1/files").json["items"] as? [Any])?.isEmpty == true)
        #expect(try alice.call("GET", "/api/v1/files/\(id)").status == 200)
    }

    @Test("bad input gets a specific error and keeps nothing")
    func badInput() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let client = try makeUser(harness, server: server, name: "mallory")
        func code(_ reply: HTTPReply) -> String? { reply.errorCode }
        #expect(try client.call("POST", "/api/v1/files", body: [1]).errorCode == "invalid_name")
        #expect(try client.call("POST", "/api/v1/files?name=", body: [1]).errorCode == "invalid_name")
        #expect(try client.call("POST", "/api/v1/files?name=" + String(repeating: "a", count: 256), body: [1]).errorCode == "invalid_name")
        #expect(try client.call("POST", "/api/v1/files?name=%FF%FE", body: [1]).errorCode == "invalid_name")
        #expect(try client.call("POST", "/api/v1/files?name=a%0Ab", body: [1]).errorCode == "invalid_name")
        #expect(try client.call("POST", "/api/v1/files?name=a%2Fb", body: [1]).errorCode == "invalid_name")
        #expect(try client.call("POST", "/api/v1/files?name=..", body: [1]).errorCode == "invalid_name")
        #expect(try client.call("POST", "/api/v1/files?name=%G1", body: [1]).errorCode == "invalid_name")
        #expect(try client.call("POST", "/api/v1/files?name=" + String(repeating: "a", count: 255), body: [1]).status == 201)

        let tooBig = try client.upload("big", [UInt8](repeating: 1, count: 4 * 1024 * 1024 + 1))
        #expect(tooBig.status == 413)
        #expect(tooBig.errorCode == "payload_too_large")

        // Chunked body over the limit (no Content-Length to reject early).
        let chunkedBig = try client.call(
            "POST", "/api/v1/files?name=chunked",
            body: Array("400001\r\n".utf8) + [UInt8](repeating: 2, count: 0x400001) + Array("\r\n0\r\n\r\n".utf8),
            headers: ["Transfer-Encoding": "chunked"]
        )
        #expect(chunkedBig.status == 413)

        try RawHTTP.abortedUpload(port: server.port, path: "/api/v1/files?name=aborted", token: client.token ?? "", declaredLength: 3_000_000, sentBytes: 500_000)
        // The server notices the disconnect and removes the partial upload's temp file.
        #expect(pollUntilBlocking { (try? FileManager.default.contentsOfDirectory(atPath: harness.blobDir + "/tmp"))?.isEmpty == true })

        #expect(try client.call("GET", "/api/v1/files/not-a-uuid").errorCode == "invalid_id")
        #expect(try client.call("GET", "/api/v1/files/\(UUID().uuidString.lowercased())").errorCode == "file_not_found")
        #expect(try client.call("POST", "/api/v1/auth/login", json: "{not json").errorCode == "invalid_json")
        #expect(try client.call("POST", "/api/v1/auth/login", json: #"{"username":"x"}"#).errorCode == "invalid_json")
        let wrongMethod = try client.call("PUT", "/api/v1/files")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.errorCode == "method_not_allowed")
        #expect(wrongMethod.headers["allow"] == "GET, POST")
        #expect(try client.call("PATCH", "/api/v1/files/\(UUID().uuidString)").status == 405)
        // The hot-path shapes (PublicResponder) answer exactly like the router would.
        let badID = String(repeating: "z", count: 36)
        #expect(try client.call("GET", "/api/v1/files/\(badID)").errorCode == "invalid_id")
        #expect(try client.call("GET", "/api/v1/files/\(badID)/meta").errorCode == "invalid_id")
        #expect(try client.call("GET", "/api/v1/files/\(UUID().uuidString)/meta").errorCode == "file_not_found")
        let metaWrongMethod = try client.call("POST", "/api/v1/files/\(UUID().uuidString)/meta")
        #expect(metaWrongMethod.status == 405)
        #expect(metaWrongMethod.headers["allow"] == "GET")
        // Not a hot shape: the router answers it, and it ignores a trailing slash.
        let trailing = try client.call("GET", "/api/v1/files/\(UUID().uuidString)/meta/")
        #expect(trailing.errorCode == "file_not_found", "\(trailing.status) \(trailing.errorCode ?? "-")")
        #expect(try client.call("GET", "/api/v1/nothing-here").errorCode == "not_found")

        // Nothing of the rejected uploads was kept: one row (the 255-byte name), one blob, no temp files.
        let listed = try #require(client.call("GET", "/api/v1/files").json["items"] as? [[String: Any]])
        #expect(listed.count == 1)
        let temps = try FileManager.default.contentsOfDirectory(atPath: harness.blobDir + "/tmp")
        #expect(temps.isEmpty)
        #expect(try harness.mariadb.rootSQL("SELECT COUNT(*) FROM files").trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }

    @Test("admin port: metrics, health, cache stats, user administration")
    func adminPort() throws {
        let harness = try Harness()
        let server = try harness.startServer()
        let admin = try Client.login(port: server.port, username: "admin", password: harness.adminPassword)
        var adminAPI = Client(port: server.adminPort)
        #expect(try adminAPI.call("GET", "/healthz").status == 200)
        #expect(try adminAPI.call("GET", "/readyz").json["ready"] as? Bool == true)
        #expect(try adminAPI.call("GET", "/api/v1/admin/cache/stats").status == 401)
        #expect(try adminAPI.call("POST", "/api/v1/admin/users", json: #"{"username":"x","password":"long-enough-pw"}"#).status == 401)
        adminAPI.token = admin.token
        let user = try adminAPI.call("POST", "/api/v1/admin/users", json: #"{"username":"carol","password":"carol-password-1"}"#)
        #expect(user.status == 201)
        #expect(user.json["username"] as? String == "carol")
        let duplicate = try adminAPI.call("POST", "/api/v1/admin/users", json: #"{"username":"carol","password":"carol-password-1"}"#)
        #expect(duplicate.status == 409)
        #expect(duplicate.errorCode == "user_exists")
        #expect(try adminAPI.call("POST", "/api/v1/admin/users", json: #"{"username":"dave","password":"short"}"#).errorCode == "weak_password")
        #expect(try adminAPI.call("POST", "/api/v1/admin/users", json: #"{"username":"bad name!","password":"long-enough-pw"}"#).errorCode == "invalid_username")

        let carol = try Client.login(port: server.port, username: "carol", password: "carol-password-1")
        var carolAdmin = Client(port: server.adminPort)
        carolAdmin.token = carol.token
        #expect(try carolAdmin.call("GET", "/api/v1/admin/cache/stats").status == 403)

        let id = try #require(carol.upload("x", [1, 2, 3]).json["id"] as? String)
        for _ in 0..<4 { _ = try carol.call("GET", "/api/v1/files/\(id)/meta") }
        let stats = try adminAPI.call("GET", "/api/v1/admin/cache/stats")
        #expect(stats.status == 200)
        #expect((stats.json["hits"] as? Int ?? 0) >= 4)
        #expect(stats.json["policy"] as? String == "allkeys-lru")
        #expect((stats.json["maxmemory"] as? Int ?? 0) == 256 * 1024 * 1024)
        #expect((stats.json["used_memory"] as? Int ?? 0) > 0)
        #expect((stats.json["hit_rate"] as? Double ?? 0) > 0)

        let metrics = try adminAPI.call("GET", "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.text.contains("fwb_cache_hits_total"))
        #expect(metrics.text.contains("hb_request"))
        // Request metrics are gathered per thread and folded in before each scrape: the 4 metadata GETs
        // above are all counted, with their route, and appear in the duration histogram.
        let metaLines = metrics.text.split(separator: "\n").filter {
            $0.hasPrefix("hb_requests{") && $0.contains("/api/v1/files/{id}/meta") && $0.contains("\"200\"")
        }
        #expect(metaLines.count == 1 && metaLines.first?.hasSuffix(" 4") == true, "\(metaLines)")
        #expect(metrics.text.contains("http_server_request_duration_count{"))
        // The public port does not serve admin routes.
        #expect(try Client(port: server.port).call("GET", "/metrics").status == 404)
        #expect(try Client(port: server.port).call("GET", "/openapi.json").json["openapi"] as? String == "3.1.0")
    }
}
