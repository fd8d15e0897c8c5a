import FileWallBallAPI
import Foundation
import Testing

/// Rules every generated schema keeps: structural, described, with valid defaults and patterns.
@Suite struct SchemaRulesTests {
    static let roots: [(String, Schema)] = [
        ("FileWallBallCluster", CRDRenderer.rootSchema(FileWallBallClusterKind.self)),
        ("BackupPolicy", CRDRenderer.rootSchema(BackupPolicyKind.self)),
        ("RestoreRequest", CRDRenderer.rootSchema(RestoreRequestKind.self)),
    ]

    /// Every node with its path.
    static func nodes(_ schema: Schema, _ path: String) -> [(String, Schema)] {
        var result = [(path, schema)]
        for property in schema.properties { result += nodes(property.schema, path + "." + property.name) }
        if let items = schema.items { result += nodes(items, path + "[]") }
        if let values = schema.additionalProperties { result += nodes(values, path + "{}") }
        return result
    }

    static var allNodes: [(String, Schema)] { roots.flatMap { nodes($0.1, $0.0) } }

    @Test func everyFieldHasADescriptionForKubectlExplain() {
        let undescribed = Self.allNodes.filter { $0.1.description.trimmingCharacters(in: .whitespaces).isEmpty }.map(\.0)
        #expect(undescribed == [])
    }

    @Test func everyNodeIsStructural() {
        // A structural schema gives every node a type, except int-or-string leaves.
        let untyped = Self.allNodes.filter { $0.1.type == nil && !$0.1.intOrString }.map(\.0)
        #expect(untyped == [])
        let requiredButUndeclared = Self.allNodes.flatMap { path, node in
            node.required.filter { node.property($0) == nil }.map { "\(path).\($0)" }
        }
        #expect(requiredButUndeclared == [])
    }

    @Test func everyPatternCompiles() {
        let broken = Self.allNodes.compactMap { path, node in
            node.pattern.flatMap { (try? NSRegularExpression(pattern: $0)) == nil ? path : nil }
        }
        #expect(broken == [])
    }

    @Test func everyDefaultSatisfiesItsOwnSchema() {
        var problems: [String] = []
        for (path, node) in Self.allNodes {
            guard let defaulted = SchemaChecker.defaulted(node, nil), node.defaultValue != nil else { continue }
            problems += SchemaChecker.problems(defaulted, node, path: path)
        }
        #expect(problems == [])
    }

    @Test func mapListKeysAreRequiredInTheirItems() {
        // The API server refuses a map list whose keys may be missing.
        var problems: [String] = []
        for (path, node) in Self.allNodes where node.listType == "map" {
            let keys = node.listMapKeys ?? []
            #expect(!keys.isEmpty, "\(path)")
            let required = node.items?.required ?? []
            problems += keys.filter { !required.contains($0) }.map { "\(path): \($0)" }
        }
        #expect(problems == [])
    }

    @Test func patternsAcceptAndRefuseWhatTheyShould() {
        let cases: [(String, String, Bool)] = [
            (SchemaPatterns.cron, "0 2 * * *", true), (SchemaPatterns.cron, "*/15 0-6 1,15 * MON-FRI", true),
            (SchemaPatterns.cron, "@daily", true), (SchemaPatterns.cron, "every night", false), (SchemaPatterns.cron, "0 2 * *", false),
            (SchemaPatterns.quantity, "10Gi", true), (SchemaPatterns.quantity, "500m", true), (SchemaPatterns.quantity, "1.5G", true),
            (SchemaPatterns.quantity, "10 GB", false), (SchemaPatterns.quantity, "lots", false),
            (SchemaPatterns.redisMemory, "256mb", true), (SchemaPatterns.redisMemory, "1gb", true), (SchemaPatterns.redisMemory, "1048576", true),
            (SchemaPatterns.redisMemory, "256 mb", false), (SchemaPatterns.redisMemory, "-1", false),
            (SchemaPatterns.dnsLabel, "files", true), (SchemaPatterns.dnsLabel, "Files", false), (SchemaPatterns.dnsLabel, "-files", false),
            (SchemaPatterns.databaseName, "filewallball_db", true), (SchemaPatterns.databaseName, "drop table;", false),
            (SchemaPatterns.timeZone, "Europe/Paris", true), (SchemaPatterns.timeZone, "America/Argentina/Buenos_Aires", true),
            (SchemaPatterns.timeZone, "Etc/GMT+5", true), (SchemaPatterns.timeZone, "../etc/passwd", false),
            (SchemaPatterns.backupName, "latest", true), (SchemaPatterns.backupName, "filewallball_backup_20261202_020000.sql.gz", true),
            (SchemaPatterns.backupName, "../x", false),
        ]
        let wrong = cases.filter { SchemaChecker.matches($0.1, $0.0) != $0.2 }.map { "\($0.1) against \($0.0)" }
        #expect(wrong == [])
    }

    @Test func theIssueDefaultsAreTheSchemaDefaults() throws {
        let spec = try #require(SchemaChecker.defaulted(FileWallBallClusterSpec.schema, nil))
        let expected: JSONAny = .object([
            "database": .object(["image": .string("mariadb:10.11"), "databaseName": .string("filewallball_db"),
                                 "storage": .object(["size": .string("10Gi")])]),
            "cache": .object(["image": .string("redis:7.2"), "maxMemory": .string("256mb"), "evictionPolicy": .string("allkeys-lru"),
                              "ttl": .object(["fileMetadataSeconds": .int(3600), "sessionSeconds": .int(86400), "temporaryDataSeconds": .int(600)])]),
            "app": .object(["image": .string(FileWallBallAPIGroup.defaultImage), "replicas": .int(2), "maxUploadSize": .string("10Gi"),
                            "environment": .string("kubernetes"),
                            "blobStorage": .object(["size": .string("20Gi"), "accessMode": .string("ReadWriteOnce")])]),
            "deletionPolicy": .string("Retain"),
        ])
        #expect(spec == expected)
        let policy = try #require(SchemaChecker.defaulted(BackupPolicySpec.schema, .object(["clusterRef": .object(["name": .string("f")])])))
        guard case .object(let members) = policy else { Issue.record("policy spec is not an object"); return }
        #expect(members["schedule"] == .string("0 2 * * *"))
        #expect(members["retention"] == .object(["days": .int(7), "minCount": .int(3)]))
        #expect(members["compression"] == .string("gzip"))
        #expect(members["verification"] == .string("restore-test"))
        #expect(members["includeFiles"] == .bool(true))
        #expect(members["suspend"] == .bool(false))
    }
}
