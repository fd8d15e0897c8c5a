import Crypto
import Foundation
import NIOPosix
import _CryptoExtras

/// Hashes and verifies passwords with scrypt (N=2^14, r=8, p=5: 16 MiB per hash), one of OWASP's
/// minimum-strength scrypt settings (Password Storage Cheat Sheet), stored as a self-describing string
/// `$scrypt$ln=14,r=8,p=5$<salt b64>$<hash b64>` so parameters can be raised later without breaking
/// stored hashes.
///
/// Hashing is deliberately slow CPU work: it runs on its own small thread pool (never the cooperative
/// pool), which also caps memory at `threads` x 16 MiB.
public final class PasswordHasher: Sendable {
    /// log2(N).
    let logRounds: Int
    /// Block size r.
    let blockSize: Int
    /// Parallelism p.
    let parallelism: Int
    private let threadPool: NIOThreadPool

    /// A hasher with OWASP-minimum parameters, or cheaper ones for tests (`logRounds` >= 10).
    public init(logRounds: Int = 14, blockSize: Int = 8, parallelism: Int = 5, threads: Int = 2) {
        self.logRounds = logRounds
        self.blockSize = blockSize
        self.parallelism = parallelism
        threadPool = NIOThreadPool(numberOfThreads: max(1, threads))
        threadPool.start()
    }

    deinit { threadPool.shutdownGracefully { _ in } }

    /// A new salted hash of `password`.
    public func hash(_ password: String) async throws -> String {
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max) }
        let (ln, r, p) = (logRounds, blockSize, parallelism)
        let derived = try await threadPool.runIfActive {
            try Self.derive(password: password, salt: salt, logRounds: ln, blockSize: r, parallelism: p)
        }
        return "$scrypt$ln=\(ln),r=\(r),p=\(p)$\(Data(salt).base64EncodedString())$\(Data(derived).base64EncodedString())"
    }

    /// True when `password` matches `stored` (constant-time comparison). Malformed `stored` → false.
    public func verify(_ password: String, against stored: String) async throws -> Bool {
        guard let parsed = Self.parse(stored) else { return false }
        let derived = try await threadPool.runIfActive {
            try Self.derive(password: password, salt: parsed.salt, logRounds: parsed.logRounds, blockSize: parsed.blockSize, parallelism: parsed.parallelism)
        }
        guard derived.count == parsed.hash.count else { return false }
        var diff: UInt8 = 0
        for (a, b) in zip(derived, parsed.hash) { diff |= a ^ b }
        return diff == 0
    }

    private static func derive(password: String, salt: [UInt8], logRounds: Int, blockSize: Int, parallelism: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(password.utf8), salt: salt, outputByteCount: 32,
            rounds: 1 << logRounds, blockSize: blockSize, parallelism: parallelism
        )
        return key.withUnsafeBytes { Array($0) }
    }

    private struct Parsed { var logRounds, blockSize, parallelism: Int; var salt, hash: [UInt8] }

    private static func parse(_ stored: String) -> Parsed? {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: true)
        guard parts.count == 4, parts[0] == "scrypt" else { return nil }
        var params: [Substring: Int] = [:]
        for item in parts[1].split(separator: ",") {
            let kv = item.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, let value = Int(kv[1]) else { return nil }
            params[kv[0]] = value
        }
        guard let ln = params["ln"], let r = params["r"], let p = params["p"], (10...20).contains(ln), (1...32).contains(r), (1...16).contains(p),
              let salt = Data(base64Encoded: String(parts[2])), let hash = Data(base64Encoded: String(parts[3])) else { return nil }
        return Parsed(logRounds: ln, blockSize: r, parallelism: p, salt: Array(salt), hash: Array(hash))
    }
}
