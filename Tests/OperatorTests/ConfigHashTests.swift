import FileWallBallAPI
import KubeClient
import Testing
@testable import Operator

@Suite struct ConfigHashTests {
    @Test func digestIsFNV1a64() {
        #expect(ConfigHash.digest("") == "cbf29ce484222325")
        #expect(ConfigHash.digest("a") == "af63dc4c8601ec8c")
        #expect(ConfigHash.digest("foobar") == "85944171f73967e8")
    }

    static func templateHash(_ objects: [DesiredObject], _ kind: String, _ name: String) throws -> String? {
        let object = try Fixtures.find(objects, kind, name)
        return object.object["spec"]?["template"]?["metadata"]?["annotations"]?[ConfigHash.annotation]?.stringValue
    }

    @Test func changedRedisConfigurationRollsOnlyRedis() throws {
        let before = try Fixtures.objects()
        var input = Fixtures.input()
        input.spec.cache = CacheSpec(maxMemory: "512mb")
        let after = try DesiredObjects.all(for: input, credentials: Fixtures.credentials)
        let redisBefore = try #require(try Self.templateHash(before, "Deployment", "files-redis"))
        let redisAfter = try #require(try Self.templateHash(after, "Deployment", "files-redis"))
        #expect(redisBefore != redisAfter)
        let configMap = ConfigMap(object: try Fixtures.find(after, "ConfigMap", "files-redis").object)
        #expect(redisAfter == ConfigHash.digest(configMap.data?["redis.conf"] ?? ""))
        let databaseBefore = try #require(try Self.templateHash(before, "StatefulSet", "files-mariadb"))
        #expect(databaseBefore == (try Self.templateHash(after, "StatefulSet", "files-mariadb")))
        #expect(try Self.templateHash(after, "Deployment", "files-api") == nil)
    }
}
