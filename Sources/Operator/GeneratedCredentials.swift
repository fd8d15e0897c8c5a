/// The secret values of a cluster, generated once by the reconciler and never overwritten; the object
/// builders only place them into Secrets.
public struct GeneratedCredentials: Sendable, Equatable {
    /// MariaDB root password.
    public var databaseRootPassword: String
    /// Password of the `filewallball` database user.
    public var databasePassword: String
    /// Redis password (`requirepass`).
    public var cachePassword: String
    /// Password of the file service's first administrator.
    public var adminPassword: String

    /// Creates credentials from known values (read back from existing Secrets, or fixed in tests).
    public init(databaseRootPassword: String, databasePassword: String, cachePassword: String, adminPassword: String) {
        self.databaseRootPassword = databaseRootPassword
        self.databasePassword = databasePassword
        self.cachePassword = cachePassword
        self.adminPassword = adminPassword
    }

    /// Letters, digits, `-` and `_`: safe in URLs, config files and shell words without quoting.
    public static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    /// Length of a generated password (192 bits).
    public static let passwordLength = 32

    /// New credentials from the system's CSPRNG.
    public static func random() -> GeneratedCredentials {
        var generator = SystemRandomNumberGenerator()
        return GeneratedCredentials(databaseRootPassword: password(using: &generator), databasePassword: password(using: &generator),
                                    cachePassword: password(using: &generator), adminPassword: password(using: &generator))
    }

    /// One password of `passwordLength` characters from `alphabet` (64 symbols: no modulo bias).
    public static func password<G: RandomNumberGenerator>(using generator: inout G) -> String {
        String((0..<passwordLength).map { _ in alphabet[Int(generator.next() & 63)] })
    }
}
