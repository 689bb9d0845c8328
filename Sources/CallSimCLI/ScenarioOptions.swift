import ArgumentParser
import CallModel
import ScenarioFile

/// The scenario argument and the settings a command line may override.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(name: [.short, .long], help: "Replications to run (overrides the scenario's).")
    var replications: Int?

    @Option(help: "Seed of the random streams (overrides the scenario's).")
    var seed: UInt64?

    @Option(help: ArgumentHelp(
        "Decision zone of every target as a share of its threshold: replications double while a target is undecided (0: a fixed number; default 0.05 or the scenario's).",
        valueName: "share"))
    var precision: Double?

    @Option(help: "The most replications the precision rule may run (default 2000 or the scenario's).")
    var maxReplications: Int?

    @Option(help: ArgumentHelp("Measured period of one replication, e.g. 28d or 1w (overrides the scenario's).",
                               valueName: "duration"))
    var horizon: String?

    func validate() throws {
        if let replications, !(1...Scenario.maxReplications).contains(replications) {
            throw ValidationError("--replications must be from 1 to \(Scenario.maxReplications)")
        }
        if let precision, !(0...1).contains(precision) {
            throw ValidationError("--precision must be a share from 0 to 1 (0: a fixed number of replications)")
        }
        if let maxReplications, !(1...Scenario.maxReplications).contains(maxReplications) {
            throw ValidationError("--max-replications must be from 1 to \(Scenario.maxReplications)")
        }
        if let horizon, (DurationText.seconds(horizon) ?? 0) <= 0 {
            throw ValidationError("--horizon must be \(DurationText.allowed), longer than 0 (got \"\(horizon)\")")
        }
    }

    /// The scenario read from its file, with the command line's overrides applied;
    /// `requireStable: false` accepts consoles too few for the load (`size`).
    func load(requireStable: Bool = true) throws -> Scenario {
        var scenario = try ScenarioReader.read(path: self.scenario, requireStable: requireStable)
        if let replications { scenario.replications = replications }
        if let precision { scenario.precision = precision }
        if let maxReplications { scenario.maxReplications = maxReplications }
        scenario.maxReplications = max(scenario.maxReplications, scenario.replications)
        if let seed { scenario.seed = seed }
        if let horizon, let seconds = DurationText.seconds(horizon) { scenario.horizon = seconds }
        return scenario
    }
}


