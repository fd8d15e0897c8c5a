import Foundation

/// Builds `meta.k8s.io/v1` Table responses from printer columns.
struct TableConverter: Sendable {
    let type: ResourceType
    let now: Date
    /// `Object`, `Metadata` (default) or `None`.
    let includeObject: String

    private var columns: [ServedPrinterColumn] {
        var cols = type.printerColumns
        if type.isCustom {
            if cols.isEmpty { cols = [ServedPrinterColumn(name: "Age", type: "date", format: "", description: "Age", priority: 0, jsonPath: ".metadata.creationTimestamp")] }
        } else {
            cols.append(ServedPrinterColumn(name: "Age", type: "date", format: "", description: "Age", priority: 0, jsonPath: ".metadata.creationTimestamp"))
        }
        return cols
    }

    /// Pods get kube-apiserver's own Pod printer (READY, STATUS, RESTARTS, wide IP and NODE).
    private var isPod: Bool { !type.isCustom && type.storageKey == "pods" }

    /// Column definitions including Name.
    var columnDefinitions: JSONValue {
        if isPod { return PodPrinter.columnDefinitions }
        var defs: [JSONValue] = [[
            "name": "Name", "type": "string", "format": "name", "priority": 0,
            "description": "Name must be unique within a namespace. Cannot be updated.",
        ]]
        for c in columns {
            defs.append(["name": .string(c.name), "type": .string(c.type == "date" ? "string" : c.type),
                "format": .string(c.type == "date" ? "date" : c.format), "description": .string(c.description),
                "priority": .int(Int64(c.priority))])
        }
        return .array(defs)
    }

    /// One table row for an object.
    func row(_ object: JSONValue) -> JSONValue {
        var cells: [JSONValue] = [object[path: ["metadata", "name"]] ?? ""]
        var conditions: JSONValue?
        if isPod {
            cells = PodPrinter.cells(object, now: now)
            conditions = PodPrinter.rowConditions(object)
        }
        for c in columns where !isPod {
            if c.jsonPath == ".status.readyReplicas", type.plural == "deployments" || type.plural == "statefulsets" {
                let ready = object[path: ["status", "readyReplicas"]]?.intValue ?? 0
                cells.append(.string("\(ready)/\(object[path: ["spec", "replicas"]]?.intValue ?? 1)"))
                continue
            }
            let values = JSONPath.evaluate(c.jsonPath, on: object)
            guard let first = values.first else { cells.append(.null); continue }
            if c.type == "date" {
                if let text = first.stringValue, let date = ObjectMeta.parseTimestamp(text) {
                    cells.append(.string(Self.humanDuration(now.timeIntervalSince(date))))
                } else {
                    cells.append(.null)
                }
            } else if values.count > 1 {
                cells.append(.string(values.map { $0.stringValue ?? JSONWriter.string($0) }.joined(separator: ",")))
            } else {
                switch first {
                case .object, .array: cells.append(.string(JSONWriter.string(first)))
                default: cells.append(first)
                }
            }
        }
        var row: JSONValue = ["cells": .array(cells)]
        if let conditions { row["conditions"] = conditions }
        switch includeObject {
        case "None": break
        case "Object": row["object"] = object
        default:
            row["object"] = ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": object["metadata"] ?? [:]]
        }
        return row
    }

    /// A full table.
    func table(_ objects: [JSONValue], resourceVersion: Int64, continueToken: String?, withHeaders: Bool = true) -> JSONValue {
        var meta: JSONValue = ["resourceVersion": .string(String(resourceVersion))]
        if let continueToken { meta["continue"] = .string(continueToken) }
        var t: JSONValue = ["kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": meta, "rows": .array(objects.map(row))]
        t["columnDefinitions"] = withHeaders ? columnDefinitions : .array([])
        return t
    }

    /// `5s`, `3m`, `2h`, `4d` style ages like kubectl's.
    static func humanDuration(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds))
        if s < 120 { return "\(s)s" }
        let m = s / 60
        if m < 10 { return "\(m)m\(s % 60 == 0 ? "" : "\(s % 60)s")" }
        if m < 180 { return "\(m)m" }
        let h = m / 60
        if h < 8 { return m % 60 == 0 ? "\(h)h" : "\(h)h\(m % 60)m" }
        if h < 48 { return "\(h)h" }
        if h < 24 * 8 { return h % 24 == 0 ? "\(h / 24)d" : "\(h / 24)d\(h % 24)h" }
        let d = h / 24
        if d < 365 * 2 { return "\(d)d" }
        if d < 365 * 8 { return d % 365 == 0 ? "\(d / 365)y" : "\(d / 365)y\(d % 365)d" }
        return "\(d / 365)y"
    }
}
