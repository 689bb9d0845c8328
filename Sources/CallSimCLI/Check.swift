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
                Every target of the scenario is judged for the total and for every centre (national_targets \
                for the total only) on its 95 % interval: met, borderline-met (passes), borderline-missed, \
                undecided or missed (fail), or not estimated (listed). hourly_targets are judged the same way in \
                every clock hour (rows with "hour"); without them, whole-day targets missed in some hours are \
                named in a warning on stderr (and under "warnings" in JSON) that does not fail the check. \
                Replications double while a target is \
                undecided (--precision, --max-replications). With --baseline, an earlier report.json of the same \
                scenario, each target's KPI and the total's abandonment rate, service level, ASA and mean wait \
                must not be worse, nor utilisation move, by more than --tolerance (relative) with significance at \
                a 5 % family-wise level (Holm; paired by replication when both runs used the same seed). \
                --junit writes JUnit XML; --format markdown and github speak to CI (docs/ci.md).
                """)

        @OptionGroup var options: ScenarioOptions

        @Option(help: ArgumentHelp("An earlier report.json of the same scenario to compare with.", valueName: "file"))
        var baseline: String?

        @Option(help: "How much worse than the baseline a KPI may be, as a fraction (0.01 = 1 %).")
        var tolerance: Double = 0.01

        @Option(help: ArgumentHelp("Also write the results as JUnit XML to this file.", valueName: "file"))
        var junit: String?

        /// What `check` prints.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, markdown, github
        }

        @Option(help: ArgumentHelp(
            "Output: text; json; markdown (a summary table for CI step summaries); github (::error annotations for each failure).",
            valueName: "format"))
        var format: Format = .text

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
            let text: String
            switch format {
            case .text: text = CheckReport.text(rows)
            case .json: text = CheckReport.json(rows, warnings: result.peakWarnings).text()
            case .markdown: text = CheckReport.markdown(rows, scenario: scenario.name)
            case .github: text = CheckReport.github(rows, scenario: scenario.name)
            }
            // The verdict first: a JUnit file that cannot be written must not lose it.
            FileHandle.standardOutput.write(Data(text.utf8))
            if let junit { try OutputFile.write(CheckReport.junit(rows, scenario: scenario.name), to: junit, flag: "--junit") }
            if rows.contains(where: { !$0.passed }) { throw ExitCode(1) }
        }
    }
}
