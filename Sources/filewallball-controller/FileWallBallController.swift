import ArgumentParser
import ControllerCLI

/// `filewallball-controller`: the operator alone, for the controller Deployment's image.
///
/// The same `ControllerCommand` as `filewallball controller`, linked without the data plane, backup and
/// KubeSim so an idle process stays small. `filewallball-controller controller FLAGS` and
/// `filewallball-controller FLAGS` both accept exactly the flags of `filewallball controller FLAGS`.
@main
struct FileWallBallController: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filewallball-controller",
        abstract: "The FileWallBall operator (the `controller` subcommand of filewallball, as a slim binary).",
        subcommands: [ControllerCommand.self],
        defaultSubcommand: ControllerCommand.self
    )
}
