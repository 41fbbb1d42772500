import ArgumentParser

/// The `piazza` command: builds welfare portals and runs their intake daemon.
@main
struct Piazza: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "piazza",
        abstract: "Build territorial welfare portals and run the service behind their forms.",
        subcommands: [Build.self, Check.self, Serve.self, New.self, Daemon.self]
    )
}
