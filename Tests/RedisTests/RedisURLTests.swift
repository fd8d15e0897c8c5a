import Redis
import Testing

@Suite("Redis URL parsing")
struct RedisURLTests {
    @Test func passwordPortAndDatabase() throws {
        let configuration = try RedisConfiguration(url: "redis://:p%40ss%2Fw0rd@127.0.0.1:6380/2")
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 6380)
        #expect(configuration.username == nil)
        #expect(configuration.password == "p@ss/w0rd")
        #expect(configuration.database == 2)
    }

    @Test func userAndPasswordWithEncodedColon() throws {
        let configuration = try RedisConfiguration(url: "redis://alice:s3cr%3At@cache.internal")
        #expect(configuration.username == "alice")
        #expect(configuration.password == "s3cr:t")
        #expect(configuration.host == "cache.internal")
        #expect(configuration.port == 6379)
        #expect(configuration.database == 0)
    }

    @Test func defaultsAndIPv6() throws {
        let plain = try RedisConfiguration(url: "redis://localhost")
        #expect(plain == RedisConfiguration(host: "localhost"))
        let ipv6 = try RedisConfiguration(url: "redis://[::1]:7000/1")
        #expect(ipv6.host == "::1")
        #expect(ipv6.port == 7000)
        #expect(ipv6.database == 1)
        let bare = try RedisConfiguration(url: "redis://secret@h:1/")
        #expect(bare.password == "secret")
        #expect(bare.username == nil)
    }

    @Test(arguments: [
        "http://localhost", "redis://", "redis://host:0", "redis://host:99999", "redis://host:abc",
        "redis://host/abc", "redis://host/-1", "redis://:%zz@host", "redis://:%FF@host", "redis://[::1",
    ])
    func invalidURLsAreRejected(url: String) {
        #expect {
            _ = try RedisConfiguration(url: url)
        } throws: { error in
            (error as? RedisError)?.kind == .invalidURL
        }
    }
}
