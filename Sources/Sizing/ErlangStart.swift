import CallModel
import SimStatistics

/// Where sizing starts: the fewest consoles Erlang A (Erlang C when nobody hangs up) says meet a
/// centre's targets, for its long-run arrival rate or the rate of one hour of the day.
///
/// It reads the targets it can (service level, abandonment, ASA, 95th percentile wait), takes the
/// mean console time of the centre's call mix as exponential handling and the mean patience as
/// exponential patience; surges, queue limits and redials it does not see. Simulation then
/// corrects it.
enum ErlangStart {
    /// The Erlang A figure for `centre` receiving `callsPerSecond` that meets `targets` (the
    /// centre's whole-day targets, or its hourly ones at the rate of one hour); `maximum` when even
    /// that falls short.
    static func consoles(_ centre: Centre, callsPerSecond: Double, in scenario: Scenario, maximum: Int, targets: [Target]) -> Int {
        guard let formula = formula(centre, callsPerSecond: callsPerSecond, in: scenario) else { return 0 }
        let found = FewestConsoles.search(maximum: maximum, formula: formula) { queue in
            targets.allSatisfy { target in
                switch target.measure {
                case .serviceLevel: return queue.serviceLevel(within: scenario.serviceLevelThreshold) >= target.threshold
                case .abandonmentRate: return queue.pAbandon <= target.threshold
                case .asa: return (queue.meanWaitAnswered ?? .infinity) <= target.threshold
                case .waitP95: return (queue.waitQuantile(0.95) ?? .infinity) <= target.threshold
                case .escalationDelayP95, .urgentLostPerYear: return true
                }
            }
        }
        return found ?? maximum
    }

    /// Erlang A's queue (Erlang C's when nobody hangs up) at `centre` receiving `callsPerSecond`,
    /// by its number of consoles (≥ 1); `nil` when the centre has no calls or no console time.
    static func formula(_ centre: Centre, callsPerSecond: Double, in scenario: Scenario) -> ((Int) -> any QueueFormula)? {
        let load = centre.offeredLoad(callTypes: scenario.callTypes)
        guard callsPerSecond > 0, centre.callsPerDay > 0, load > 0 else { return nil }
        let meanBusy = load / (centre.callsPerDay / 86_400)
        return { consoles in
            guard let patience = centre.patience else {
                return ErlangC(consoles: consoles, callsPerSecond: callsPerSecond, meanHandling: meanBusy)
            }
            return ErlangA(
                consoles: consoles, callsPerSecond: callsPerSecond, meanHandling: meanBusy, meanPatience: patience.mean)
        }
    }

    /// The starting plan: each centre's figure for its long-run rate, or for each hour's rate.
    static func plan(_ scenario: Scenario, byHour: Bool, maximum: Int) -> ConsolePlan {
        ConsolePlan(
            staffing: scenario.centres.enumerated().map { index, centre in
                let rate = centre.callsPerDay / 86_400
                let targets = scenario.targets(of: index), hourly = scenario.hourlyTargets(of: index)
                // Hourly targets hold in the busiest hour too.
                func hour(_ weight: Double) -> Int {
                    hourly.isEmpty ? 0
                        : consoles(centre, callsPerSecond: rate * weight, in: scenario, maximum: maximum, targets: hourly)
                }
                let daily = scenario.arrivals(of: index).daily
                guard byHour else {
                    let busiest = daily.max() ?? 1
                    return .allDay(max(consoles(centre, callsPerSecond: rate, in: scenario, maximum: maximum, targets: targets), hour(busiest)))
                }
                return .byHour(daily.map {
                    max(consoles(centre, callsPerSecond: rate * $0, in: scenario, maximum: maximum, targets: targets), hour($0))
                })
            },
            byHour: byHour)
    }
}
