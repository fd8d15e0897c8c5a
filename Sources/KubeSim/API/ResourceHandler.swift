import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Serves one request against one resource type (CRUD, list, watch, patch, delete).
struct ResourceHandler: Sendable {
    let cluster: Cluster
    let type: ResourceType
    let path: ResourcePath
    let call: APIHandler.Call

    var namespace: String? { type.namespaced ? path.namespace : nil }

    func serve() async throws(StatusError) -> Response {
        if type.namespaced == false, path.namespace != nil { throw StatusError.pathNotFound(call.path) }
        if path.subresource == "scale", let name = path.name { return try serveScale(name: name) }
        switch (call.method, path.name) {
        case (.get, nil):
            if RequestInfo.flag(call.query["watch"]) { return try watch() }
            return try list()
        case (.get, let name?):
            let object = presented(try cluster.get(type, namespace: namespace, name: name))
            if call.wantsTable {
                return APIHandler.json(200, converter.table([object], resourceVersion: cluster.currentRV, continueToken: nil))
            }
            return APIHandler.json(200, object)
        case (.post, nil):
            let result = try cluster.create(type, namespace: namespace, body: try decodeBody(), options: try writeOptions())
            return APIHandler.json(201, result.object, warnings: result.warnings)
        case (.put, let name?):
            let result = try cluster.update(type, namespace: namespace, name: name, body: try decodeBody(), options: try writeOptions())
            return APIHandler.json(200, result.object, warnings: result.warnings)
        case (.patch, let name?):
            guard let patchType = PatchType(contentType: call.contentType) else {
                throw StatusError.unsupportedMediaType(call.contentType)
            }
            let result = try cluster.patch(type, namespace: namespace, name: name, patchType: patchType, body: call.body,
                options: try writeOptions())
            return APIHandler.json(result.created ? 201 : 200, result.object, warnings: result.warnings)
        case (.delete, let name?):
            return try delete(name: name)
        case (.delete, nil):
            return try deleteCollection()
        default:
            throw StatusError.methodNotAllowed()
        }
    }

    /// The object as the requested version presents it (KubeSim does no conversion beyond apiVersion).
    func presented(_ object: JSONValue) -> JSONValue {
        guard object["apiVersion"]?.stringValue != type.apiVersion else { return object }
        var o = object
        o["apiVersion"] = .string(type.apiVersion)
        return o
    }

    var converter: TableConverter {
        TableConverter(type: type, now: cluster.clock.now(), includeObject: call.query["includeObject"] ?? "Metadata")
    }

    func decodeBody() throws(StatusError) -> JSONValue {
        if call.body.isEmpty { throw StatusError.badRequest("the body of the request is empty") }
        return try Cluster.decode(call.body, yamlAllowed: call.contentType.contains("yaml"))
    }

    func writeOptions() throws(StatusError) -> WriteOptions {
        var o = WriteOptions(fieldManager: call.query["fieldManager"], now: cluster.clock.now())
        o.dryRun = call.query["dryRun"] == "All"
        if let dry = call.query["dryRun"], !dry.isEmpty, dry != "All" {
            throw StatusError.badRequest("dryRun: Unsupported value: \"\(dry)\": supported values: \"All\"")
        }
        if let fv = call.query["fieldValidation"], !fv.isEmpty {
            guard let v = FieldValidation(rawValue: fv) else {
                throw StatusError.badRequest("fieldValidation: Unsupported value: \"\(fv)\": supported values: \"Ignore\", \"Strict\", \"Warn\"")
            }
            o.fieldValidation = v
        }
        o.subresource = path.subresource
        o.force = RequestInfo.flag(call.query["force"])
        return o
    }

    func selectors() throws(StatusError) -> (LabelSelectorQuery, FieldSelector) {
        (try LabelSelectorQuery.parse(call.query["labelSelector"]), try FieldSelector.parse(call.query["fieldSelector"], for: type))
    }

    func list() throws(StatusError) -> Response {
        let (labels, fields) = try selectors()
        let (all, rv) = cluster.list(type, namespace: namespace, labels: labels, fields: fields)
        var items = all[...]
        if let token = call.query["continue"], !token.isEmpty {
            guard let data = Data(base64Encoded: token), let start = Int(String(decoding: data, as: UTF8.self)), start <= all.count else {
                throw StatusError(code: 410, reason: "Expired", message: "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.")
            }
            items = all[start...]
        }
        var continueToken: String?
        var remaining: Int?
        if let limitText = call.query["limit"], let limit = Int(limitText), limit > 0, items.count > limit {
            let end = items.startIndex + limit
            remaining = items.count - limit
            items = items[..<end]
            continueToken = Data(String(end).utf8).base64EncodedString()
        }
        if call.wantsTable {
            return APIHandler.json(200, converter.table(items.map { presented($0.value) }, resourceVersion: rv, continueToken: continueToken))
        }
        var out: [UInt8] = []
        out.reserveCapacity(items.reduce(128) { $0 + $1.encoded.count + 1 })
        out.append(contentsOf: Array("{\"apiVersion\":\"\(type.apiVersion)\",\"items\":[".utf8))
        var first = true
        for item in items {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            if item.value["apiVersion"]?.stringValue == type.apiVersion {
                out.append(contentsOf: item.encoded)
            } else {
                JSONWriter.write(presented(item.value), into: &out)
            }
        }
        var meta: JSONValue = ["resourceVersion": .string(String(rv))]
        if let continueToken { meta["continue"] = .string(continueToken) }
        if let remaining { meta["remainingItemCount"] = .int(Int64(remaining)) }
        out.append(contentsOf: Array("],\"kind\":\"\(type.listKind)\",\"metadata\":".utf8))
        JSONWriter.write(meta, into: &out)
        out.append(UInt8(ascii: "}"))
        return APIHandler.bytes(200, out)
    }

    func delete(name: String) throws(StatusError) -> Response {
        var options = DeleteOptions(now: cluster.clock.now())
        if !call.body.isEmpty { options.merge(body: try? JSONParser.parse(call.body)) }
        if let p = call.query["propagationPolicy"], let policy = DeletePropagation(rawValue: p) { options.propagation = policy }
        if call.query["dryRun"] == "All" { options.dryRun = true }
        switch try cluster.delete(type, namespace: namespace, name: name, options: options) {
        case .pending(let object):
            return APIHandler.json(200, object)
        case .removed(let object):
            var details: JSONValue = ["name": .string(name), "kind": .string(type.plural)]
            if !type.group.isEmpty { details["group"] = .string(type.group) }
            details["uid"] = object[path: ["metadata", "uid"]]
            return APIHandler.json(200, ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": details])
        }
    }

    func deleteCollection() throws(StatusError) -> Response {
        let (labels, fields) = try selectors()
        let (items, _) = cluster.list(type, namespace: namespace, labels: labels, fields: fields)
        var deleted: [JSONValue] = []
        for item in items {
            let name = item.value[path: ["metadata", "name"]]?.stringValue ?? ""
            let ns = item.value[path: ["metadata", "namespace"]]?.stringValue
            if case .some(let outcome) = try? cluster.delete(type, namespace: ns, name: name, options: DeleteOptions(now: cluster.clock.now())) {
                switch outcome {
                case .pending(let o), .removed(let o): deleted.append(o)
                }
            }
        }
        return APIHandler.json(200, ["kind": .string(type.listKind), "apiVersion": .string(type.apiVersion),
            "metadata": ["resourceVersion": .string(String(cluster.currentRV))], "items": .array(deleted)])
    }
}
