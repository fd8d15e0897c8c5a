import FileWallBallAPI
import Foundation
import Testing

/// The schemas written next to the Swift types say exactly what the types read and write.
@Suite struct SchemaCoverageTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let schema: Schema
        let encoded: @Sendable () throws -> JSONAny
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "FileWallBallCluster.spec", schema: FileWallBallClusterSpec.schema) { try JSONAny.encoding(Examples.clusterSpec) },
        Case(name: "FileWallBallCluster.status", schema: FileWallBallClusterStatus.schema) { try JSONAny.encoding(Examples.clusterStatus) },
        Case(name: "BackupPolicy.spec", schema: BackupPolicySpec.schema) { try JSONAny.encoding(Examples.policySpec) },
        Case(name: "BackupPolicy.status", schema: BackupPolicyStatus.schema) { try JSONAny.encoding(Examples.policyStatus) },
        Case(name: "RestoreRequest.spec", schema: RestoreRequestSpec.schema) { try JSONAny.encoding(Examples.restoreSpec) },
        Case(name: "RestoreRequest.status", schema: RestoreRequestStatus.schema) { try JSONAny.encoding(Examples.restoreStatus) },
    ]

    @Test(arguments: cases)
    func everyKeyTheTypeWritesIsInTheSchemaAndValid(_ testCase: Case) throws {
        let problems = SchemaChecker.problems(try testCase.encoded(), testCase.schema)
        #expect(problems == [], "\(testCase.name)")
    }

    @Test(arguments: cases)
    func everySchemaFieldIsWrittenByTheType(_ testCase: Case) throws {
        let written = try testCase.encoded().paths()
        let declared = Self.paths(testCase.schema)
        #expect(declared.subtracting(written).sorted() == [], "schema fields the Swift type never writes in \(testCase.name)")
    }

    @Test func everyTypeDecodesWhatItEncodes() throws {
        // Decoding is what the controller does with every object it reads.
        try expectRoundTrip(Examples.clusterSpec)
        try expectRoundTrip(Examples.clusterStatus)
        try expectRoundTrip(Examples.policySpec)
        try expectRoundTrip(Examples.policyStatus)
        try expectRoundTrip(Examples.restoreSpec)
        try expectRoundTrip(Examples.restoreStatus)
    }

    @Test(arguments: cases)
    func theDefaultsOfAnEmptyObjectAreValid(_ testCase: Case) throws {
        // What the API server stores for `{}` (plus required fields) must pass the schema itself.
        var seed: [String: JSONAny] = [:]
        if testCase.schema.required.contains("clusterRef") { seed["clusterRef"] = .object(["name": .string("files")]) }
        let defaulted = try #require(SchemaChecker.defaulted(testCase.schema, .object(seed)))
        #expect(SchemaChecker.problems(defaulted, testCase.schema) == [])
    }

    /// Key paths of every property a schema declares (map values and int-or-string leaves excluded).
    static func paths(_ schema: Schema, _ prefix: String = "") -> Set<String> {
        var result = Set<String>()
        for property in schema.properties {
            let path = prefix + "." + property.name
            result.insert(path)
            result.formUnion(paths(property.schema, path))
        }
        if let items = schema.items { result.formUnion(paths(items, prefix + "[]")) }
        return result
    }

    private func expectRoundTrip<T: Codable & Equatable>(_ value: T) throws {
        let decoded = try JSONDecoder().decode(T.self, from: try JSONEncoder().encode(value))
        #expect(decoded == value)
    }
}
