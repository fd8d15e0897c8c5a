import Foundation

/// Snapshot persistence of the whole cluster to `<data-dir>/state.json` (atomic temp file + rename).
struct Persistence: Sendable {
    let directory: String

    var file: String { (directory as NSString).appendingPathComponent("state.json") }

    /// Loads a snapshot into the cluster, if one exists.
    func load(into cluster: Cluster) throws {
        guard FileManager.default.fileExists(atPath: file) else { return }
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let doc = try JSONParser.parse(Array(data))
        cluster.state.withLock { s in
            s.rv = max(s.rv, doc["resourceVersion"]?.intValue ?? 0)
            for entry in doc["objects"]?.arrayValue ?? [] {
                guard let key = entry["storageKey"]?.stringValue, let object = entry["object"] else { continue }
                let rv = Int64(object[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? s.rv
                let ns = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
                let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
                s.objects[key, default: [:]][s.objectKey(namespace: ns, name: name)] = StoredObject(value: object, rv: rv)
                if key == BuiltinResources.crd.storageKey { s.registerCRD(object) }
            }
            s.compactedRV = s.rv
            s.dirty = false
        }
    }

    /// Writes a snapshot when anything changed since the last one.
    func saveIfDirty(_ cluster: Cluster) throws {
        let snapshot: JSONValue? = cluster.state.withLock { s in
            guard s.dirty else { return nil }
            s.dirty = false
            var objects: [JSONValue] = []
            for (key, bucket) in s.objects {
                for o in bucket.values { objects.append(["storageKey": .string(key), "object": o.value]) }
            }
            return ["resourceVersion": .int(s.rv), "objects": .array(objects)]
        }
        guard let snapshot else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temp = file + ".tmp"
        try Data(JSONWriter.encode(snapshot)).write(to: URL(fileURLWithPath: temp))
        if rename(temp, file) != 0 { throw KubeSimError(code: "persist_rename_failed", message: "rename \(temp) failed: errno \(errno)") }
    }
}
