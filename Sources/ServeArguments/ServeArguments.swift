import ArgumentParser
import Foundation

/// The arguments of `callsim serve`, shared by the `callsim` command (for its help and checks) and
/// the `callsim-serve` executable that serves: the server lives in a binary of its own so that
/// every other command starts without loading the HTTP stack's libraries.
public struct ServeArguments: ParsableArguments {
    @Argument(help: "The scenario file (YAML).")
    public var scenario: String

    @Option(help: "The port to listen on (0: any free port).")
    public var port: Int = 8119

    @Option(help: "The address to listen on: 127.0.0.1 (this machine only), 0.0.0.0 (every network), or another.")
    public var host = "127.0.0.1"

    @Option(name: [.customShort("j"), .customLong("jobs")], help: ArgumentHelp(
        "Replications to run at once (default: the number of cores); results are the same whatever it is.", valueName: "jobs"))
    public var requestedJobs: Int?

    public init() {}

    /// The replications run at once: as asked, else one per core.
    public var jobs: Int { requestedJobs ?? ProcessInfo.processInfo.activeProcessorCount }

    public func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    /// The command's abstract and discussion, the same in both executables' help.
    public static let abstract = "Serve a what-if page: change consoles, the night pool, load or patience and see the answer at once."
    public static let discussion = """
        Open the address it prints in a browser. The page shows Erlang A's estimate at once and the \
        simulation (the scenario's seed, unless changed) when it lands; the address keeps the changes. \
        POST /api/run answers the result document of `callsim run` for the changed scenario \
        (docs/what-if.md). It listens on 127.0.0.1 only unless --host says otherwise; Ctrl-C stops it.
        """
}
