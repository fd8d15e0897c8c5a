import Testing
@testable import PasswordHashing

/// Real Argon2id hashing through libargon2.
@Suite struct PasswordHasherTests {
    /// Expected strings printed by Debian's reference `argon2` CLI (package argon2, 0~20171227), e.g.
    /// `echo -n password | argon2 somesalt -id -t 2 -m 12 -p 2 -l 32 -e`.
    static let knownAnswers: [(password: String, salt: String, m: UInt32, t: UInt32, p: UInt32, encoded: String)] = [
        ("correct horse battery", "saltsaltsaltsalt", 1024, 1, 1,
         "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$54v2fL0K6dm0FxSEfWl4+62QpOWyVbyEl7Ov4IYIt1I"),
        ("password", "somesalt", 4096, 2, 2,
         "$argon2id$v=19$m=4096,t=2,p=2$c29tZXNhbHQ$dyEuuPov0xmpJ+eUsnLp3LAoWe8F71UV8xSUtN/TiaE"),
        ("pässwörd ✓", "0123456789abcdef", 2048, 3, 1,
         "$argon2id$v=19$m=2048,t=3,p=1$MDEyMzQ1Njc4OWFiY2RlZg$u5M1kd5q/Wp5GgwDus12rj9mkksqt4nnbfpi9wfmsLM"),
    ]

    @Test("a fixed salt gives exactly what the argon2 reference CLI prints, and that string verifies")
    func knownAnswer() async throws {
        for vector in Self.knownAnswers {
            let hasher = PasswordHasher(memoryKiB: vector.m, iterations: vector.t, parallelism: vector.p, threads: 1)
            let encoded = try await hasher.hash(vector.password, salt: Array(vector.salt.utf8))
            #expect(encoded == vector.encoded)
            #expect(try await hasher.verify(vector.password, against: vector.encoded))
            #expect(try await !hasher.verify(vector.password + " ", against: vector.encoded))
        }
    }

    @Test("hash writes a PHC string with this hasher's costs, a 16-byte salt and a 32-byte hash")
    func encodedFormat() async throws {
        let hasher = PasswordHasher(memoryKiB: 1024, iterations: 1, parallelism: 1, threads: 1)
        let encoded = try await hasher.hash("secret")
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        try #require(parts.count == 6, "\(encoded)")
        #expect(parts[0] == "")
        #expect(parts[1] == "argon2id")
        #expect(parts[2] == "v=19")
        #expect(parts[3] == "m=1024,t=1,p=1")
        // Unpadded base64: 16 bytes -> 22 characters, 32 bytes -> 43.
        #expect(parts[4].count == 22)
        #expect(parts[5].count == 43)
        let base64 = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        #expect((parts[4] + parts[5]).allSatisfy { base64.contains($0) })
        #expect(PHCString.acceptable(encoded))
    }

    @Test("a round trip verifies; another password, a tampered hash or a second salt does not match")
    func roundTripAndMismatch() async throws {
        let hasher = PasswordHasher(memoryKiB: 1024, iterations: 1, parallelism: 1, threads: 2)
        async let first = hasher.hash("correct horse battery")
        async let second = hasher.hash("correct horse battery")
        let (a, b) = try await (first, second)
        #expect(a != b)
        #expect(try await hasher.verify("correct horse battery", against: a))
        #expect(try await hasher.verify("correct horse battery", against: b))
        #expect(try await !hasher.verify("correct horse batterY", against: a))
        #expect(try await !hasher.verify("", against: a))
        var tampered = Array(a)
        let last = tampered.count - 1
        tampered[last] = tampered[last] == "A" ? "B" : "A"
        #expect(try await !hasher.verify("correct horse battery", against: String(tampered)))
    }

    @Test("malformed hashes and absurd costs are a mismatch, never a stall")
    func rejectsMalformedAndCostly() async throws {
        let hasher = PasswordHasher(memoryKiB: 1024, iterations: 1, parallelism: 1, threads: 1)
        let salt = "AAAAAAAAAAAAAAAAAAAAAA"
        let hash = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        for stored in ["", "$argon2id$garbage", "$argon2i$v=19$m=1024,t=1,p=1$\(salt)$\(hash)",
                       "$argon2id$v=16$m=1024,t=1,p=1$\(salt)$\(hash)",
                       "$argon2id$v=19$m=4000000,t=2,p=1$\(salt)$\(hash)",
                       "$argon2id$v=19$m=1024,t=11,p=1$\(salt)$\(hash)",
                       "$argon2id$v=19$m=1024,t=1,p=9$\(salt)$\(hash)",
                       "$argon2id$v=19$m=1024,t=1$\(salt)$\(hash)",
                       "$argon2id$v=19$m=1024,t=x,p=1$\(salt)$\(hash)"] {
            #expect(try await !hasher.verify("x", against: stored), "\(stored)")
        }
    }

    @Test("default costs are OWASP's minimum; parameters libargon2 refuses are a typed error")
    func defaultsAndErrors() async throws {
        let defaults = PasswordHasher(threads: 1)
        #expect(try await defaults.hash("pw").hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        // libargon2 needs at least 8 KiB per lane.
        let tooSmall = PasswordHasher(memoryKiB: 1, iterations: 1, parallelism: 1, threads: 1)
        await #expect(throws: PasswordHashError.argon2(code: -14)) { try await tooSmall.hash("pw") }
        await #expect(throws: PasswordHashError.argon2(code: -6)) {
            try await PasswordHasher(memoryKiB: 1024, iterations: 1, parallelism: 1, threads: 1).hash("pw", salt: [1, 2, 3])
        }
    }
}
