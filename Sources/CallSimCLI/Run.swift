import ArgumentParser
import CallModel
import Foundation
import Reports

extension CallSim {
    /// `callsim run`: simulate a scenario and report.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate a scenario and report its KPIs with 95 % confidence intervals.",
            discussion: """
                Prints a table by default, or the result document with --format json. With --output DIR it \
                also writes report.md, report.json (with each replication's figures), centres.csv and report.html \
                (self-contained: charts as inline SVG, a tile map of the centres) there. \
                The same scenario and seed give the same figures whatever --jobs is.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, csv, markdown
        }

        @OptionGroup var options: ScenarioOptions

        @Option(help: "What to print on stdout: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: Format = .text

        @Option(help: ArgumentHelp("Also write report.md, report.json, centres.csv and report.html into this folder.", valueName: "dir"))
        var output: String?

        @Flag(help: "Print a row for every target (report.md always has them).")
        var verbose = false

        @OptionGroup var parallel: JobsOption

        func validate() throws {
            if let output, output.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--output must name a folder (got an empty name)")
            }
        }

        func run() async throws {
            let scenario = try options.load()
            let progress = Progress(scenario)
            let result = try options.checked(await Simulator.run(scenario, jobs: parallel.jobs, progress: progress.report))
            progress.finish()
            if let output { try write(result, to: output) }
            let text: String
            switch format {
            case .text: text = TableReports.text(result, verbose: verbose) + (output.map { "\nReport written to \($0)/report.html (and report.md, report.json, centres.csv)\n" } ?? "")
            case .json: text = ResultDocument.json(result).text()
            case .csv: text = TableReports.csv(result)
            case .markdown: text = TableReports.markdown(result)
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }

        /// Writes every report file, each complete or not at all.
        func write(_ result: RunResult, to folder: String) throws {
            // Every report is made before the folder is, so a failure leaves nothing behind.
            let document = ResultDocument.json(result, withValues: true).text()
            let view = try ReportView(json: Data(document.utf8), source: "report.json")
            try OutputFile.writeFolder([
                ("report.md", TableReports.markdown(result)),
                ("report.json", document),
                ("centres.csv", TableReports.csv(result)),
                ("report.html", HTMLReport.page(view)),
            ], to: folder, flag: "--output")
        }
    }
}
