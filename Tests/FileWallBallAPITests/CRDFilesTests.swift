import FileWallBallAPI
import Foundation
import Testing
import Yams

/// `crds/` and its copy `k8s/crds/` (kustomize reads only files under its own folder) hold exactly what
/// `filewallball crds` renders from the Swift types.
@Suite struct CRDFilesTests {
    /// The repository (this file is Tests/FileWallBallAPITests/CRDFilesTests.swift).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: ["crds", "k8s/crds"])
    func folderMatchesTheSwiftTypes(folder: String) throws {
        let directory = Self.repository.appendingPathComponent(folder)
        let documents = try CRDRenderer.documents()
        for document in documents {
            let onDisk = try String(contentsOf: directory.appendingPathComponent(document.fileName), encoding: .utf8)
            #expect(onDisk == document.yaml,
                    "\(folder)/\(document.fileName) drifted from the Swift types: run hack/update-crds.sh")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == documents.map(\.fileName).sorted(), "\(folder)/ holds exactly the generated files")
    }

    @Test func theStreamIsTheDocumentsInOrder() throws {
        let stream = try CRDRenderer.stream()
        let parsed = try Yams.load_all(yaml: stream).map { $0 as? [String: Any] }
        #expect(parsed.count == 3)
        let names = parsed.compactMap { ($0?["metadata"] as? [String: Any])?["name"] as? String }
        #expect(names == ["filewallballclusters.filewallball.io", "backuppolicies.filewallball.io", "restorerequests.filewallball.io"])
    }

    @Test func stringsThatLookLikeOtherTypesAreQuoted() throws {
        // "True" (a condition status) and the cron default must reach readers as strings.
        let yaml = try CRDRenderer.document(FileWallBallClusterKind.self).yaml
        let loaded = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        let spec = try #require(loaded["spec"] as? [String: Any])
        let versions = try #require(spec["versions"] as? [[String: Any]])
        let schema = try #require((versions.first?["schema"] as? [String: Any])?["openAPIV3Schema"] as? [String: Any])
        let status = try #require((schema["properties"] as? [String: Any])?["status"] as? [String: Any])
        let conditions = try #require((status["properties"] as? [String: Any])?["conditions"] as? [String: Any])
        let item = try #require(conditions["items"] as? [String: Any])
        let statusEnum = try #require(((item["properties"] as? [String: Any])?["status"] as? [String: Any])?["enum"] as? [Any])
        #expect(statusEnum.compactMap { $0 as? String } == ["True", "False", "Unknown"])
        #expect(yaml.contains("'True'"))
    }
}
