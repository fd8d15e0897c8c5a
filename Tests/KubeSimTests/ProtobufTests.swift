import Foundation
import Testing
@testable import KubeSim

/// Builds protobuf bytes for tests.
private struct PB {
    var bytes: [UInt8] = []

    private mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func field(_ n: Int, _ data: [UInt8]) {
        varint(UInt64(n << 3 | 2))
        varint(UInt64(data.count))
        bytes += data
    }

    mutating func field(_ n: Int, _ text: String) { field(n, Array(text.utf8)) }

    mutating func field(_ n: Int, int: UInt64) {
        varint(UInt64(n << 3))
        varint(int)
    }
}

@Suite struct ProtobufTests {
    @Test func decodesConfigMapEnvelope() throws {
        var meta = PB()
        meta.field(1, "cm1")
        meta.field(2, "")
        meta.field(7, int: 0)
        var label = PB()
        label.field(1, "app")
        label.field(2, "web")
        meta.field(11, label.bytes)
        var entry = PB()
        entry.field(1, "key")
        entry.field(2, "value")
        var cm = PB()
        cm.field(1, meta.bytes)
        cm.field(2, entry.bytes)
        var typeMeta = PB()
        typeMeta.field(1, "v1")
        typeMeta.field(2, "ConfigMap")
        var unknown = PB()
        unknown.field(1, typeMeta.bytes)
        unknown.field(2, cm.bytes)
        let decoded = try ProtobufDecoder.decodeEnvelope([0x6B, 0x38, 0x73, 0x00] + unknown.bytes)
        #expect(decoded == ["apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": "cm1", "labels": ["app": "web"]], "data": ["key": "value"]])
    }

    @Test func rejectsUnknownKindsAndGarbage() {
        var typeMeta = PB()
        typeMeta.field(2, "Pod")
        var unknown = PB()
        unknown.field(1, typeMeta.bytes)
        #expect(throws: StatusError.self) { try ProtobufDecoder.decodeEnvelope([0x6B, 0x38, 0x73, 0x00] + unknown.bytes) }
        #expect(throws: StatusError.self) { try ProtobufDecoder.decodeEnvelope([0x6B, 0x38, 0x73, 0x00, 0x0A, 0xFF]) }
        #expect(throws: StatusError.self) { try ProtobufDecoder.decodeEnvelope(Array("{}".utf8)) }
    }
}
