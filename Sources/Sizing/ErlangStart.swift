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
        return consoles(formula, in: scenario, maximum: maximum, targets: targets)
    }

    /// The fewest consoles whose `formula` meets `targets`; `maximum` when even that falls short.
    static func consoles(_ formula: (Int) -> any QueueFormula, in scenario: Scenario, maximum: Int, targets: [Target]) -> Int {
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

    /// Erlang A's queue (Erlang C's when someone never hangs up) of every centre's callers together
    /// in `hour`, each at the rate of that hour, by its number of consoles; `nil` when none call.
    static func pool(hour: Int, in scenario: Scenario) -> ((Int) -> any QueueFormula)? {
        var rate = 0.0, busy = 0.0, patience = 0.0, everyoneHangsUp = true
        for (index, centre) in scenario.centres.enumerated() where centre.callsPerDay > 0 {
            let calls = centre.callsPerDay / 86_400 * scenario.arrivals(of: index).daily[hour]
            rate += calls
            busy += calls * centre.offeredLoad(callTypes: scenario.callTypes) / (centre.callsPerDay / 86_400)
            patience += calls * (centre.patience?.mean ?? 0)
            everyoneHangsUp = everyoneHangsUp && centre.patience != nil
        }
        guard rate > 0, busy > 0 else { return nil }
        let (handling, meanPatience) = (busy / rate, patience / rate)
        return { consoles -> any QueueFormula in
            everyoneHangsUp
                ? ErlangA(consoles: consoles, callsPerSecond: rate, meanHandling: handling, meanPatience: meanPatience)
                : ErlangC(consoles: consoles, callsPerSecond: rate, meanHandling: handling)
        }
    }

    /// The starting plan: each centre's figure for its long-run rate, or for each hour's rate; by
    /// hour, a pooled hour's the pool's figure for every centre's targets, seated by `PooledSeats`.
    static func plan(_ scenario: Scenario, byHour: Bool, maximum: Int) -> ConsolePlan {
        var plan = local(scenario, byHour: byHour, maximum: maximum)
        guard byHour else { return plan }
        let seats = PooledSeats(base: scenario, centres: Array(scenario.centres.indices))
        let targets = scenario.centres.indices.flatMap {
            scenario.targets(of: $0).filter { $0.measure.isHourly } + scenario.hourlyTargets(of: $0)
        }
        for hour in 0..<24 where scenario.routing.inForce(hour: hour) == .pooled {
            let count = pool(hour: hour, in: scenario).map { consoles($0, in: scenario, maximum: maximum, targets: targets) } ?? 0
            seats.seat(count, hour: hour, in: &plan, maximum: maximum)
        }
        return plan
    }

    /// Each centre's figure for its long-run rate, or for each hour's rate.
    static func local(_ scenario: Scenario, byHour: Bool, maximum: Int) -> ConsolePlan {
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
