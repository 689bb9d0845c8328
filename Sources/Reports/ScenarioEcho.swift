import CallModel
import SimEngine

/// What `callsim validate` read, in the units people check: durations with their unit, routing,
/// targets and the busiest hour's load beside the long-run mean — where a unit slip shows.
public enum ScenarioEcho {
    /// The lines that say what the scenario holds, after the counts `validate` prints.
    public static func lines(_ scenario: Scenario) -> [String] {
        var lines: [String] = []
        let first = scenario.centres[0]
        for (type, profile) in zip(scenario.callTypes, first.profiles) {
            let name = scenario.callTypes.count > 1 ? "\(type.name): " : "calls: "
            var parts = ["handling \(describe(profile.handling))", "wrap-up \(describe(profile.wrapup))"]
            if profile.escalation.probability > 0 {
                parts.append(FigureText.text(profile.escalation.probability, .share) + " urgent, hand-off "
                    + describe(profile.escalation.handoff))
            }
            if scenario.callTypes.count > 1, type.priority != scenario.callTypes[0].priority || Set(scenario.callTypes.map(\.priority)).count > 1 {
                parts.append("priority \(type.priority)")
            }
            lines.append(name + parts.joined(separator: ", ") + (scenario.centres.count > 1 ? " (at \(first.code); centres may differ)" : ""))
        }
        lines.append("patience: " + (first.patience.map(describe) ?? "none (nobody hangs up)")
            + (scenario.redial.map { "; redials: " + FigureText.text($0.probability, .share) + " call again after " + describe($0.delay) } ?? ""))
        lines.append("routing: \(ResultDocument.routingName(scenario.routing)); urgent callers are handed to \(scenario.emergencyService)")
        if !scenario.targets.isEmpty || !scenario.hourlyTargets.isEmpty {
            var text = "targets: " + scenario.targets.map(describe).joined(separator: ", ")
            if !scenario.hourlyTargets.isEmpty { text += "; in every hour: " + scenario.hourlyTargets.map(describe).joined(separator: ", ") }
            let own = scenario.centres.filter { $0.targets != nil || $0.hourlyTargets != nil }.map(\.code)
            if !own.isEmpty { text += "; centres with their own: " + own.joined(separator: ", ") }
            lines.append(text)
        }
        let busiest = busiestHour(scenario)
        let load = scenario.centres.reduce(0) { $0 + $1.offeredLoad(callTypes: scenario.callTypes) }
        let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        lines.append(String(
            format: "offered load: %.3f Erlangs on average; %.3f in the busiest hour (%@ %02d:00)",
            load, busiest.load, days[busiest.hourOfWeek / 24], busiest.hourOfWeek % 24))
        return lines
    }

    /// A distribution by its mean, with its unit, and its family.
    static func describe(_ distribution: Distribution) -> String {
        let mean = FigureText.text(distribution.mean, .duration)
        switch distribution.kind {
        case .constant: return mean
        default: return "mean \(mean) (\(String(describing: distribution.kind)))"
        }
    }

    static func describe(_ target: Target) -> String {
        let unit = FigureText.unit(of: target.measure)
        let bound = target.measure.isMinimum ? "≥" : "≤"
        return "\(target.measure.rawValue.replacingOccurrences(of: "_", with: " ")) \(bound) \(FigureText.text(target.threshold, unit))"
            + (target.nationalOnly ? " (national)" : "")
    }

    /// The hour of the week (0: Monday 00:00) in which all centres together are offered the most
    /// load, and that load in Erlangs.
    static func busiestHour(_ scenario: Scenario) -> (hourOfWeek: Int, load: Double) {
        let loads = (0..<168).map { hour in
            scenario.centres.indices.reduce(0.0) { sum, index in
                let pattern = scenario.arrivals(of: index)
                return sum + scenario.centres[index].offeredLoad(callTypes: scenario.callTypes)
                    * pattern.daily[hour % 24] * pattern.weekly[hour / 24]
            }
        }
        let hour = loads.indices.max { loads[$0] < loads[$1] } ?? 0
        return (hour, loads[hour])
    }
}
