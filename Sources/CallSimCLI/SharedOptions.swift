import ArgumentParser
import Foundation

/// How many replications run at once, for every command that simulates.
struct JobsOption: ParsableArguments {
    @Option(name: [.customShort("j"), .customLong("jobs")], help: ArgumentHelp(
        "Replications to run at once (default: the number of cores); results are the same whatever it is.", valueName: "jobs"))
    var requested: Int?

    /// The replications run at once: as asked, else one per core.
    var jobs: Int { requested ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }
}

/// Output for people (a table) or for programs (JSON).
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
