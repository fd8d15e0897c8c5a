import Crypto
import Foundation

/// sha256 hex of bytes (test helper).
func sha256Hex(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }
