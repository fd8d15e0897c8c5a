import KubeClient
import Testing
@testable import Operator

@Suite struct SecretHygieneTests {
    @Test func noSecretValueOutsideSecrets() throws {
        for object in try Fixtures.objects() where object.kind != "Secret" {
            let json = Fixtures.json(object)
            for value in Fixtures.secretValues {
                #expect(!json.contains(value), "\(object.kind)/\(object.name) contains a secret value")
            }
        }
    }

    @Test func secretsAreBase64SoNoPlainValueAppearsInTheirJSONEither() throws {
        for object in try Fixtures.objects() where object.kind == "Secret" {
            #expect(object.object["stringData"] == nil)
            let json = Fixtures.json(object)
            for value in Fixtures.secretValues { #expect(!json.contains(value)) }
        }
    }

    @Test func containersTakeCredentialsOnlyThroughSecretReferences() throws {
        for object in try Fixtures.objects() {
            guard let podSpec = Fixtures.podSpec(object) else { continue }
            for container in podSpec.containers + podSpec.initContainers {
                let words = (container.command ?? []) + (container.args ?? [])
                for value in Fixtures.secretValues {
                    #expect(!words.contains { $0.contains(value) })
                }
                for variable in container.env where variable.name?.contains("PASSWORD") == true || variable.name?.hasSuffix("_URL") == true {
                    if variable.name == "FWB_BOOTSTRAP_PASSWORD_FILE" { continue }
                    #expect(variable.value == nil, "\(variable.name ?? "") is a literal")
                    #expect(variable.valueFrom?.secretKeyRef != nil, "\(variable.name ?? "") is not a secretKeyRef")
                }
            }
        }
    }

    @Test func redisPasswordIsOnlyInTheCacheSecret() throws {
        let password = Fixtures.credentials.cachePassword
        var holders: [String] = []
        for object in try Fixtures.objects() {
            if object.kind == "Secret" {
                let data = Secret(object: object.object).data ?? [:]
                if data.values.contains(where: { String(decoding: $0, as: UTF8.self).contains(password) }) { holders.append(object.name) }
            } else if Fixtures.json(object).contains(password) {
                holders.append(object.name)
            }
        }
        #expect(holders == ["files-cache"])
        let cache = Secret(object: try Fixtures.find(try Fixtures.objects(), "Secret", "files-cache").object)
        let auth = try #require(cache.data?["auth.conf"])
        #expect(String(decoding: auth, as: UTF8.self) == "requirepass \(password)\n")
        let url = try #require(cache.data?["url"])
        #expect(String(decoding: url, as: UTF8.self) == "redis://:\(password)@files-redis.team-a.svc:6379/0")
    }

    @Test func databaseSecretHoldsCredentialsAndURLs() throws {
        let secret = Secret(object: try Fixtures.find(try Fixtures.objects(), "Secret", "files-database").object)
        let data = (secret.data ?? [:]).mapValues { String(decoding: $0, as: UTF8.self) }
        let credentials = Fixtures.credentials
        #expect(data == [
            "root-password": credentials.databaseRootPassword,
            "username": "filewallball",
            "password": credentials.databasePassword,
            "database": "filewallball_db",
            "url": "mariadb://filewallball:\(credentials.databasePassword)@files-mariadb.team-a.svc:3306/filewallball_db",
            "root-url": "mariadb://root:\(credentials.databaseRootPassword)@files-mariadb.team-a.svc:3306/filewallball_db",
        ])
        let admin = Secret(object: try Fixtures.find(try Fixtures.objects(), "Secret", "files-admin").object)
        #expect((admin.data ?? [:]).mapValues { String(decoding: $0, as: UTF8.self) }
                == ["username": "admin", "password": credentials.adminPassword])
    }

    @Test func secretVolumesMountOnlyTheNeededKeys() throws {
        let objects = try Fixtures.objects()
        let redis = try #require(Fixtures.podSpec(try Fixtures.find(objects, "Deployment", "files-redis")))
        let auth = try #require(redis.volumes.first { $0.secretName != nil })
        #expect(auth.secretName == "files-cache")
        #expect(auth.object["secret"]?["items"]?.arrayValue?.compactMap { $0["key"]?.stringValue } == ["auth.conf"])
        let api = try #require(Fixtures.podSpec(try Fixtures.find(objects, "Deployment", "files-api")))
        let admin = try #require(api.volumes.first { $0.secretName != nil })
        #expect(admin.secretName == "files-admin")
        #expect(admin.object["secret"]?["items"]?.arrayValue?.compactMap { $0["key"]?.stringValue } == ["password"])
    }
}
