import Foundation
import Hummingbird

/// Small, allocation-light JSON helpers for the hot paths, plus Codable response helpers.
enum JSONText {
    /// A JSON string literal (with quotes) for `text`.
    static func quote(_ text: String) -> String {
        // Fast path: nothing to escape (the common case for names and content types).
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
            return "\"" + text + "\""
        }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// A JSON response with the given status.
    static func response(_ status: HTTPResponse.Status = .ok, _ json: String, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    /// A JSON response from raw bytes.
    static func response(_ status: HTTPResponse.Status = .ok, bytes: ByteBuffer) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: bytes))
    }

    /// RFC 3339 UTC timestamp with microseconds, e.g. `2026-11-23T20:15:02.123456Z`.
    static func timestamp(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        var seconds = time_t(micros / 1_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var out = [UInt8]()
        out.reserveCapacity(27)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                out.append(UInt8(48 + (rest / divisor) % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4); out.append(0x2D)
        digits(Int(parts.tm_mon) + 1, 2); out.append(0x2D)
        digits(Int(parts.tm_mday), 2); out.append(0x54)
        digits(Int(parts.tm_hour), 2); out.append(0x3A)
        digits(Int(parts.tm_min), 2); out.append(0x3A)
        digits(Int(parts.tm_sec), 2); out.append(0x2E)
        digits(Int(micros % 1_000_000), 6); out.append(0x5A)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Decodes a small JSON request body (bounded) into `T`, mapping failures to `invalid_json`.
func decodeJSONBody<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = 64 * 1024) async throws -> T {
    var request = request
    let buffer: ByteBuffer
    do {
        buffer = try await request.collectBody(upTo: limit)
    } catch {
        throw APIError(.contentTooLarge, "payload_too_large", "JSON bodies are limited to \(limit) bytes")
    }
    do {
        return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    } catch let DecodingError.keyNotFound(key, _) {
        throw APIError.invalidJSON("missing field '\(key.stringValue)'")
    } catch let DecodingError.typeMismatch(_, context) {
        throw APIError.invalidJSON("wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'")
    } catch {
        throw APIError.invalidJSON("the body is not valid JSON")
    }
}
