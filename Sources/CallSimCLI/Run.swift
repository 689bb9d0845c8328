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
                also writes report.md, report.json (with each replication's figures) and centres.csv there. \
                The same scenario and seed give the same figures whatever --jobs is.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, csv, markdown
        }

        @OptionGroup var options: ScenarioOptions

        @Option(help: "What to print on stdout: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: Format = .text

        @Option(help: ArgumentHelp("Also write report.md, report.json and centres.csv into this folder.", valueName: "dir"))
        var output: String?

        @Option(name: [.short, .long], help: "Replications to run at once (default: the number of cores).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        func validate() throws {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        }

        func run() async throws {
            let scenario = try options.load()
            let progress = Progress(total: scenario.replications)
            let result = await Simulator.run(scenario, jobs: jobs, progress: progress.report)
            progress.finish()
            if let output { try write(result, to: output) }
            let text: String
            switch format {
            case .text: text = TableReports.text(result)
            case .json: text = ResultDocument.json(result).text()
            case .csv: text = TableReports.csv(result)
            case .markdown: text = TableReports.markdown(result)
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }

        /// Writes every report file, each complete or not at all.
        func write(_ result: RunResult, to folder: String) throws {
            let url = URL(fileURLWithPath: folder, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                let files = [
                    ("report.md", TableReports.markdown(result)),
                    ("report.json", ResultDocument.json(result, withValues: true).text()),
                    ("centres.csv", TableReports.csv(result)),
                ]
                for (name, text) in files {
                    try Data(text.utf8).write(to: url.appendingPathComponent(name), options: .atomic)
                }
            } catch {
                throw InputError(description: "cannot write the reports to \(folder): \(error.localizedDescription)")
            }
        }
    }
}

/// Replications done, on stderr, while stderr is a terminal; nothing otherwise.
final class Progress: Sendable {
    let total: Int
    let enabled = isatty(FileHandle.standardError.fileDescriptor) == 1

    init(total: Int) { self.total = total }

    var report: @Sendable (Int) -> Void {
        { [total, enabled] done in
            guard enabled else { return }
            FileHandle.standardError.write(Data("\rreplications done: \(done)/\(total)".utf8))
        }
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
