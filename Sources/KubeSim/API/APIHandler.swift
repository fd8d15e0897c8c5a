import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import NIOCore

/// Entry point for every HTTP request: auth, non-resource endpoints, discovery and dispatch to resources.
final class APIHandler: Sendable {
    let cluster: Cluster
    let token: String
    let requireToken: Bool
    let logger: Logger
    /// Extra bearer tokens and the user names they authenticate as.
    let users: [String: String]
    let requestLog: RequestLog
    let outcomeRules: JobOutcomeRules
    /// The kubelet stand-in behind `pods/NAME/log`; nil: none (see PodLogHandler).
    let podLogs: PodLogProvider?
    /// The `pods/log?follow=true` responses in progress.
    let logFollowers = LogFollowers()

    /// The user name the generated token authenticates as (the kubeconfig's user).
    static let adminUser = "kubesim-admin"
    /// The user name of requests without credentials (as kube-apiserver names it).
    static let anonymousUser = "system:anonymous"

    init(cluster: Cluster, token: String, requireToken: Bool, users: [String: String] = [:], requestLog: RequestLog,
        outcomeRules: JobOutcomeRules = JobOutcomeRules(), podLogs: PodLogProvider? = nil, logger: Logger)
    {
        self.podLogs = podLogs
        self.cluster = cluster
        self.token = token
        self.requireToken = requireToken
        self.users = users
        self.requestLog = requestLog
        self.outcomeRules = outcomeRules
        self.logger = logger
    }

    /// The user a bearer token authenticates as; nil for an unknown token.
    func user(authorization: String?) -> String? {
        guard let authorization, !authorization.isEmpty else { return Self.anonymousUser }
        guard authorization.hasPrefix("Bearer ") else { return nil }
        let presented = String(authorization.dropFirst("Bearer ".count))
        if presented == token { return Self.adminUser }
        return users[presented]
    }

    /// A parsed request as the handlers see it.
    struct Call: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var query: [String: String]
        var accept: String
        var contentType: String
        var body: [UInt8]
        /// The client's connection, when served over one.
        var channel: (any Channel)? = nil

        var wantsTable: Bool { accept.contains("as=Table") }
    }

    func handle(_ request: Request, body: [UInt8], channel: (any Channel)? = nil) async -> Response {
        let call = Call(method: request.method, path: request.uri.path, query: RequestInfo.parseQuery(request.uri.query),
            accept: request.headers[.accept] ?? "", contentType: request.headers[.contentType] ?? "", body: body, channel: channel)
        let open: Set<String> = ["/version", "/healthz", "/readyz", "/livez"]
        let user = self.user(authorization: request.headers[.authorization])
        let response: Response
        if requireToken, !open.contains(call.path), user == nil || user == Self.anonymousUser {
            response = Self.error(StatusError.unauthorized)
        } else {
            do {
                response = try await route(call)
            } catch {
                response = Self.error(error)
            }
        }
        if !call.path.hasPrefix("/kubesim/") {
            requestLog.append(Self.record(call, user: user ?? Self.anonymousUser, code: Int(response.status.code)))
        }
        let code = String(response.status.code)
        Counter(label: "kubesim_requests_total", dimensions: [("method", call.method.rawValue), ("code", code)]).increment()
        logger.debug("request", metadata: ["method": "\(call.method.rawValue)", "path": "\(call.path)", "code": "\(code)"])
        return response
    }

    /// The request log record of a call (verb and resource attributes as kube-apiserver's RequestInfo).
    static func record(_ call: Call, user: String, code: Int) -> RequestRecord {
        var r = RequestRecord(user: user, verb: call.method.rawValue.lowercased(), apiGroup: "", apiVersion: "", resource: "",
            subresource: "", namespace: "", name: "", path: call.path, isResourceRequest: false, code: code)
        guard let rp = RequestInfo.parsePath(call.path), let plural = rp.plural else { return r }
        r.isResourceRequest = true
        r.apiGroup = rp.group
        r.apiVersion = rp.version
        r.resource = plural
        r.subresource = rp.subresource ?? ""
        r.namespace = rp.namespace ?? ""
        r.name = rp.name ?? ""
        switch (call.method, rp.name) {
        case (.get, nil): r.verb = RequestInfo.flag(call.query["watch"]) ? "watch" : "list"
        case (.get, _): r.verb = "get"
        case (.post, _): r.verb = "create"
        case (.put, _): r.verb = "update"
        case (.patch, _): r.verb = "patch"
        case (.delete, nil): r.verb = "deletecollection"
        case (.delete, _): r.verb = "delete"
        default: break
        }
        return r
    }

    private func route(_ call: Call) async throws(StatusError) -> Response {
        let types = cluster.allTypes()
        switch call.path {
        case "/version", "/version/": return Self.json(200, KubeSimVersion.json)
        case "/healthz", "/readyz", "/livez":
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok")))
        case "/api", "/api/":
            if AggregatedDiscovery.requested(call.accept) { return Self.aggregated(AggregatedDiscovery.document(core: true, types)) }
            return Self.json(200, Discovery.coreVersions())
        case "/apis", "/apis/":
            if AggregatedDiscovery.requested(call.accept) { return Self.aggregated(AggregatedDiscovery.document(core: false, types)) }
            return Self.json(200, Discovery.groupList(types))
        case "/openapi/v3", "/openapi/v3/": return Self.json(200, OpenAPIV3.root(types))
        case "/kubesim/compact":
            // Test hook (not a Kubernetes API): drop watch history so older resourceVersions answer 410.
            guard call.method == .post else { throw StatusError.methodNotAllowed() }
            cluster.compact()
            return Self.json(200, ["kind": "Status", "apiVersion": "v1", "status": "Success", "metadata": [:],
                "message": .string("compacted at resourceVersion \(cluster.currentRV)")])
        case "/kubesim/requests":
            // Test hook (not a Kubernetes API): the request log; DELETE clears it.
            switch call.method {
            case .get:
                return Self.json(200, ["kind": "KubeSimRequestLog", "dropped": .int(requestLog.dropped),
                    "capacity": .int(Int64(requestLog.capacity)), "items": .array(requestLog.entries().map(\.json))])
            case .delete:
                requestLog.clear()
                return Self.json(200, ["kind": "Status", "apiVersion": "v1", "status": "Success", "metadata": [:], "message": "request log cleared"])
            default: throw StatusError.methodNotAllowed()
            }
        case "/kubesim/job-outcomes":
            // Test hook (not a Kubernetes API): rules for how simulated Jobs' Pods end; DELETE removes them all.
            switch call.method {
            case .get: return Self.json(200, ["kind": "KubeSimJobOutcomeRules", "items": .array(outcomeRules.all().map(\.json))])
            case .post:
                let body: JSONValue
                do { body = try JSONParser.parse(call.body) } catch { throw StatusError.badRequest("job outcome rule: \(error)") }
                let rule = try JobOutcomeRule.parse(body)
                outcomeRules.add(rule)
                return Self.json(201, rule.json)
            case .delete:
                outcomeRules.clear()
                return Self.json(200, ["kind": "Status", "apiVersion": "v1", "status": "Success", "metadata": [:], "message": "job outcome rules cleared"])
            default: throw StatusError.methodNotAllowed()
            }
        default: break
        }
        if call.path.hasPrefix("/openapi/v3/") {
            let parts = call.path.dropFirst("/openapi/v3/".count).split(separator: "/").map(String.init)
            let doc: JSONValue?
            if parts.count == 2, parts[0] == "api" {
                doc = OpenAPIV3.document(group: "", version: parts[1], types)
            } else if parts.count == 3, parts[0] == "apis" {
                doc = OpenAPIV3.document(group: parts[1], version: parts[2], types)
            } else {
                doc = nil
            }
            guard let doc else { throw StatusError.pathNotFound(call.path) }
            return Self.json(200, doc)
        }
        let segments = call.path.split(separator: "/")
        if segments.count == 2, segments[0] == "apis" {
            guard let g = Discovery.group(String(segments[1]), types) else { throw StatusError.pathNotFound(call.path) }
            return Self.json(200, g)
        }
        guard let rp = RequestInfo.parsePath(call.path) else { throw StatusError.pathNotFound(call.path) }
        guard let plural = rp.plural else {
            guard let list = Discovery.resourceList(group: rp.group, version: rp.version, types) else {
                throw StatusError.pathNotFound(call.path)
            }
            return Self.json(200, list)
        }
        guard let type = cluster.resourceType(group: rp.group, version: rp.version, plural: plural) else {
            throw StatusError.pathNotFound(call.path)
        }
        if type.storageKey == "pods", rp.subresource == "log", let name = rp.name, let namespace = rp.namespace {
            guard call.method == .get else { throw StatusError.methodNotAllowed() }
            return try await PodLogHandler(cluster: cluster, provider: podLogs, followers: logFollowers, channel: call.channel)
                .serve(namespace: namespace, name: name, query: call.query)
        }
        if let sub = rp.subresource {
            let served = (sub == "status" && type.hasStatus) || (sub == "scale" && ResourceHandler.hasScale(type))
            if !served { throw StatusError.pathNotFound(call.path) }
        }
        var call = call
        if call.contentType.contains("application/vnd.kubernetes.protobuf"), call.method == .post || call.method == .put {
            call.body = JSONWriter.encode(try ProtobufDecoder.decodeEnvelope(call.body))
            call.contentType = "application/json"
        }
        if call.contentType.contains("protobuf") || call.contentType.contains("cbor") {
            throw StatusError(code: 415, reason: "UnsupportedMediaType",
                message: "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (KubeSim does not decode \(call.contentType))")
        }
        let handler = ResourceHandler(cluster: cluster, type: type, path: rp, call: call)
        return try await handler.serve()
    }

    /// A JSON response.
    static func json(_ code: Int, _ value: JSONValue, warnings: [String] = []) -> Response {
        bytes(code, JSONWriter.encode(value), warnings: warnings)
    }

    /// A JSON response from pre-encoded bytes.
    static func bytes(_ code: Int, _ bytes: [UInt8], warnings: [String] = []) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        for w in warnings {
            guard let warningName = HTTPField.Name("Warning") else { break }
            let escaped = w.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            headers.append(HTTPField(name: warningName, value: "299 - \"\(escaped)\""))
        }
        return Response(status: HTTPResponse.Status(code: code), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// An aggregated discovery response (the Content-Type tells the client which form it got).
    static func aggregated(_ value: JSONValue) -> Response {
        Response(status: .ok, headers: [.contentType: AggregatedDiscovery.contentType],
            body: .init(byteBuffer: ByteBuffer(bytes: JSONWriter.encode(value))))
    }

    /// A Status error response.
    static func error(_ error: any Error) -> Response {
        let apiError = (error as? StatusError) ?? StatusError(code: 500, reason: "InternalError", message: "\(error)")
        return json(apiError.code, apiError.status)
    }
}
