import ArgumentParser
import Calibration
import CallModel
import CallRecords
import Foundation
import Reports
import ScenarioFile

extension CallSim {
    /// `callsim fit`: a scenario fitted to call records, and its back-test.
    struct Fit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit a scenario to call records (a CSV from the switch, or from `run --calls-log`).",
            discussion: """
                Estimates each centre's new callers a day, the daily and weekly profiles (a centre's own where it \
                differs significantly), day_to_day_cv, call types and shares, handling and wrap-up per type (lognormal, \
                gamma or exponential by likelihood), patience from censored waits (Kaplan–Meier; Weibull, lognormal or \
                exponential by censored likelihood), redials, escalation and hand-off, consoles and queue capacity, and \
                writes them as a scenario, each estimate with its 95 % interval and sample size as a comment. Bad \
                records are reported with their line numbers and left out. --until fits on the records before a date \
                and back-tests the fit on the rest; --output writes the fit report (docs/call-records.md).
                """)

        @Argument(help: ArgumentHelp("The call records (CSV with a header line).", valueName: "records.csv"))
        var records: String

        @Option(help: ArgumentHelp("Write the fitted scenario to this file (else it is printed).", valueName: "fitted.yaml"))
        var write: String?

        @Option(help: ArgumentHelp(
            "Another system's column names for our keys, such as centre=Site,arrival=StartTime,outcome=Result,wait_s=WaitSec.",
            valueName: "key=name,…"))
        var columns: String?

        @Option(help: ArgumentHelp(
            "Fit on the records before this date (ISO 8601, such as 2024-03-01 or 2024-03-01T00:00:00+02:00) and back-test on the rest.",
            valueName: "date"))
        var until: String?

        @Option(help: ArgumentHelp("Write the fit report (report.html, report.md) into this folder.", valueName: "dir"))
        var output: String?

        @OptionGroup var parallel: JobsOption

        func run() async throws {
            let names = try columns.map(CallLogReader.columnNames) ?? [:]
            let log = try CallLogReader.read(path: records, names: names)
            var training = log
            var testRecords: [CallRecord] = []
            var cut: ClockTime?
            if let until {
                let offset = log.records.first?.arrival.offset ?? 0
                guard let date = ClockTime(Substring(until), defaultOffset: offset) else {
                    throw InputError(description: "--until \(until): write a date such as 2024-03-01, or a time such as 2024-03-01T00:00:00+02:00")
                }
                training.records = log.records.filter { $0.arrival < date }
                testRecords = log.records.filter { !($0.arrival < date) }
                guard !training.records.isEmpty, !testRecords.isEmpty else {
                    throw InputError(description: "--until \(until): the records run from \(log.records.map(\.arrival).min()!.text) to \(log.records.map(\.arrival).max()!.text); give a date between, so that some are fitted and some back-tested")
                }
                cut = date
            }
            let fit = try ScenarioFit(training)
            let yaml = FittedScenarioText.yaml(fit)
            let scenario: Scenario
            do {
                scenario = try ScenarioReader.parse(yaml, file: write ?? "fitted.yaml")
            } catch {
                throw InputError(description: "the records give a scenario callsim cannot run: \(error)")
            }
            if let write { try OutputFile.write(yaml, to: write, flag: "--write") }
            var backTest: BackTest?
            if let cut {
                let lastDay = testRecords.map(\.arrival.day).max()!
                backTest = try await BackTest(records: testRecords, centres: log.centres, scenario: scenario, from: cut, days: lastDay - cut.day + 1, jobs: parallel.jobs)
            }
            if let output {
                let rival = try await RivalRun(fit, jobs: parallel.jobs)
                try OutputFile.writeFolder(FitReport.files(fit, backTest: backTest, rival: rival), to: output, flag: "--output")
            }
            var text = FitReport.summary(fit, backTest: backTest)
            if write == nil { text = yaml + "\n" + text.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }.joined(separator: "\n") + "\n" }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
