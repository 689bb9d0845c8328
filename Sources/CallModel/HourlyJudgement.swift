import SimStatistics

/// A whole-day target that holds or not over the day but is missed with 95 % confidence in some
/// clock hours at one scope: what `run`, `check` and `size` warn of when no hourly targets are set
/// (docs/model.md, "Hours").
public struct PeakWarning: Sendable {
    public let scope: Scope
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
    var judged: [(scope: Scope, centre: Int?, hours: [(hour: Int, kpis: [Estimate])])] {
        var scopes: [(scope: Scope, centre: Int?, hours: [(hour: Int, kpis: [Estimate])])] = []
        if let totalHours { scopes.append((.total, nil, (0..<24).map { ($0, totalHours[$0]) })) }
        let ownHours = (0..<24).filter { scenario.routing.inForce(hour: $0) != .pooled }
        for (index, centre) in scenario.centres.enumerated() {
            guard let hours = centreHours[index] else { continue }
            scopes.append((.centre(centre.code), index, ownHours.map { ($0, hours[$0]) }))
        }
        return scopes
    }

    /// The scenario's hourly targets judged in every hour at every scope, each centre with its own.
    var hourlyResults: [TargetResult] {
        results { index in index.map { scenario.hourlyTargets(of: $0) } ?? scenario.hourlyTargets }
    }

    /// The results in every hour at every scope of the targets `targets(centre)` gives (`nil`: the
    /// total): by measure, then scope, then hour.
    func results(of targets: (Int?) -> [Target]) -> [TargetResult] {
        let scopes = judged
        let measures = Target.Measure.allCases.filter { measure in
            scopes.contains { targets($0.centre).contains { $0.measure == measure } }
        }
        return measures.flatMap { measure in
            scopes.flatMap { scope, centre, hours -> [TargetResult] in
                guard let target = targets(centre).first(where: { $0.measure == measure }) else { return [] }
                return hours.map { hour, kpis in
                    target.result(
                        scope: scope, kpis: kpis, horizon: scenario.horizon, precision: scenario.precision, hour: hour)
                }
            }
        }
    }

    /// For each whole-day target an hour can be judged by, at each scope, the hours in which its
    /// calls miss the day's threshold (state `missed`); `day` holds the whole-day results.
    func peakWarnings(_ day: [TargetResult]) -> [PeakWarning] {
        func targets(_ centre: Int?) -> [Target] {
            (centre.map { scenario.targets(of: $0) } ?? scenario.targets.filter { !$0.nationalOnly }).filter(\.measure.isHourly)
        }
        let hourly = results(of: targets)
        var warnings: [PeakWarning] = []
        for (scope, centre, _) in judged {
            for target in targets(centre) {
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
