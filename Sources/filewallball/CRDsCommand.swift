import ArgumentParser
import FileWallBallAPI
import Foundation

/// `filewallball crds`: prints the CustomResourceDefinitions generated from the Swift types.
struct CRDsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crds",
        abstract: "Print the CustomResourceDefinitions of FileWallBallCluster, BackupPolicy and RestoreRequest.",
        discussion: "Without --output-dir, prints one YAML stream (kubectl apply -f - takes it). With it, writes one file per "
            + "CRD and removes no other file: crds/ in the repository is exactly `filewallball crds --output-dir crds`.")

    @Option(name: .customLong("output-dir"), help: "Write one file per CRD into this folder instead of printing.")
    var outputDirectory: String?

    func run() throws {
        do {
            guard let outputDirectory else {
                FileHandle.standardOutput.write(Data(try CRDRenderer.stream().utf8))
                return
            }
            let folder = URL(fileURLWithPath: outputDirectory, isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for document in try CRDRenderer.documents() {
                try Data(document.yaml.utf8).write(to: folder.appendingPathComponent(document.fileName), options: .atomic)
            }
        } catch {
            throw CLIFailure.exit("filewallball crds: \(error)", code: 1)
        }
    }
}
