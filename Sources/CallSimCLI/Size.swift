import ArgumentParser
import CallModel
import Foundation
import Reports
import ScenarioFile
import Sizing

extension CallSim {
    /// `callsim size`: the fewest consoles per centre meeting the scenario's targets.
    struct Size: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find the fewest consoles at each centre for which every target holds.",
            discussion: """
                Sizing starts from Erlang A's figure for each centre and confirms every answer by simulation \
                with the scenario's replications and seed, so candidates share their random numbers and the answer \
                is what `callsim check` of the sized scenario sees. Under local routing each centre is sized on its \
                own; under overflow, pooled or time-of-day routing the centres are sized together. --by-hour sizes a shift plan \
                (consoles in each hour of the day), each hour's targets judged on the calls arriving in it. \
                --write saves the scenario with the sized consoles, comments and layout kept. min_consoles (or \
                --min-consoles) keeps that many on shift in every hour a centre answers its own callers. Exit status \
                1 when a target cannot be met within --max-consoles or the answer fails one (the total then says \
                "at least").
                """)

        @OptionGroup var options: ScenarioOptions

        @Option(help: "The most consoles a centre may have (in any hour).")
        var maxConsoles: Int = 1_000

        @Flag(help: "Size a shift plan: the fewest consoles in each hour of the day.")
        var byHour = false

        @Option(help: ArgumentHelp(
            "The fewest consoles a centre may have on shift in an hour it answers its own callers (overrides min_consoles).",
            valueName: "n"))
        var minConsoles: Int?

        @Option(help: ArgumentHelp("Write the scenario with the sized consoles to this file.", valueName: "file"))
        var write: String?

        @Option(help: "Output: text or json.")
        var format: TextOrJSON = .text

        @OptionGroup var parallel: JobsOption

        func validate() throws {
            guard (1...100_000).contains(maxConsoles) else { throw ValidationError("--max-consoles must be from 1 to 100000") }
            if let minConsoles, !(0...maxConsoles).contains(minConsoles) {
                throw ValidationError("--min-consoles must be a whole number from 0 to --max-consoles (\(maxConsoles))")
            }
        }

        func run() async throws {
            var scenario = try options.load(requireStable: false)  // today's consoles may be too few
            try options.checkSizingWork(scenario)
            if let minConsoles { for index in scenario.centres.indices { scenario.centres[index].minConsoles = minConsoles } }
            guard !scenario.targets.isEmpty else {
                throw InputError(description: "\(options.scenario): the scenario has no `targets` or `national_targets`: nothing to size for")
            }
            let progress = StatusLine()
            let outcome = await ConsoleSizing(scenario, byHour: byHour, maxConsoles: maxConsoles, jobs: parallel.jobs)
                .size(progress: progress.show)
            progress.finish()
            _ = try options.checked(outcome.result)
            if let write { try writeScenario(outcome, to: write) }
            let text = format == .json
                ? SizeReport.json(outcome, original: scenario).text() : SizeReport.text(outcome, original: scenario)
            FileHandle.standardOutput.write(Data(text.utf8))
            // 0 only when the answer meets every target (docs/model.md, "Sizing").
            if !outcome.unreachable.isEmpty || outcome.result.targets.contains(where: { $0.state.fails }) { throw ExitCode(1) }
        }

        func writeScenario(_ outcome: ConsoleSizing.Outcome, to path: String) throws {
            let source = try String(contentsOfFile: options.scenario, encoding: .utf8)
            let consoles = Dictionary(uniqueKeysWithValues: outcome.sized.centres.map { ($0.code, $0.staffing) })
            let rewritten = try ScenarioRewriter.withConsoles(consoles, in: source, file: options.scenario)
            try OutputFile.write(rewritten.text, to: path, flag: "--write")
            if !rewritten.commentsKept {
                FileHandle.standardError.write(Data("note: \(path) was written anew by the YAML library: comments and layout were not kept\n".utf8))
            }
        }
    }
}
