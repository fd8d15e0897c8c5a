import ArgumentParser
import ControllerCLI

/// The `filewallball` command: one binary, one job per subcommand.
@main
struct FileWallBall: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filewallball",
        abstract: "FileWallBall: a Kubernetes operator for a file service, and the file service itself.",
        subcommands: [ServeCommand.self, ControllerCommand.self, BackupCommand.self, RestoreCommand.self, KubeSimCommand.self, CRDsCommand.self, DevCommand.self]
    )
}
