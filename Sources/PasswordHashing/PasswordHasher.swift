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
    public let memoryKiB: UInt32
    /// Passes.
    public let iterations: UInt32
    /// Lanes.
    public let parallelism: UInt32
    private let threadPool: NIOThreadPool

    /// Salt length in bytes.
    static let saltBytes = 16
    /// Raw hash length in bytes.
    static let hashBytes = 32

    /// A hasher with OWASP-minimum parameters, or cheaper ones for tests (memory >= 1024 KiB).
    public init(memoryKiB: UInt32 = 19_456, iterations: UInt32 = 2, parallelism: UInt32 = 1, threads: Int = 2) {
        self.memoryKiB = memoryKiB
        self.iterations = iterations
        self.parallelism = parallelism
        threadPool = NIOThreadPool(numberOfThreads: max(1, threads))
        threadPool.start()
    }

    deinit { threadPool.shutdownGracefully { _ in } }

    /// A new hash of `password` with a fresh random salt, as a PHC string.
    public func hash(_ password: String) async throws(PasswordHashError) -> String {
        let salt = (0..<Self.saltBytes).map { _ in UInt8.random(in: .min ... .max) }
        return try await hash(password, salt: salt)
    }

    /// The hash of `password` with the given salt (at least 8 bytes), as a PHC string; for known-answer tests.
    func hash(_ password: String, salt: [UInt8]) async throws(PasswordHashError) -> String {
        let (m, t, p) = (memoryKiB, iterations, parallelism)
        let outcome: Result<String, PasswordHashError> = try await offload {
            let length = argon2_encodedlen(t, m, p, UInt32(salt.count), UInt32(Self.hashBytes), Argon2_id)
            var encoded = [CChar](repeating: 0, count: length)
            let bytes = Array(password.utf8)
            let status = argon2id_hash_encoded(t, m, p, bytes, bytes.count, salt, salt.count, Self.hashBytes, &encoded, length)
            guard status == ARGON2_OK.rawValue else { return .failure(.argon2(code: Int(status))) }
            return .success(String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return try outcome.get()
    }

    /// True when `password` matches `stored`. A malformed hash, or one whose cost exceeds what this
    /// process allows (m > 256 MiB, t > 10, p > 8), is a mismatch, never a crash or a stall.
    public func verify(_ password: String, against stored: String) async throws(PasswordHashError) -> Bool {
        guard PHCString.acceptable(stored) else { return false }
        return try await offload {
            let bytes = Array(password.utf8)
            return argon2id_verify(stored, bytes, bytes.count) == ARGON2_OK.rawValue
        }
    }

    /// Runs blocking libargon2 work on the hasher's own threads.
    private func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws(PasswordHashError) -> T {
        do {
            return try await threadPool.runIfActive(work)
        } catch {
            throw .unavailable
        }
    }
}
