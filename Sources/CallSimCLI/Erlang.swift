import ArgumentParser
import Foundation
import Reports
import ScenarioFile
import SimStatistics
import Sizing

extension CallSim {
    /// `callsim erlang`: exact Erlang C and Erlang A figures, and the consoles a target needs.
    struct Erlang: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Exact Erlang C (nobody hangs up) or Erlang A (exponential patience) figures.",
            discussion: """
                For one centre with Poisson arrivals and exponential handling. Give --consoles as a number \
                or a range (10-14), or a target (--target-sl, --target-abandonment) to get the fewest \
                consoles that meet it. With --patience the model is Erlang A, otherwise Erlang C. Waits are \
                in seconds; wait percentiles are of answered calls.
                """)

        @Option(name: .customLong("calls-per-hour"), help: "Arrival rate, calls per hour.")
        var callsPerHour: Double

        @Option(help: ArgumentHelp("Mean handling time with a unit, e.g. 3m or 180s.", valueName: "duration"),
                transform: DurationArgument.parse)
        var aht: DurationArgument

        @Option(help: ArgumentHelp(
            "Consoles: a number, or a range such as 10-14 (1 to \(ConsoleRange.maximum), at most \(ConsoleRange.maxRows) numbers).",
            valueName: "n|n-m"))
        var consoles: ConsoleRange?

        @Option(help: ArgumentHelp("Mean patience (Erlang A); without it nobody hangs up (Erlang C).",
                                   valueName: "duration"), transform: DurationArgument.parse)
        var patience: DurationArgument?

        @Option(help: ArgumentHelp("\"Answered within\" for the service level (default: 20s).", valueName: "duration"),
                transform: DurationArgument.parse)
        var within = DurationArgument(argument: "20s")!

        @Option(name: .customLong("target-sl"), help: "Find the fewest consoles answering this share within --within.")
        var targetServiceLevel: Double?

        @Option(name: .customLong("target-abandonment"), help: "Find the fewest consoles with at most this abandonment.")
        var targetAbandonment: Double?

        @Option(help: "Output: text or json.")
        var format: TextOrJSON = .text

        func validate() throws {
            guard callsPerHour > 0, callsPerHour.isFinite else { throw ValidationError("--calls-per-hour must be above 0") }
            guard aht.seconds > 0 else { throw ValidationError("--aht must be longer than 0") }
            if let patience, patience.seconds <= 0 { throw ValidationError("--patience must be longer than 0") }
            if let targetServiceLevel, !(0...1).contains(targetServiceLevel) {
                throw ValidationError("--target-sl must be a share from 0 to 1")
            }
            if let targetAbandonment, !(0...1).contains(targetAbandonment) {
                throw ValidationError("--target-abandonment must be a share from 0 to 1")
            }
            if targetAbandonment != nil && patience == nil {
                throw ValidationError("--target-abandonment needs --patience: in Erlang C nobody hangs up")
            }
            guard consoles != nil || targetServiceLevel != nil || targetAbandonment != nil else {
                throw ValidationError("give --consoles, or a target (--target-sl or --target-abandonment)")
            }
        }

        func formula(_ consoles: Int) -> any QueueFormula {
            let rate = callsPerHour / 3_600, handling = aht.seconds
            if let patience {
                return ErlangA(consoles: consoles, callsPerSecond: rate, meanHandling: handling, meanPatience: patience.seconds)
            }
            return ErlangC(consoles: consoles, callsPerSecond: rate, meanHandling: handling)
        }

        func run() async throws {
            let threshold = within.seconds
            let range = consoles?.range
            var answer: [any QueueFormula]
            var single = range.map { $0.count == 1 } ?? true
            if targetServiceLevel != nil || targetAbandonment != nil {
                let low = range?.lowerBound ?? 1, high = range?.upperBound ?? ConsoleRange.maximum
                guard let found = FewestConsoles.search(
                    maximum: high, serviceLevel: targetServiceLevel, within: threshold, abandonment: targetAbandonment,
                    formula: formula)
                else {
                    throw InputError(description: "no number of consoles up to \(high) meets the target")
                }
                answer = [formula(max(found, low))]
                single = true
            } else {
                answer = (range ?? 1...1).map(formula)
            }
            let rows = answer.map { ErlangReport.json($0, within: threshold) }
            switch format {
            case .json: print((single ? rows[0] : JSON.array(rows)).text(), terminator: "")
            case .text: print(ErlangReport.text(answer, within: threshold), terminator: "")
            }
        }
    }
}
