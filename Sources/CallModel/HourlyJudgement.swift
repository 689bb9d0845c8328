import SimStatistics

/// A whole-day target that holds or not over the day but is missed with 95 % confidence in some
/// clock hours at one scope: what `run`, `check` and `size` warn of when no hourly targets are set
/// (docs/model.md, "Hours").
public struct PeakWarning: Sendable {
    /// `total` or a centre's code.
    public let scope: String
    public let target: Target
    /// The whole day's state at that scope.
    public let dayState: TargetState
    /// The hours missed, ascending, and each one's estimate.
    public let hours: [Int]
    public let estimates: [Estimate]
}

/// The scopes a run judges hour by hour: every centre in the hours it answers its own callers (not
/// in pooled hours), and the total — in pooled hours, the pool.
struct HourScopes {
    let scenario: Scenario
    let centreHours: [Int: [[Estimate]]]
    let totalHours: [[Estimate]]?

    /// Each scope's estimates in each hour it is judged in: the total first (when every centre was
    /// tallied by hour), then the centres tallied, in the scenario's order.
    var judged: [(scope: String, hours: [(hour: Int, kpis: [Estimate])])] {
        var scopes: [(scope: String, hours: [(hour: Int, kpis: [Estimate])])] = []
        if let totalHours { scopes.append(("total", (0..<24).map { ($0, totalHours[$0]) })) }
        let ownHours = (0..<24).filter { scenario.routing.inForce(hour: $0) != .pooled }
        for (index, centre) in scenario.centres.enumerated() {
            guard let hours = centreHours[index] else { continue }
            scopes.append((centre.code, ownHours.map { ($0, hours[$0]) }))
        }
        return scopes
    }

    /// The results of `targets` in every hour at every scope: by target, then scope, then hour.
    func results(of targets: [Target]) -> [TargetResult] {
        let scopes = judged
        return targets.flatMap { target in
            scopes.flatMap { scope, hours in
                hours.map { hour, kpis in
                    target.result(
                        scope: scope, kpis: kpis, horizon: scenario.horizon, precision: scenario.precision, hour: hour)
                }
            }
        }
    }

    /// For each whole-day target an hour can be judged by, at each scope, the hours in which its
    /// calls miss the day's threshold (state `missed`); `day` holds the whole-day results.
    func peakWarnings(_ day: [TargetResult]) -> [PeakWarning] {
        let targets = scenario.targets.filter { !$0.nationalOnly && $0.measure.isHourly }
        let hourly = results(of: targets)
        var warnings: [PeakWarning] = []
        for scope in judged.map(\.scope) {
            for target in targets {
                let missed = hourly.filter { $0.scope == scope && $0.target == target && $0.state == .missed }
                guard !missed.isEmpty else { continue }
                let dayState = day.first { $0.scope == scope && $0.target == target && $0.hour == nil }?.state ?? .notEstimated
                warnings.append(PeakWarning(
                    scope: scope, target: target, dayState: dayState, hours: missed.map { $0.hour! },
                    estimates: missed.map(\.estimate)))
            }
        }
        return warnings
    }
}
