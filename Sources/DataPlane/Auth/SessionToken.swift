import Crypto
import Foundation

/// Session tokens: 32 random bytes, base64url, handed to the client once. Only their SHA-256 (hex) is
/// stored, in MariaDB and Redis, so a dump of either leaks no usable token.
enum SessionToken {
    /// A new random token.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in bytes.indices { bytes[i] = UInt8.random(in: .min ... .max, using: &generator) }
        return base64URL(bytes)
    }

    /// The storage key for `token`, or nil when it cannot be one of ours (wrong length or alphabet).
    static func hash(_ token: Substring) -> String? {
        guard token.utf8.count == 43, token.utf8.allSatisfy(isBase64URL) else { return nil }
        var hasher = SHA256()
        if let digest = token.utf8.withContiguousStorageIfAvailable({ bytes -> SHA256.Digest in
            hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
            return hasher.finalize()
        }) {
            return hex(digest)
        }
        return hex(SHA256.hash(data: Array(token.utf8)))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
    }
}

/// Lower-case hex of a digest.
func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
    let bytes = Array(digest)
    return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
        for (index, byte) in bytes.enumerated() {
            out[2 * index] = hexDigit(byte >> 4)
            out[2 * index + 1] = hexDigit(byte & 0x0F)
        }
        return bytes.count * 2
    }
}

@inline(__always)
private func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? 0x30 + nibble : 0x57 + nibble
}
