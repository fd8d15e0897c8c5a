import Foundation
import Logging
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import KubeSim

/// Minimal HTTP client for talking to an in-process KubeSim over 127.0.0.1.
struct HTTPTestClient {
    let baseURL: String

    /// URLSession's data, retried (3 times, 50 ms apart) only when the connection itself is refused: seen
    /// once on a heavily loaded machine right after start-up; any other failure is thrown at once.
    static func dataRetryingRefusedConnects(_ request: URLRequest) async throws -> (Data, URLResponse) {
        var attempt = 0
        while true {
            do {
                return try await URLSession.shared.data(for: request)
            } catch let error as NSError where attempt < 3 && "\(error)".contains("Couldn't connect to server") {
                attempt += 1
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    struct Reply {
        let status: Int
        let body: JSONValue
        let headers: [String: String]
    }

    func send(_ method: String, _ path: String, body: JSONValue? = nil, contentType: String = "application/json",
        accept: String = "application/json", headers extra: [String: String] = [:]) async throws -> Reply
    {
        guard let url = URL(string: baseURL + path) else { throw KubeSimError(code: "bad_url", message: path) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue(accept, forHTTPHeaderField: "Accept")
        for (name, value) in extra { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(JSONWriter.encode(body))
        }
        let (data, response) = try await Self.dataRetryingRefusedConnects(request)
        let http = response as? HTTPURLResponse
        var headers: [String: String] = [:]
        for (k, v) in http?.allHeaderFields ?? [:] { headers["\(k)".lowercased()] = "\(v)" }
        let parsed = (try? JSONParser.parse(Array(data))) ?? .string(String(decoding: data, as: UTF8.self))
        return Reply(status: http?.statusCode ?? 0, body: parsed, headers: headers)
    }
}

/// Shared fixtures.
enum Fixtures {
    static let widgetCRD: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "widgets.example.test"],
        "spec": [
            "group": "example.test", "scope": "Namespaced",
            "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"]],
            "versions": [[
                "name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
                "additionalPrinterColumns": [["name": "Color", "type": "string", "jsonPath": ".spec.color"]],
                "schema": ["openAPIV3Schema": [
                    "type": "object",
                    "properties": [
                        "spec": ["type": "object", "required": ["color"], "properties": [
                            "color": ["type": "string", "enum": ["red", "green", "blue"]],
                            "size": ["type": "integer", "minimum": 1, "default": 10],
                        ]],
                        "status": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                    ],
                ]],
            ]],
        ],
    ]

    static func widget(_ name: String, color: String = "red") -> JSONValue {
        ["apiVersion": "example.test/v1", "kind": "Widget", "metadata": ["name": .string(name)], "spec": ["color": .string(color)]]
    }

    static func startServer(_ configure: (inout KubeSimConfiguration) -> Void = { _ in }) async throws -> (KubeSimServer, HTTPTestClient) {
        var config = KubeSimConfiguration(listen: "127.0.0.1:0")
        configure(&config)
        var logger = Logger(label: "kubesim-test")
        logger.logLevel = .warning
        let server = try await KubeSimServer.start(configuration: config, logger: logger)
        return (server, HTTPTestClient(baseURL: server.baseURL))
    }

    /// A namespaced `example.test/v1` CRD named `PLURAL.example.test`, with a status subresource and the
    /// given `openAPIV3Schema`.
    static func exampleCRD(plural: String, singular: String, kind: String, schema: JSONValue) -> JSONValue {
        [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": .string("\(plural).example.test")],
            "spec": [
                "group": "example.test", "scope": "Namespaced",
                "names": ["plural": .string(plural), "singular": .string(singular), "kind": .string(kind)],
                "versions": [[
                    "name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
                    "schema": ["openAPIV3Schema": schema],
                ]],
            ],
        ]
    }

    static func startWithWidgets() async throws -> (KubeSimServer, HTTPTestClient) {
        let (server, http) = try await startServer()
        _ = try await http.send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", body: widgetCRD)
        return (server, http)
    }
}
