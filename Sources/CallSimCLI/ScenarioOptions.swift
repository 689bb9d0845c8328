import ArgumentParser
import Foundation
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
        "Decision zone of every target as a share of its threshold (for a share of calls, of the room the threshold leaves): replications double while a target is undecided (0: a fixed number; default 0.05 or the scenario's).",
        valueName: "share"))
    var precision: Double?

    @Option(help: "The most replications the precision rule may run (default 2000 or the scenario's).")
    var maxReplications: Int?

    @Option(help: ArgumentHelp("Measured period of one replication, e.g. 28d or 1w (overrides the scenario's).",
                               valueName: "duration"), transform: DurationArgument.parse)
    var horizon: DurationArgument?

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
        if let replications, let maxReplications, replications > maxReplications {
            throw ValidationError(
                "--replications (\(replications)) is the first batch and --max-replications (\(maxReplications)) caps the batches: "
                    + "the first cannot be larger; raise --max-replications or lower --replications")
        }
        if let horizon, horizon.seconds < DurationText.shortestPositive {
            throw ValidationError("--horizon must be longer than 0, at least 1 ms")
        }
    }

    /// The scenario read from its file, with the command line's overrides applied;
    /// `requireStable: false` accepts consoles too few for the load (`size`).
    func load(requireStable: Bool = true) throws -> Scenario {
        var scenario = try ScenarioReader.read(path: self.scenario, requireStable: requireStable)
        if let text = try? String(contentsOfFile: self.scenario, encoding: .utf8) {
            for warning in ScenarioReader.warnings(for: scenario, text: text, file: self.scenario) {
                FileHandle.standardError.write(Data((warning.description + "\n").utf8))
            }
        }
        scenario = scenario.withRunSettings(
            replications: replications, precision: precision, maxReplications: maxReplications, seed: seed, horizon: horizon?.seconds)
        try Self.checkWorkload(scenario)
        return scenario
    }

    /// Refuses a scenario, as the command line changed it, whose expected calls exceed callsim's
    /// limits (the file's own figures were checked when it was read).
    static func checkWorkload(_ scenario: Scenario) throws {
        let work = scenario.expectedWork
        guard !work.tooMuch else {
            throw InputError(description: String(
                format: "with these options one replication would simulate about %.3g calls and the first batch %.3g; "
                    + "callsim simulates at most %.3g a replication and %.3g a run: a shorter --horizon or fewer --replications",
                work.perReplication, work.firstBatch, Scenario.maxCallsPerReplication, Scenario.maxCallsPerRun))
        }
    }

    /// Refuses to size (`size`, `roster`) a scenario whose candidate runs are expected to simulate
    /// more than `Scenario.maxSizingCalls` calls in their first batches, at the surge most to blame.
    func checkSizingWork(_ scenario: Scenario) throws {
        let (candidates, calls, steepest) = scenario.expectedSizingWork
        guard calls > Scenario.maxSizingCalls else { return }
        let shown = { (calls: Double) in String(format: "%.3g", calls) }
        let why = steepest.map {
            "surge \($0 + 1) multiplies the rate by \(String(format: "%g", scenario.surges[$0].factor)), which sizing's Erlang A start "
                + "does not see: about \(Int(candidates.rounded())) candidates, a console more each"
        }
        let message = "sizing would simulate about \(shown(calls)) calls in the first batches of its candidate runs of "
            + "\(scenario.replications) replications (\(why ?? "about \(Int(candidates.rounded())) candidates")); callsim sizes "
            + "with at most \(shown(Scenario.maxSizingCalls)): size a shorter or smaller surge, a shorter horizon or fewer "
            + "replications, or set the consoles the surge needs yourself and judge them with `callsim check`"
        let steps: [ScenarioReader.FieldStep] = steepest.map { [.key("surges"), .index($0), .key("factor")] } ?? [.key("horizon")]
        throw ScenarioReader.error(at: steps, of: self.scenario, message)
    }

    /// `result`, unless a replication stopped with too many callers at once: then an error at the
    /// centre whose queue grew, and nothing is reported. Its peak warnings (whole-day targets
    /// missed in some hours) go to stderr.
    func checked(_ result: RunResult) throws -> RunResult {
        guard let overload = result.overload else {
            for warning in result.peakWarnings { FileHandle.standardError.write(Data((warning.message + "\n").utf8)) }
            return result
        }
        let centre = result.scenario.centres[overload.centre]
        throw ScenarioReader.error(
            atCentre: overload.centre, of: scenario,
            String(format: "more than %d callers were waiting at once in replication %d by day %.1f, most of them at %@: "
                + "its calls outran its consoles (surges, absences or a shift plan with too few consoles, and callers who wait "
                + "without end). Add consoles, a patience or a queue_capacity",
                Scenario.maxCallersAtOnce, overload.replication + 1, overload.time / 86_400, centre.code))
    }
}


