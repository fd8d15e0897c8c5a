import Foundation
import Hummingbird

extension ResourceHandler {
    /// Kinds that serve the `/scale` subresource.
    static func hasScale(_ type: ResourceType) -> Bool {
        type.scale != nil
    }

    private static func path(_ jsonPath: String) -> [String] {
        jsonPath.split(separator: ".").map(String.init)
    }

    private func scaleObject(_ object: JSONValue) -> JSONValue {
        let meta = object["metadata"] ?? [:]
        let spec = type.scale ?? ServedScaleSubresource(specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: nil)
        var selector = ""
        if let p = spec.labelSelectorPath {
            selector = object[path: Self.path(p)]?.stringValue ?? ""
        } else {
            let labels = object[path: ["spec", "selector", "matchLabels"]]?.objectValue ?? [:]
            selector = labels.keys.sorted().map { "\($0)=\(labels[$0]?.stringValue ?? "")" }.joined(separator: ",")
        }
        return [
            "kind": "Scale", "apiVersion": "autoscaling/v1",
            "metadata": ["name": meta["name"] ?? "", "namespace": meta["namespace"] ?? "", "uid": meta["uid"] ?? "",
                "resourceVersion": meta["resourceVersion"] ?? "", "creationTimestamp": meta["creationTimestamp"] ?? ""],
            "spec": ["replicas": object[path: Self.path(spec.specReplicasPath)] ?? 0],
            "status": ["replicas": object[path: Self.path(spec.statusReplicasPath)] ?? 0, "selector": .string(selector)],
        ]
    }

    /// GET/PUT/PATCH of `/scale`: reads and writes `spec.replicas` of the parent object.
    func serveScale(name: String) throws(StatusError) -> Response {
        let current = try cluster.get(type, namespace: namespace, name: name)
        switch call.method {
        case .get:
            return APIHandler.json(200, scaleObject(current))
        case .put, .patch:
            var scale = scaleObject(current)
            let body = try Cluster.decode(call.body, yamlAllowed: false)
            if call.method == .put {
                scale = body
            } else if PatchType(contentType: call.contentType) == .json {
                scale = try JSONPatch.apply(body, to: scale)
            } else {
                scale = MergePatch.apply(body, to: scale)
            }
            if let rv = scale[path: ["metadata", "resourceVersion"]]?.stringValue, !rv.isEmpty,
                rv != current[path: ["metadata", "resourceVersion"]]?.stringValue
            {
                throw StatusError.conflict(type, name)
            }
            guard let replicas = scale[path: ["spec", "replicas"]]?.intValue, replicas >= 0 else {
                throw StatusError.invalid(type, name, causes: [.init(field: "spec.replicas", reason: "FieldValueInvalid",
                    message: "Invalid value: must be greater than or equal to 0")])
            }
            var options = try writeOptions()
            options.subresource = nil
            var patch: JSONValue = [:]
            patch[path: Self.path(type.scale?.specReplicasPath ?? ".spec.replicas")] = .int(replicas)
            let updated = try cluster.patch(type, namespace: namespace, name: name, patchType: .merge,
                body: JSONWriter.encode(patch), options: options)
            return APIHandler.json(200, scaleObject(updated.object))
        default:
            throw StatusError.methodNotAllowed()
        }
    }
}
