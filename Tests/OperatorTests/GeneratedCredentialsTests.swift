import Testing
@testable import Operator

@Suite struct GeneratedCredentialsTests {
    @Test func randomCredentialsDifferAndUseTheURLSafeAlphabet() {
        let first = GeneratedCredentials.random()
        let second = GeneratedCredentials.random()
        #expect(first != second)
        let all = [first.databaseRootPassword, first.databasePassword, first.cachePassword, first.adminPassword,
                   second.databaseRootPassword, second.databasePassword, second.cachePassword, second.adminPassword]
        #expect(Set(all).count == all.count)
        let alphabet = Set(GeneratedCredentials.alphabet)
        #expect(alphabet.count == 64)
        for password in all {
            #expect(password.count == 32)
            #expect(password.allSatisfy { alphabet.contains($0) })
        }
    }

    @Test func passwordUsesTheGeneratorLowSixBits() {
        var generator = CountingGenerator()
        let password = GeneratedCredentials.password(using: &generator)
        #expect(password == String(GeneratedCredentials.alphabet[0..<32]))
    }
}

/// Returns 0, 1, 2, ... so the mapping from random words to characters is visible.
struct CountingGenerator: RandomNumberGenerator {
    var value: UInt64 = 0
    mutating func next() -> UInt64 {
        defer { value += 1 }
        return value
    }
}
