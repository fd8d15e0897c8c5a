import Foundation

/// A protobuf wire-format reader (varints, length-delimited fields, fixed 32/64).
struct ProtobufWire {
    /// One raw field.
    enum Value {
        case varint(UInt64)
        case bytes(ArraySlice<UInt8>)
        case fixed
    }

    /// Splits a message into (field number, value) pairs.
    static func fields(_ data: ArraySlice<UInt8>) throws(StatusError) -> [(Int, Value)] {
        var result: [(Int, Value)] = []
        var i = data.startIndex
        func varint() throws(StatusError) -> UInt64 {
            var shift: UInt64 = 0
            var value: UInt64 = 0
            while i < data.endIndex {
                let b = data[i]
                i += 1
                value |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return value }
                shift += 7
                if shift > 63 { break }
            }
            throw StatusError.badRequest("invalid protobuf varint")
        }
        while i < data.endIndex {
            let key = try varint()
            let number = Int(key >> 3)
            switch key & 7 {
            case 0: result.append((number, .varint(try varint())))
            case 1:
                guard i + 8 <= data.endIndex else { throw StatusError.badRequest("truncated protobuf") }
                i += 8
                result.append((number, .fixed))
            case 2:
                let length = Int(try varint())
                guard length >= 0, i + length <= data.endIndex else { throw StatusError.badRequest("truncated protobuf") }
                result.append((number, .bytes(data[i..<(i + length)])))
                i += length
            case 5:
                guard i + 4 <= data.endIndex else { throw StatusError.badRequest("truncated protobuf") }
                i += 4
                result.append((number, .fixed))
            default:
                throw StatusError.badRequest("unsupported protobuf wire type \(key & 7)")
            }
        }
        return result
    }
}
