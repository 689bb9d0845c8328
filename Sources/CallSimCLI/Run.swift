import ArgumentParser
import CallModel
import CallRecords
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

        @Option(help: ArgumentHelp(
            "Also write one row per attempt of replication 1 that arrived in the window to this CSV file (docs/call-records.md).",
            valueName: "file.csv"))
        var callsLog: String?

        @Option(help: ArgumentHelp("The calls log's clock at time 0 (a Monday 00:00), ISO 8601 with its offset.", valueName: "time"))
        var logStart = "2024-01-01T00:00:00+02:00"

        @Flag(help: "Print a row for every target (report.md always has them).")
        var verbose = false

        @OptionGroup var parallel: JobsOption

        func validate() throws {
            if let output, output.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--output must name a folder (got an empty name)")
            }
            if let callsLog, callsLog.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--calls-log must name a file, such as calls.csv (got an empty name)")
            }
            guard let start = ClockTime(Substring(logStart)) else {
                throw ValidationError("--log-start \(logStart): write a time such as 2024-01-01T00:00:00+02:00 (ISO 8601 with its offset)")
            }
            // Time 0 is Monday 00:00 in the scenario (its weekly profile starts there); so must the log's clock be.
            guard start.weekday == 0, start.local == Double(start.day) * 86_400 else {
                throw ValidationError("--log-start \(logStart): must be a Monday at 00:00 (time 0 of a scenario is Monday 00:00)")
            }
        }

        func run() async throws {
            let scenario = try options.load()
            let progress = Progress(scenario)
            let result = try options.checked(await Simulator.run(scenario, jobs: parallel.jobs, progress: progress.report))
            progress.finish()
            if let output { try write(result, to: output) }
            if let callsLog { try writeLog(scenario, to: callsLog) }
            let text: String
            switch format {
            case .text: text = TableReports.text(result, verbose: verbose) + (output.map { "\nReport written to \($0)/report.html (and report.md, report.json, centres.csv)\n" } ?? "")
            case .json: text = ResultDocument.json(result).text()
            case .csv: text = TableReports.csv(result)
            case .markdown: text = TableReports.markdown(result)
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }

        /// Plays replication 1 again, writing each attempt's row as it ends.
        func writeLog(_ scenario: Scenario, to path: String) throws {
            let writer: CallLogWriter
            do {
                writer = try CallLogWriter(path: path, scenario: scenario, start: ClockTime(Substring(logStart))!)
            } catch {
                throw InputError(description: "--calls-log \(path): cannot be written: \(OutputFile.reason(error))")
            }
            Simulator.logAttempts(scenario, write: writer.write)
            do { try writer.finish() } catch {
                writer.abandon()
                throw InputError(description: "--calls-log \(path): cannot be written: \(OutputFile.reason(error))")
            }
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
