import ArgumentParser
import Foundation

/// How many replications run at once, for every command that simulates.
struct JobsOption: ParsableArguments {
    @Option(name: [.short, .long], help: "Replications to run at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }
}

/// Output for people (a table) or for programs (JSON).
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
