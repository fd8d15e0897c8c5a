// swift-tools-version:6.2
// FileWallBall: a Kubernetes operator for a file service, and the file service itself.
// Module layering (leaves first) is described in docs/architecture.md.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

// Products several targets depend on.
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
let metrics: Target.Dependency = .product(name: "Metrics", package: "swift-metrics")
let metricsTestKit: Target.Dependency = .product(name: "MetricsTestKit", package: "swift-metrics")
let nioCore: Target.Dependency = .product(name: "NIOCore", package: "swift-nio")
let nioPosix: Target.Dependency = .product(name: "NIOPosix", package: "swift-nio")
let serviceLifecycle: Target.Dependency = .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let prometheus: Target.Dependency = .product(name: "Prometheus", package: "swift-prometheus")
let hummingbird: Target.Dependency = .product(name: "Hummingbird", package: "hummingbird")
let hummingbirdCore: Target.Dependency = .product(name: "HummingbirdCore", package: "hummingbird")
let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "filewallball",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "filewallball", targets: ["filewallball"]),
        // The operator alone (same command as `filewallball controller`): what the controller Deployment runs.
        .executable(name: "filewallball-controller", targets: ["filewallball-controller"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
    ],
    targets: [
        // MARK: Storage wrappers (C libraries behind thin system-library targets)
        .systemLibrary(name: "CMariaDB", pkgConfig: "libmariadb", providers: [.apt(["libmariadb-dev"])]),
        .systemLibrary(name: "CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "CArgon2", pkgConfig: "libargon2", providers: [.apt(["libargon2-dev"])]),
        .target(
            name: "MariaDB",
            dependencies: [
                "CMariaDB",
                logging,
                metrics,
            ],
            swiftSettings: strict
        ),
        // libargon2 behind a small async API; the only importer of CArgon2.
        .target(
            name: "PasswordHashing",
            dependencies: ["CArgon2", nioPosix],
            swiftSettings: strict
        ),
        // The C library's GNU extensions (sync_file_range, preadv2, mallopt, malloc_trim), looked up once.
        .target(name: "SystemExtras", swiftSettings: strict),
        .target(
            name: "Redis",
            dependencies: [
                "CHiredis",
                logging,
                metrics,
                nioCore,
                nioPosix,
            ],
            swiftSettings: strict
        ),
        // MARK: Kubernetes client and controller runtime
        // The one JSON core (value, object, parser, writer) that KubeClient and KubeSim both build on.
        // Linux: the stdlib's Double rounding calls libm, which no other dependency of this leaf links.
        .target(name: "KubeJSON", swiftSettings: strict, linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "KubeClient",
            dependencies: [
                "KubeJSON",
                "CCurl",
                .product(name: "Yams", package: "Yams"),
                logging,
                metrics,
            ],
            swiftSettings: strict
        ),
        .target(
            name: "KubeRuntime",
            dependencies: [
                "KubeClient",
                logging,
                metrics,
            ],
            swiftSettings: strict
        ),
        .target(
            name: "KubeConformance",
            dependencies: ["KubeClient", "KubeRuntime"],
            swiftSettings: strict
        ),
        // MARK: Custom resources (the single source of crds/)
        .target(
            name: "FileWallBallAPI",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // MARK: Operator (desired objects and the reconcilers)
        .target(
            name: "Operator",
            dependencies: ["FileWallBallAPI", "KubeClient", "KubeRuntime"],
            swiftSettings: strict
        ),
        // MARK: Local workload runtime (`filewallball dev`): a kubelet, workload controllers and kube-proxy
        // stand-in that work only through the Kubernetes API and run known images as local processes.
        .target(
            name: "DevRuntime",
            dependencies: ["KubeClient", "KubeRuntime", "SystemExtras", logging, metrics, nioCore, nioPosix],
            swiftSettings: strict
        ),
        // MARK: Data plane
        .target(
            name: "DataPlane",
            dependencies: [
                "MariaDB", "Redis", "PasswordHashing", "SystemExtras",
                hummingbird,
                hummingbirdCore,
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                logging,
                metrics,
                prometheus,
                serviceLifecycle,
                crypto,
                nioCore,
                nioPosix,
                .product(name: "_NIOFileSystem", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // MARK: Kubernetes API emulator (dev and tests)
        .target(
            name: "KubeSim",
            dependencies: [
                "KubeJSON",
                hummingbird,
                hummingbirdCore,
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                logging,
                metrics,
                .product(name: "Yams", package: "Yams"),
                nioCore,
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                serviceLifecycle,
            ],
            swiftSettings: strict
        ),
        // MARK: Backup and restore engine
        .target(
            name: "Backup",
            dependencies: [
                "MariaDB",
                crypto,
                logging,
                metrics,
            ],
            swiftSettings: strict
        ),
        // MARK: CLI (wiring only)
        // The one per-process set-up both executables use: `--log-level`/`--log-format`, the stderr log handler,
        // the idempotent logging/metrics bootstrap, signal handling.
        .target(
            name: "ProcessSupport",
            dependencies: [
                argumentParser,
                logging,
                metrics,
                prometheus,
            ],
            swiftSettings: strict
        ),
        // `controller` subcommand, shared by both executables (one source of truth for the flags).
        .target(
            name: "ControllerCLI",
            dependencies: [
                "KubeClient", "KubeRuntime", "Operator", "ProcessSupport",
                argumentParser,
                logging,
                metrics,
                prometheus,
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "filewallball-controller",
            dependencies: [
                "ControllerCLI",
                argumentParser,
            ],
            swiftSettings: strict,
            // Release on Linux: lld packs the position-independent binary's ~80,000 relative relocations
            // into DT_RELR (glibc >= 2.36) instead of 1.9 MB of .rela.dyn that gold leaves for the loader
            // to read at every start: about 2 MB less resident memory (docs/kube-client.md).
            linkerSettings: [
                .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"],
                             .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        .executableTarget(
            name: "filewallball",
            dependencies: [
                "DataPlane", "Backup", "MariaDB", "KubeClient", "KubeRuntime", "KubeSim", "ControllerCLI", "ProcessSupport", "DevRuntime",
                "SystemExtras", "FileWallBallAPI",
                argumentParser,
                .product(name: "Yams", package: "Yams"),
                logging,
                metrics,
                prometheus,
            ],
            swiftSettings: strict
        ),
        // MARK: Benchmarks (bench/)
        .executableTarget(
            name: "kubeclient-bench",
            dependencies: ["KubeClient", "KubeRuntime", "KubeConformance"],
            path: "bench/Sources/kubeclient-bench",
            swiftSettings: strict
        ),
        // MARK: Test support (never imported by production code)
        .target(name: "TestSupport", swiftSettings: strict),
        .testTarget(
            name: "MariaDBTests",
            dependencies: ["MariaDB", "TestSupport", logging],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PasswordHashingTests",
            dependencies: ["PasswordHashing"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SystemExtrasTests",
            dependencies: ["SystemExtras"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RedisTests",
            dependencies: ["Redis", "TestSupport", logging, nioPosix],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KubeJSONTests",
            dependencies: ["KubeJSON"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KubeClientTests",
            dependencies: ["KubeClient", "TestSupport", metricsTestKit],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KubeRuntimeTests",
            dependencies: ["KubeRuntime", "KubeClient", "TestSupport", metricsTestKit],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KubeSimTests",
            dependencies: ["KubeSim", "TestSupport", logging],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KubeIntegrationTests",
            dependencies: [
                "KubeConformance", "KubeSim", "KubeClient", "KubeRuntime", "TestSupport",
                logging,
                metricsTestKit,
                // An in-process TLS server offering h2 (or only http/1.1) for the transport's HTTP/2 test.
                hummingbird,
                hummingbirdCore,
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                nioCore,
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                serviceLifecycle,
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BackupTests",
            dependencies: ["Backup", "TestSupport", crypto],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FileWallBallAPITests",
            dependencies: ["FileWallBallAPI", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DevRuntimeTests",
            dependencies: ["DevRuntime", "KubeClient", "KubeRuntime", "KubeSim", "TestSupport", logging, nioCore, nioPosix],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OperatorTests",
            dependencies: ["Operator", "FileWallBallAPI", "KubeClient", "KubeRuntime", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ProcessSupportTests",
            dependencies: ["ProcessSupport", argumentParser, logging],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DataPlaneTests",
            dependencies: ["DataPlane", "MariaDB", "Redis", "PasswordHashing", "TestSupport"],
            swiftSettings: strict
        ),
    ]
)
