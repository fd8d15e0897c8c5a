import Foundation
import TestSupport
import Testing
@testable import KubeSim

/// Service cluster IPs: allocated from the configured range, never twice, freed on delete, kept across a
/// snapshot reload; explicit, headless and in-use addresses as kube-apiserver treats them.
@Suite struct ServiceIPTests {
    static let services = "/api/v1/namespaces/default/services"

    static func service(_ name: String, clusterIP: String? = nil) -> JSONValue {
        var s: JSONValue = ["metadata": ["name": .string(name)], "spec": ["selector": ["app": "x"], "ports": [["port": 80]]]]
        if let clusterIP { s[path: ["spec", "clusterIP"]] = .string(clusterIP) }
        return s
    }

    @Test func rangeParsing() throws {
        let r = try ServiceIPRange(parsing: "127.20.0.0/16")
        #expect(r.description == "127.20.0.0/16")
        #expect(ServiceIPRange.format(r.first) == "127.20.0.1")
        #expect(ServiceIPRange.format(r.last) == "127.20.255.254")
        #expect(ServiceIPRange.kubernetesDefault.description == "10.96.0.0/12")
        for bad in ["127.20.0.1/16", "127.20.0.0", "10.0.0.0/31", "300.1.1.0/24", "::1/128", "01.2.3.0/24"] {
            #expect(throws: KubeSimError.self) { try ServiceIPRange(parsing: bad) }
        }
        #expect(ServiceIPRange.parseIPv4("10.96.0.010") == nil)
    }

    @Test func allocatorNeverHandsOutAnAddressInUse() throws {
        let r = try ServiceIPRange(parsing: "10.1.2.0/29")   // 10.1.2.1 … 10.1.2.6
        var used: Set<UInt32> = []
        for _ in 0..<6 {
            let a = try #require(r.allocate(avoiding: used))
            #expect(r.contains(a))
            #expect(!used.contains(a))
            used.insert(a)
        }
        #expect(r.allocate(avoiding: used) == nil)
    }

    @Test func allocatesFromTheConfiguredRangeWithoutCollisions() async throws {
        let (server, http) = try await Fixtures.startServer { $0.serviceCIDR = "127.20.0.0/28" }   // 14 addresses
        try await withCleanup({ await server.shutdown() }) { () async throws in
            var seen: Set<String> = []
            for i in 0..<14 {
                let r = try await http.send("POST", Self.services, body: Self.service("s\(i)"))
                #expect(r.status == 201)
                let ip = try #require(r.body[path: ["spec", "clusterIP"]]?.stringValue)
                #expect(ip.hasPrefix("127.20.0."))
                #expect(r.body[path: ["spec", "clusterIPs"]] == [.string(ip)])
                #expect(r.body[path: ["spec", "ipFamilies"]] == ["IPv4"])
                let port = r.body[path: ["spec", "ports"]]?.arrayValue?.first
                #expect(port?["targetPort"] == 80)
                #expect(port?["protocol"] == "TCP")
                #expect(!seen.contains(ip))
                seen.insert(ip)
            }
            #expect(seen.count == 14)
            // The range is full: the real server's 500.
            let full = try await http.send("POST", Self.services, body: Self.service("s14"))
            #expect(full.status == 500)
            #expect(full.body["message"]?.stringValue?.contains("range is full") == true)
            // Deleting one frees exactly its address.
            let freed = try await http.send("GET", Self.services + "/s3").body[path: ["spec", "clusterIP"]]?.stringValue
            #expect(try await http.send("DELETE", Self.services + "/s3").status == 200)
            let again = try await http.send("POST", Self.services, body: Self.service("s15"))
            #expect(again.status == 201)
            #expect(again.body[path: ["spec", "clusterIP"]]?.stringValue == freed)
            // Headless stays None and takes no address.
            let headless = try await http.send("POST", Self.services, body: Self.service("h", clusterIP: "None"))
            #expect(headless.status == 201)
            #expect(headless.body[path: ["spec", "clusterIP"]] == "None")
            #expect(headless.body[path: ["spec", "clusterIPs"]] == ["None"])
        }
    }

    @Test func explicitAddressesAreCheckedLikeTheRealServer() async throws {
        let (server, http) = try await Fixtures.startServer { $0.serviceCIDR = "127.20.0.0/16" }
        try await withCleanup({ await server.shutdown() }) { () async throws in
            let first = try await http.send("POST", Self.services, body: Self.service("a", clusterIP: "127.20.0.10"))
            #expect(first.status == 201)
            #expect(first.body[path: ["spec", "clusterIP"]] == "127.20.0.10")
            let taken = try await http.send("POST", Self.services, body: Self.service("b", clusterIP: "127.20.0.10"))
            #expect(taken.status == 422)
            #expect(taken.body["reason"] == "Invalid")
            #expect(taken.body["message"]?.stringValue
                == "Service \"b\" is invalid: spec.clusterIPs: Invalid value: []string{\"127.20.0.10\"}: failed to allocate IP 127.20.0.10: provided IP is already allocated")
            let outside = try await http.send("POST", Self.services, body: Self.service("c", clusterIP: "10.96.0.10"))
            #expect(outside.status == 422)
            #expect(outside.body["message"]?.stringValue?.contains("is not in the valid range. The range of valid IPs is 127.20.0.0/16") == true)
            let garbage = try await http.send("POST", Self.services, body: Self.service("d", clusterIP: "banana"))
            #expect(garbage.status == 422)
            // An update without the address keeps it (kubectl replace of a manifest without clusterIP).
            var body = first.body
            body[path: ["spec", "clusterIP"]] = nil
            body[path: ["spec", "clusterIPs"]] = nil
            body[path: ["metadata", "labels"]] = ["changed": "yes"]
            let kept = try await http.send("PUT", Self.services + "/a", body: body)
            #expect(kept.status == 200)
            #expect(kept.body[path: ["spec", "clusterIP"]] == "127.20.0.10")
            // Changing it is refused.
            body[path: ["spec", "clusterIP"]] = "127.20.0.11"
            body[path: ["metadata", "resourceVersion"]] = nil
            #expect(try await http.send("PUT", Self.services + "/a", body: body).status == 422)
        }
    }

    @Test func reloadedSnapshotKnowsTheAddressesInUse() async throws {
        let dir = NSTemporaryDirectory() + "kubesim-svcip-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var held: Set<String> = []
        do {
            let (server, http) = try await Fixtures.startServer { $0.serviceCIDR = "127.20.0.0/29"; $0.dataDirectory = dir }
            for i in 0..<5 {
                let r = try await http.send("POST", Self.services, body: Self.service("s\(i)"))
                held.insert(r.body[path: ["spec", "clusterIP"]]?.stringValue ?? "")
            }
            await server.shutdown()
        }
        #expect(held.count == 5)
        let (server, http) = try await Fixtures.startServer { $0.serviceCIDR = "127.20.0.0/29"; $0.dataDirectory = dir }
        try await withCleanup({ await server.shutdown() }) { () async throws in
            // 6 addresses, 5 held: the only free one is handed out, then the range is full.
            let last = try await http.send("POST", Self.services, body: Self.service("s5"))
            #expect(last.status == 201)
            let ip = try #require(last.body[path: ["spec", "clusterIP"]]?.stringValue)
            #expect(!held.contains(ip))
            #expect(try await http.send("POST", Self.services, body: Self.service("s6")).status == 500)
        }
    }

    @Test func invalidRangeIsRefusedAtStart() async throws {
        await #expect(throws: KubeSimError.self) {
            _ = try await Fixtures.startServer { $0.serviceCIDR = "not-a-cidr" }
        }
    }
}
