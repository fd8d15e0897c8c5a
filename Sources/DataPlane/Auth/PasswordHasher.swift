import Foundation
import NIOPosix
internal import CArgon2

/// Hashes and verifies passwords with Argon2id (libargon2), by default m=19456 KiB, t=2, p=1 — OWASP's
/// first recommended minimum (Password Storage Cheat Sheet) — stored as the standard PHC string
/// `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>` so parameters can be raised later without breaking
/// stored hashes.
///
/// Hashing is deliberately slow CPU and memory work: it runs on its own small thread pool (never the
/// cooperative pool), which also caps memory at `threads` x m.
public final class PasswordHasher: Sendable {
    /// Memory cost in KiB.
    let memoryKiB: UInt32
    /// Passes.
    let iterations: UInt32
    /// Lanes.
    let parallelism: UInt32
    private let threadPool: NIOThreadPool

    /// A hasher with OWASP-minimum parameters, or cheaper ones for tests (memory >= 1024 KiB).
    public init(memoryKiB: UInt32 = 19_456, iterations: UInt32 = 2, parallelism: UInt32 = 1, threads: Int = 2) {
        self.memoryKiB = memoryKiB
        self.iterations = iterations
        self.parallelism = parallelism
        threadPool = NIOThreadPool(numberOfThreads: max(1, threads))
        threadPool.start()
    }

    deinit { threadPool.shutdownGracefully { _ in } }

    /// A new salted hash of `password`.
    public func hash(_ password: String) async throws -> String {
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max) }
        let (m, t, p) = (memoryKiB, iterations, parallelism)
        return try await threadPool.runIfActive {
            let length = argon2_encodedlen(t, m, p, UInt32(salt.count), 32, Argon2_id)
            var encoded = [CChar](repeating: 0, count: length)
            let bytes = Array(password.utf8)
            let status = argon2id_hash_encoded(t, m, p, bytes, bytes.count, salt, salt.count, 32, &encoded, length)
            guard status == ARGON2_OK.rawValue else { throw PasswordHashError.argon2(Int(status)) }
            return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// True when `password` matches `stored`. A malformed hash, or one whose cost exceeds what this
    /// process allows (m > 256 MiB, t > 10, p > 8), is a mismatch, never a crash or a stall.
    public func verify(_ password: String, against stored: String) async throws -> Bool {
        guard Self.acceptable(stored) else { return false }
        return try await threadPool.runIfActive {
            let bytes = Array(password.utf8)
            return argon2id_verify(stored, bytes, bytes.count) == ARGON2_OK.rawValue
        }
    }

    private static func acceptable(_ stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 5, parts[0] == "argon2id", parts[1] == "v=19" else { return false }
        var params: [Substring: UInt32] = [:]
        for item in parts[2].split(separator: ",") {
            let kv = item.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, let value = UInt32(kv[1]) else { return false }
            params[kv[0]] = value
        }
        guard let m = params["m"], let t = params["t"], let p = params["p"] else { return false }
        return (8...262_144).contains(m) && (1...10).contains(t) && (1...8).contains(p)
    }
}

/// libargon2 refused to hash (out of memory, bad parameters).
public enum PasswordHashError: Error, CustomStringConvertible {
    /// The libargon2 status code.
    case argon2(Int)

    /// One line for logs.
    public var description: String {
        switch self {
        case .argon2(let code): "argon2 failed with status \(code)"
        }
    }
}
