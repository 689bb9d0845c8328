import ArgumentParser
import CallModel
import Foundation
import Reports
import Rosters
import ScenarioFile
import Sizing

extension CallSim {
    /// `callsim roster`: from consoles by hour to the cheapest shifts, checked by simulation.
    struct Roster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn consoles by hour into the cheapest shifts (the scenario's shifts:), checked by simulation.",
            discussion: """
                Sizes the scenario by hour (as `callsim size --by-hour`), or reads such an answer with --from, then finds \
                for every centre the cheapest set of the scenario's shift templates whose coverage is at least the \
                consoles needed in every hour, the day taken as a cycle (a shift from 23:00 covers 23-07): an exact \
                integer program solved by GLPK. In pooled hours the pool's consoles are covered, seated where the answer \
                seated them as far as the least cost allows. The roster's coverage is then simulated (every target and \
                hourly target, the scenario's seed and precision rule); where a target fails, the cheapest shift \
                covering the hour it asks for is added, until the plan holds. Prints each centre's shifts, cost, \
                console-hours and FTE (paid hours a week ÷ hours_per_week ÷ (1 − shrinkage)). --write saves the \
                scenario with the rostered consoles by hour and the shifts as a comment; --output writes roster.html, \
                roster.json and roster.txt. Exit status 1 when the rostered plan still fails a target.
                """)

        @OptionGroup var options: ScenarioOptions

        @Option(help: ArgumentHelp("Roster this `callsim size --by-hour --format json` answer instead of sizing anew.", valueName: "file"))
        var from: String?

        @Option(help: ArgumentHelp("Write the scenario with the rostered consoles to this file.", valueName: "file"))
        var write: String?

        @Option(help: ArgumentHelp("Also write roster.html, roster.json and roster.txt into this folder.", valueName: "dir"))
        var output: String?

        @Option(help: "Output: text or json.")
        var format: TextOrJSON = .text

        @OptionGroup var parallel: JobsOption

        func validate() throws {
            if let output, output.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--output must name a folder (got an empty name)")
            }
        }

        func run() async throws {
            let scenario = try options.load(requireStable: false)  // today's consoles may be too few
            guard let rules = scenario.shiftRules else {
                throw InputError(description: "\(options.scenario): the scenario has no `shifts:` to roster with; add "
                    + "shifts: {templates: [{name: early, start: \"07:00\", length: 8h, cost: 1}, …]} (docs/scenario-format.md, \"Rosters\")")
            }
            let progress = StatusLine()
            let required: [[Int]]
            if let from { required = try SizeAnswer.read(from, scenario: scenario) } else { required = try await size(scenario, progress: progress) }
            let problem = CoverProblem(
                rules: rules, codes: scenario.centres.map(\.code), required: required,
                pooledHours: (0..<24).filter { scenario.routing.inForce(hour: $0) == .pooled },
                calls: scenario.centres.indices.map { centre in
                    let load = scenario.centres[centre].offeredLoad(callTypes: scenario.callTypes)
                    return scenario.arrivals(of: centre).daily.map { load * $0 }
                })
            let optimal: Rosters.Roster
            do { optimal = try RosterSolver.cheapest(problem) } catch let error as RosterSolver.Uncovered {
                throw InputError(description: "\(options.scenario): shifts: \(error.description)")
            }
            let outcome = await RosterCheck(scenario, problem: problem, jobs: parallel.jobs).run(from: optimal, progress: progress.show)
            progress.finish()
            _ = try options.checked(outcome.result)
            let text = RosterReport.text(outcome, problem: problem, original: scenario)
            let json = RosterReport.json(outcome, problem: problem, original: scenario).text()
            if let write { try writeScenario(outcome, problem: problem, to: write) }
            if let output {
                try OutputFile.writeFolder(
                    [("roster.txt", text), ("roster.json", json),
                     ("roster.html", RosterPage.html(outcome, problem: problem, original: scenario))],
                    to: output, flag: "--output")
            }
            FileHandle.standardOutput.write(Data((format == .json ? json : text).utf8))
            if !outcome.passed { throw ExitCode(1) }
        }

        /// Consoles by hour from `size --by-hour`; exit 1 when sizing cannot meet the targets.
        func size(_ scenario: Scenario, progress: StatusLine) async throws -> [[Int]] {
            guard !scenario.targets.isEmpty || !scenario.hourlyTargets.isEmpty else {
                throw InputError(description: "\(options.scenario): the scenario has no `targets` or `national_targets` to size "
                    + "the consoles by hour for; give targets, or the consoles needed with --from SIZE.json")
            }
            try options.checkSizingWork(scenario)
            let outcome = await ConsoleSizing(scenario, byHour: true, jobs: parallel.jobs, judgesBindings: false).size(progress: progress.show)
            _ = try options.checked(outcome.result)
            guard outcome.unreachable.isEmpty else {
                progress.finish()
                FileHandle.standardError.write(Data(("error: sizing by hour cannot meet the targets at "
                    + outcome.unreachable.map(\.description).joined(separator: ", ") + " within 1000 consoles: nothing to roster\n").utf8))
                throw ExitCode(1)
            }
            return outcome.plan.staffing.map(\.hours)
        }

        func writeScenario(_ outcome: RosterCheck.Outcome, problem: CoverProblem, to path: String) throws {
            let source = try String(contentsOfFile: options.scenario, encoding: .utf8)
            let consoles = Dictionary(uniqueKeysWithValues: outcome.rostered.centres.map { ($0.code, $0.staffing) })
            let note = "# Consoles rostered by `callsim roster`: each centre's `consoles` is its shifts' coverage by hour;\n"
                + "# the comments below are the original scenario's. Shifts a day:\n"
                + RosterReport.shiftComment(outcome.roster, codes: problem.codes)
            let rewritten = try ScenarioRewriter.withConsoles(consoles, in: source, file: options.scenario, note: note)
            try OutputFile.write(rewritten.text, to: path, flag: "--write")
            if !rewritten.commentsKept {
                FileHandle.standardError.write(Data("note: \(path) was written anew by the YAML library: comments and layout were not kept\n".utf8))
            }
        }
    }
}
