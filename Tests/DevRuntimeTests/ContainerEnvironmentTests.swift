import KubeClient
import Testing
@testable import DevRuntime

@Suite struct ContainerEnvironmentTests {
    func pod() -> Pod {
        var pod = Pod(object: [:])
        var metadata = ObjectMeta()
        metadata.name = "web-0"
        metadata.namespace = "shop"
        metadata.uid = "u-1"
        pod.metadata = metadata
        return pod
    }

    @Test func expandsLikeTheKubelet() {
        let values = ["A": "1", "HOST": "db"]
        #expect(ContainerEnvironment.expand("$(A)-$(HOST)", with: values) == "1-db")
        #expect(ContainerEnvironment.expand("$$(A)", with: values) == "$(A)", "$$ escapes")
        #expect(ContainerEnvironment.expand("$(MISSING)", with: values) == "$(MISSING)", "unknown stays as written")
        #expect(ContainerEnvironment.expand("$(A", with: values) == "$(A", "unclosed stays")
        #expect(ContainerEnvironment.expand("cost $5", with: values) == "cost $5")
        #expect(ContainerEnvironment.expand("tail$", with: values) == "tail$")
    }

    @Test func envFromThenEnvInOrderWithReferencesAndSources() throws {
        var container = Container(name: "c", image: "redis:7.2")
        container.envFrom = [.configMap("settings", prefix: "CFG_")]
        container.env = [
            EnvVar(name: "CFG_MODE", value: "override"),
            .secretKey("PASSWORD", secret: "creds", key: "password"),
            EnvVar(name: "URL", value: "redis://:$(PASSWORD)@$(POD_IP):6379"),
            .field("POD_IP", path: "status.podIP"),
            .field("POD_NAME", path: "metadata.name"),
            .secretKey("OPTIONAL", secret: "absent", key: "x", optional: true),
        ]
        let sources = ConfigSources(secrets: ["creds": ["password": "s3cret"]], configMaps: ["settings": ["MODE": "fast", "LEVEL": "2"]])
        let environment = try ContainerEnvironment.resolve(container, pod: pod(), podIP: "127.10.0.7", sources: sources)
        let names = environment.map(\.0)
        #expect(names == ["CFG_LEVEL", "CFG_MODE", "PASSWORD", "URL", "POD_IP", "POD_NAME"])
        let values = Dictionary(uniqueKeysWithValues: environment)
        #expect(values["CFG_MODE"] == "override")
        // POD_IP is defined after URL, so (as in Kubernetes) URL keeps the reference.
        #expect(values["URL"] == "redis://:s3cret@$(POD_IP):6379")
        #expect(values["POD_IP"] == "127.10.0.7")
        #expect(values["POD_NAME"] == "web-0")
    }

    @Test func missingSourcesAreConfigErrorsWithTheKubeletsWording() {
        var container = Container(name: "c", image: "redis")
        container.env = [.secretKey("P", secret: "creds", key: "password")]
        #expect(throws: ContainerConfigError("secret \"creds\" not found")) {
            try ContainerEnvironment.resolve(container, pod: pod(), podIP: "127.10.0.1", sources: ConfigSources())
        }
        #expect(throws: ContainerConfigError("couldn't find key password in Secret shop/creds")) {
            try ContainerEnvironment.resolve(container, pod: pod(), podIP: "127.10.0.1", sources: ConfigSources(secrets: ["creds": [:]]))
        }
        container.env = []
        container.envFrom = [.configMap("cfg")]
        #expect(throws: ContainerConfigError("configmap \"cfg\" not found")) {
            try ContainerEnvironment.resolve(container, pod: pod(), podIP: "127.10.0.1", sources: ConfigSources())
        }
    }
}

@Suite struct ImageCatalogTests {
    let catalog = ImageCatalog(fileWallBallBinary: "/opt/fwb/filewallball", searchPath: ["/usr/sbin", "/usr/bin", "/bin"], runsAsRoot: true)

    @Test func imageReferencesByRepositoryName() {
        #expect(LocalImage(reference: "mariadb:10.11") == .mariadb)
        #expect(LocalImage(reference: "docker.io/library/mariadb@sha256:abc") == .mariadb)
        #expect(LocalImage(reference: "registry.local:5000/cache/redis:7.2") == .redis)
        #expect(LocalImage(reference: "filewallball/filewallball:0.1.0") == .fileWallBall)
        #expect(LocalImage(reference: "nginx:1.27") == nil)
    }

    @Test func unknownImageIsErrImageNeverPull() {
        #expect(throws: ImageUnavailable.self) {
            try catalog.command(image: "nginx:1.27", command: nil, args: nil, environment: [], podIP: "127.10.0.2")
        }
        do {
            _ = try catalog.command(image: "nginx:1.27", command: nil, args: nil, environment: [], podIP: "127.10.0.2")
        } catch {
            #expect(error.reason == "ErrImageNeverPull")
            #expect(error.message.contains("nginx:1.27"))
        }
    }

    @Test func missingProgramSaysWhatToInstall() {
        let empty = ImageCatalog(fileWallBallBinary: "/x/filewallball", searchPath: ["/nonexistent"], runsAsRoot: false)
        do {
            _ = try empty.command(image: "redis:7.2", command: nil, args: nil, environment: [], podIP: "127.10.0.2")
            Issue.record("expected a failure")
        } catch {
            #expect(error.reason == "ErrImageNeverPull")
            #expect(error.message.contains("redis-server package"))
        }
    }

    @Test func entrypointRulesAndAddressPinning() throws {
        #expect(ImageCatalog.entrypoint(command: nil, args: nil, defaultCommand: ["mariadbd"], flagsGoTo: "mariadbd") == ["mariadbd"])
        #expect(ImageCatalog.entrypoint(command: nil, args: ["--port=1"], defaultCommand: ["mariadbd"], flagsGoTo: "mariadbd") == ["mariadbd", "--port=1"])
        #expect(ImageCatalog.entrypoint(command: ["redis-server", "/c"], args: ["--x"], defaultCommand: ["redis-server"], flagsGoTo: "redis-server") == ["redis-server", "/c", "--x"])
        #expect(ImageCatalog.pinWildcard("0.0.0.0:8080", to: "127.10.0.3") == "127.10.0.3:8080")
        #expect(ImageCatalog.pinWildcard("[::]:8081", to: "127.10.0.3") == "127.10.0.3:8081")
        #expect(ImageCatalog.pinWildcard("0.0.0.0:x", to: "127.10.0.3") == "0.0.0.0:x")
        #expect(ImageCatalog.pinWildcard("mariadb://h:3306/db", to: "127.10.0.3") == "mariadb://h:3306/db")

        let app = try catalog.command(image: "filewallball/filewallball:1", command: nil, args: ["serve"],
                                      environment: [("FWB_LISTEN", "0.0.0.0:8080"), ("FWB_BLOB_DIR", "/var/lib/b")], podIP: "127.10.0.9")
        #expect(app.arguments == ["/opt/fwb/filewallball", "serve"])
        #expect(app.environment.map(\.1) == ["127.10.0.9:8080", "/var/lib/b"])
    }

    @Test func serversListenOnThePodAddress() throws {
        guard catalog.locate("redis-server") != nil, catalog.locate("mariadbd") != nil else { return }
        let redis = try catalog.command(image: "redis:7.2", command: ["redis-server", "/etc/redis/redis.conf"], args: nil, environment: [], podIP: "127.10.0.4")
        #expect(redis.arguments.suffix(3) == ["/etc/redis/redis.conf", "--bind", "127.10.0.4"])
        #expect(redis.arguments[0].hasSuffix("/redis-server"))
        let mariadb = try catalog.command(image: "mariadb:10.11", command: nil, args: nil, environment: [], podIP: "127.10.0.5")
        #expect(mariadb.arguments.suffix(2) == ["--bind-address=127.10.0.5", "--user=root"])
    }
}

@Suite struct SandboxTests {
    @Test func layoutOfTheCommandLine() throws {
        let sandbox = Sandbox(bubblewrap: "/usr/bin/bwrap", mounts: [
            SandboxMount(source: "/d/pods/p/volumes/admin", target: "/etc/filewallball/admin", readOnly: true),
            SandboxMount(source: "/d/volumes/pv-1", target: "/var/lib/mysql", readOnly: false),
            SandboxMount(source: "/d/pods/p/volumes/tmp", target: "/tmp", readOnly: false),
        ], hostsFile: "/d/hosts/shop.hosts", hostDirectories: ["/opt/fwb"], workingDirectory: "/srv")
        let line = sandbox.commandLine(["/usr/bin/redis-server"], root: [.symlink("/bin", target: "usr/bin"), .path("/usr"), .path("/home")],
                                       etc: [.path("/etc/hosts"), .path("/etc/passwd"), .symlink("/etc/mtab", target: "../proc/self/mounts")])
        let text = line.joined(separator: " ")
        #expect(line.first == "/usr/bin/bwrap")
        #expect(Array(line.suffix(2)) == ["--", "/usr/bin/redis-server"])
        #expect(text.contains("--symlink usr/bin /bin"))
        #expect(text.contains("--ro-bind /usr /usr"))
        #expect(!text.contains("/home"), "only programs and libraries come from the host")
        #expect(text.contains("--ro-bind /etc/passwd /etc/passwd"))
        #expect(!text.contains("--ro-bind /etc/hosts /etc/hosts"), "the cluster's hosts file replaces the host's")
        #expect(text.contains("--ro-bind /d/hosts/shop.hosts /etc/hosts"))
        #expect(text.contains("--symlink ../proc/self/mounts /etc/mtab"))
        #expect(text.contains("--ro-bind /d/pods/p/volumes/admin /etc/filewallball/admin"))
        #expect(text.contains("--bind /d/volumes/pv-1 /var/lib/mysql"))
        #expect(text.contains("--chdir /srv"))
        // Private scratch first, volumes after it (so the /tmp volume covers the tmpfs).
        let tmpfs = try #require(text.range(of: "--tmpfs /tmp"))
        let volume = try #require(text.range(of: "--bind /d/pods/p/volumes/tmp /tmp"))
        #expect(tmpfs.lowerBound < volume.lowerBound)
    }
}

extension SandboxTests {
    @Test func aVolumeInsideAHostEtcDirectoryRebuildsThatDirectory() {
        let sandbox = Sandbox(mounts: [SandboxMount(source: "/d/cfg", target: "/etc/redis/conf", readOnly: true)], hostsFile: nil)
        let line = sandbox.commandLine(["/usr/bin/redis-server"], root: [], etc: [.path("/etc/redis"), .path("/etc/ssl")],
                                       listDirectory: { directory in directory == "/etc/redis" ? [.path("/etc/redis/redis.conf"), .path("/etc/redis/conf")] : [] })
        let text = line.joined(separator: " ")
        #expect(text.contains("--perms 0755 --dir /etc/redis --ro-bind /etc/redis/redis.conf /etc/redis/redis.conf"))
        #expect(!text.contains("--ro-bind /etc/redis /etc/redis"), "the read-only host directory would leave no room for the mount point")
        #expect(!text.contains("--ro-bind /etc/redis/conf"), "the target itself is left to its volume")
        #expect(text.contains("--ro-bind /etc/ssl /etc/ssl"))
        #expect(text.contains("--ro-bind /d/cfg /etc/redis/conf"))
    }
}

@Suite struct MariaDBEntrypointTests {
    @Test func initSQLFromTheImagesVariables() throws {
        let sql = try MariaDBEntrypoint.initSQL(environment: [
            "MARIADB_ROOT_PASSWORD": "r'oot", "MARIADB_DATABASE": "files`db", "MYSQL_USER": "app", "MARIADB_PASSWORD": "p\\w",
        ], healthcheckPassword: "hc")
        #expect(sql.contains("ALTER USER 'root'@'localhost' IDENTIFIED BY 'r''oot';"))
        #expect(sql.contains("GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"))
        #expect(sql.contains("CREATE DATABASE IF NOT EXISTS `files``db`;"))
        #expect(sql.contains("CREATE USER IF NOT EXISTS 'app'@'%' IDENTIFIED BY 'p\\\\w';"))
        #expect(sql.contains("GRANT ALL ON `files``db`.* TO 'app'@'%';"))
        #expect(sql.contains("'healthcheck'@'127.0.0.1' IDENTIFIED BY 'hc'"))
    }

    @Test func refusesAnUninitializedDatabaseWithoutRootPassword() {
        #expect(throws: ContainerConfigError.self) { try MariaDBEntrypoint.initSQL(environment: ["MARIADB_DATABASE": "x"], healthcheckPassword: "h") }
        #expect(throws: Never.self) { try MariaDBEntrypoint.initSQL(environment: ["MARIADB_ALLOW_EMPTY_ROOT_PASSWORD": "1"], healthcheckPassword: "h") }
    }
}

@Suite struct WorkloadMathTests {
    @Test func surgeAndUnavailableFromNumbersAndPercentages() {
        #expect(DeploymentReconciler.scaled(.int(1), of: 3, roundUp: true, default: "25%") == 1)
        #expect(DeploymentReconciler.scaled(nil, of: 3, roundUp: true, default: "25%") == 1)
        #expect(DeploymentReconciler.scaled(nil, of: 3, roundUp: false, default: "25%") == 0)
        #expect(DeploymentReconciler.scaled(.string("50%"), of: 5, roundUp: false, default: "25%") == 2)
    }

    @Test func templateHashIsStableAndSensitive() {
        var template = PodTemplateSpec(object: [:])
        template.spec.containers = [Container(name: "a", image: "redis:7.2")]
        let first = PodFactory.templateHash(template)
        #expect(first == PodFactory.templateHash(template))
        #expect(first.count == 10)
        template.spec.containers = [Container(name: "a", image: "redis:7.4")]
        #expect(first != PodFactory.templateHash(template))
    }
}
