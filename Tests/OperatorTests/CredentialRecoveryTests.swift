import KubeClient
import Testing
@testable import Operator

@Suite struct CredentialRecoveryTests {
    let names = ClusterNames(cluster: "files")
    let fresh = GeneratedCredentials(databaseRootPassword: "new-root", databasePassword: "new-app", cachePassword: "new-cache", adminPassword: "new-admin")

    /// The three Secrets exactly as the builder makes them from `Fixtures.credentials`.
    func builtSecrets() throws -> (Secret, Secret, Secret) {
        let builder = try ClusterObjectBuilder(input: Fixtures.input(name: "files"), credentials: Fixtures.credentials)
        return (builder.databaseSecret(), builder.cacheSecret(), builder.adminSecret())
    }

    @Test func everyPasswordIsReadBackFromItsOwnKey() throws {
        let (database, cache, admin) = try builtSecrets()
        let outcome = CredentialRecovery.recover(database: database, cache: cache, admin: admin, names: names, fresh: fresh)
        #expect(outcome.credentials == Fixtures.credentials)
        #expect(outcome.regenerated.isEmpty)
    }

    @Test func aDeletedPasswordKeyIsRecoveredFromTheKeyThatEmbedsIt() throws {
        var (database, cache, _) = try builtSecrets()
        database.data?["password"] = nil
        database.data?["root-password"] = nil
        cache.data?["password"] = nil
        var outcome = CredentialRecovery.recover(database: database, cache: cache, admin: nil, names: names, fresh: fresh)
        #expect(outcome.credentials.databasePassword == Fixtures.credentials.databasePassword)
        #expect(outcome.credentials.databaseRootPassword == Fixtures.credentials.databaseRootPassword)
        #expect(outcome.credentials.cachePassword == Fixtures.credentials.cachePassword)
        #expect(outcome.regenerated == ["files-admin/password"])
        #expect(outcome.credentials.adminPassword == "new-admin")
        // With the URL gone too, the cache password still comes from auth.conf.
        cache.data?["url"] = nil
        outcome = CredentialRecovery.recover(database: database, cache: cache, admin: nil, names: names, fresh: fresh)
        #expect(outcome.credentials.cachePassword == Fixtures.credentials.cachePassword)
    }

    @Test func onlyPasswordsFoundNowhereAreGeneratedAndNamed() {
        let outcome = CredentialRecovery.recover(database: nil, cache: nil, admin: nil, names: names, fresh: fresh)
        #expect(outcome.credentials == fresh)
        #expect(outcome.regenerated == ["files-database/root-password", "files-database/password", "files-cache/password", "files-admin/password"])
    }

    @Test func urlAndRequirepassParsing() {
        #expect(CredentialRecovery.urlPassword("mariadb://u:p@ss@host:3306/db") == "p@ss")
        #expect(CredentialRecovery.urlPassword("redis://:secret@h:6379/0") == "secret")
        #expect(CredentialRecovery.urlPassword("redis://h:6379/0") == nil)
        #expect(CredentialRecovery.urlPassword("mariadb://user@h/db") == nil)
        #expect(CredentialRecovery.urlPassword("mariadb://user:@h/db") == nil)
        #expect(CredentialRecovery.urlPassword("not a url") == nil)
        #expect(CredentialRecovery.requirepass("# x\nrequirepass abc\n") == "abc")
        #expect(CredentialRecovery.requirepass("requirepass\n") == nil)
    }
}
