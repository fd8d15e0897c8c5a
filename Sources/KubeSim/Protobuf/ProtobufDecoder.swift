import Foundation

/// Decodes Kubernetes protobuf request bodies (`k8s\0` + runtime.Unknown) into JSON for the kinds in `ProtobufSchemas`.
enum ProtobufDecoder {
    private static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    /// Decodes an envelope; 415 when the kind has no schema here.
    static func decodeEnvelope(_ body: [UInt8]) throws(StatusError) -> JSONValue {
        guard body.count >= 4, Array(body.prefix(4)) == magic else { throw StatusError.badRequest("protobuf body without k8s envelope") }
        var apiVersion = "", kind = ""
        var raw: ArraySlice<UInt8> = []
        for (n, v) in try ProtobufWire.fields(body[4...]) {
            guard case .bytes(let b) = v else { continue }
            if n == 1 {
                for (tn, tv) in try ProtobufWire.fields(b) {
                    if case .bytes(let s) = tv {
                        if tn == 1 { apiVersion = String(decoding: s, as: UTF8.self) }
                        if tn == 2 { kind = String(decoding: s, as: UTF8.self) }
                    }
                }
            } else if n == 2 {
                raw = b
            }
        }
        guard ProtobufSchemas.messages[kind] != nil else {
            throw StatusError(code: 415, reason: "UnsupportedMediaType",
                message: "KubeSim cannot decode protobuf \(kind) (\(apiVersion)); send application/json")
        }
        var object = try decodeMessage(raw, type: kind)
        object["apiVersion"] = .string(apiVersion)
        object["kind"] = .string(kind)
        return object
    }

    private static func text(_ b: ArraySlice<UInt8>) -> String { String(decoding: b, as: UTF8.self) }

    static func decodeMessage(_ data: ArraySlice<UInt8>, type: String) throws(StatusError) -> JSONValue {
        let schema = ProtobufSchemas.messages[type] ?? [:]
        var out: [String: JSONValue] = [:]
        for (n, v) in try ProtobufWire.fields(data) {
            guard let field = schema[n] else { continue }
            let value: JSONValue?
            switch (field.kind, v) {
            case (.string, .bytes(let b)): value = .string(text(b))
            case (.bytes, .bytes(let b)): value = .string(Data(b).base64EncodedString())
            case (.int, .varint(let x)): value = .int(Int64(bitPattern: x))
            case (.bool, .varint(let x)): value = .bool(x != 0)
            case (.message(let t), .bytes(let b)): value = try decodeMessage(b, type: t)
            case (.time, .bytes(let b)): value = try time(b)
            case (.intOrString, .bytes(let b)): value = try intOrString(b)
            case (.quantity, .bytes(let b)):
                let q = try ProtobufWire.fields(b).first { $0.0 == 1 }
                if case .bytes(let s)? = q?.1 { value = .string(text(s)) } else { value = nil }
            case (.mapString, .bytes(let b)), (.mapBytes, .bytes(let b)), (.mapQuantity, .bytes(let b)):
                var key = ""
                var entry: JSONValue = .string("")
                for (en, ev) in try ProtobufWire.fields(b) {
                    guard case .bytes(let s) = ev else { continue }
                    if en == 1 { key = text(s) }
                    if en == 2 {
                        switch field.kind {
                        case .mapBytes: entry = .string(Data(s).base64EncodedString())
                        case .mapQuantity:
                            if case .bytes(let q)? = try ProtobufWire.fields(s).first(where: { $0.0 == 1 })?.1 { entry = .string(text(q)) }
                        default: entry = .string(text(s))
                        }
                    }
                }
                var map = out[field.name]?.objectValue ?? [:]
                map[key] = entry
                out[field.name] = .object(map)
                continue
            default:
                value = nil
            }
            guard let value else { continue }
            if field.repeated {
                var list = out[field.name]?.arrayValue ?? []
                list.append(value)
                out[field.name] = .array(list)
            } else if !isZero(value) || field.keepZero {
                out[field.name] = value
            }
        }
        return .object(out)
    }

    /// Non-pointer Go fields are always on the wire; JSON would omit their zero values.
    private static func isZero(_ v: JSONValue) -> Bool {
        switch v {
        case .string(let s): return s.isEmpty
        case .int(let i): return i == 0
        case .bool(let b): return !b
        default: return false
        }
    }

    private static func time(_ b: ArraySlice<UInt8>) throws(StatusError) -> JSONValue {
        var seconds: Int64 = 0
        for (n, v) in try ProtobufWire.fields(b) { if n == 1, case .varint(let x) = v { seconds = Int64(bitPattern: x) } }
        return .string(ObjectMeta.timestamp(Date(timeIntervalSince1970: TimeInterval(seconds))))
    }

    private static func intOrString(_ b: ArraySlice<UInt8>) throws(StatusError) -> JSONValue {
        var type: UInt64 = 0
        var intVal: Int64 = 0
        var strVal = ""
        for (n, v) in try ProtobufWire.fields(b) {
            switch (n, v) {
            case (1, .varint(let x)): type = x
            case (2, .varint(let x)): intVal = Int64(Int32(truncatingIfNeeded: x))
            case (3, .bytes(let s)): strVal = text(s)
            default: break
            }
        }
        return type == 1 ? .string(strVal) : .int(intVal)
    }
}
