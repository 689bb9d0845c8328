import ArgumentParser
import CallModel
import Foundation
import Reports

extension CallSim {
    /// `callsim check`: run a scenario and judge its targets, and regressions against a baseline.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a scenario and check its targets (and a baseline); exit 0 when all pass, 1 when any fails.",
            discussion: """
                Every target of the scenario is checked for the total and for every centre (national_targets \
                for the total only): the estimate, the mean over replications, must be on the right side of its \
                threshold. With --baseline, an earlier report.json of the same scenario, each target's KPI and \
                the total's abandonment rate, service level, ASA, mean wait and utilisation must not be worse \
                by more than --tolerance (relative) with significance at a 5 % family-wise level (Holm; paired \
                by replication when both runs used the same seed). --junit writes JUnit XML for CI dashboards.
                """)

        @OptionGroup var options: ScenarioOptions

        @Option(help: ArgumentHelp("An earlier report.json of the same scenario to compare with.", valueName: "file"))
        var baseline: String?

        @Option(help: "How much worse than the baseline a KPI may be, as a fraction (0.01 = 1 %).")
        var tolerance: Double = 0.01

        @Option(help: ArgumentHelp("Also write the results as JUnit XML to this file.", valueName: "file"))
        var junit: String?

        @Option(help: "Output: text or json.")
        var format: TextOrJSON = .text

        @OptionGroup var parallel: JobsOption

        func validate() throws {
            guard tolerance >= 0, tolerance.isFinite else { throw ValidationError("--tolerance must be a fraction ≥ 0") }
        }

        func run() async throws {
            let scenario = try options.load()
            let reference = try baseline.map { try Baseline(path: $0, scenario: scenario.name) }
            let progress = Progress(scenario)
            let result = try options.checked(await Simulator.run(scenario, jobs: parallel.jobs, progress: progress.report))
            progress.finish()
            let rows = try CheckReport.rows(result, baseline: reference, tolerance: tolerance)
            if let junit {
                do {
                    try Data(CheckReport.junit(rows, scenario: scenario.name).utf8)
                        .write(to: URL(fileURLWithPath: junit), options: .atomic)
                } catch {
                    throw InputError(description: "cannot write \(junit): \(error.localizedDescription)")
                }
            }
            let text = format == .json ? CheckReport.json(rows).text() : CheckReport.text(rows)
            FileHandle.standardOutput.write(Data(text.utf8))
            if rows.contains(where: { !$0.passed }) { throw ExitCode(1) }
        }
    }
}
