import ArgumentParser
import Foundation
import Reports

extension CallSim {
    /// `callsim compare`: two runs' reports side by side, with the differences and their significance.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two runs (their report.json files) side by side, with significance.",
            discussion: """
                A and B are report.json files written by `callsim run --output`, e.g. local against overflow \
                routing, or today's consoles against a sized plan. Every difference B − A comes with its 95 % \
                interval: paired by replication when both runs used the same seed, over the replications both have (common \
                random numbers make the comparison sharp), else from the two intervals. A difference is \
                significant when 0 lies outside its interval. Prints the key figures; with --output DIR writes \
                report.html with the charts of both runs.
                """)

        @Argument(help: "The first run's report.json (A).")
        var a: String

        @Argument(help: "The second run's report.json (B).")
        var b: String

        @Option(help: ArgumentHelp("Write report.html comparing the two runs into this folder.", valueName: "dir"))
        var output: String?

        func run() throws {
            let first = try ReportView(path: a), second = try ReportView(path: b)
            if let output {
                try OutputFile.writeFolder([("report.html", HTMLReport.compare(first, second))], to: output, flag: "--output")
            }
            FileHandle.standardOutput.write(Data(HTMLReport.differenceText(first, second).utf8))
        }
    }
}
