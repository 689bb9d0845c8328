import ArgumentParser
import CallModel
import Foundation
import Reports

extension CallSim {
    /// `callsim validate`: check a scenario and summarise it.
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a scenario file and print a summary; exit 0 when it is valid, 2 when not.")

        @OptionGroup var options: ScenarioOptions

        func run() async throws {
            let scenario = try options.load()
            let consoles = scenario.centres.reduce(0) { $0 + $1.staffing.peak }
            let callsPerDay = scenario.centres.reduce(0) { $0 + $1.callsPerDay }
            let load = scenario.centres.reduce(0) { $0 + $1.offeredLoad(callTypes: scenario.callTypes) }
            let busiest = scenario.centres.max {
                $0.offeredLoad(callTypes: scenario.callTypes) / Double(max($0.staffing.peak, 1))
                    < $1.offeredLoad(callTypes: scenario.callTypes) / Double(max($1.staffing.peak, 1))
            }
            var lines = [
                "\(options.scenario): valid",
                "scenario: \(scenario.name)",
                "centres: \(scenario.centres.count), consoles: \(consoles)",
                String(format: "calls per day: %.1f; long-run offered load: %.3f Erlangs (%.1f %% of the consoles)",
                       callsPerDay, load, consoles > 0 ? 100 * load / Double(consoles) : 0),
                "call types: " + scenario.callTypes.map { "\($0.name) (\(String(format: "%g", $0.share * 100)) %)" }.joined(separator: ", "),
                String(format: "window: %g days after a warm-up of %g days; %d replications; seed %llu",
                       scenario.horizon / 86_400, scenario.warmup / 86_400, scenario.replications, scenario.seed),
            ]
            if let busiest {
                let load = busiest.offeredLoad(callTypes: scenario.callTypes)
                lines.append(String(format: "busiest centre: %@, %.3f Erlangs on %d consoles", busiest.code, load, busiest.staffing.peak))
            }
            lines += ScenarioEcho.lines(scenario)
            if let rules = scenario.shiftRules {
                lines.append("shifts for `roster`: " + rules.templates.map { template in
                    "\(template.name) " + template.starts.map { String(format: "%02d:00", $0) }.joined(separator: "/")
                        + String(format: " %d h, cost %g", template.hours, template.cost)
                }.joined(separator: "; ") + String(format: "; shrinkage %g, %g h a week", rules.shrinkage, rules.hoursPerWeek))
            }
            let work = scenario.expectedWork
            lines.append(String(
                format: "work: about %.3g calls a replication, %.3g in the first batch (at most %.3g and %.3g; precision %g, up to %d replications)",
                work.perReplication, work.firstBatch, Scenario.maxCallsPerReplication,
                Scenario.maxCallsPerRun, scenario.precision, scenario.maxReplications))
            print(lines.joined(separator: "\n"))
        }
    }
}
