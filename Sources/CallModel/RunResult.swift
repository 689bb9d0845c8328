import SimStatistics

/// The figures of a whole run: each KPI's estimate over the replications for the total, each
/// centre, each call type and each hour of the day, and how the targets fared.
public struct RunResult: Sendable {
    /// One centre's estimates, in `KPI.allCases` order.
    public struct CentreEstimates: Sendable {
        public let code: String
        public let name: String
        public let kpis: [Estimate]
    }

    /// One call type's estimates (total only), in `KPI.allCases` order.
    public struct TypeEstimates: Sendable {
        public let name: String
        public let kpis: [Estimate]
    }

    public let scenario: Scenario
    public let total: [Estimate]
    public let centres: [CentreEstimates]
    /// Present when the scenario has more than one call type.
    public let types: [TypeEstimates]
    /// 24 rows, each in `HourKPI.allCases` order.
    public let byHour: [[Estimate]]
    public let targets: [TargetResult]
    /// Estimates by the hour of day calls arrived (`[centre]![hour]`, in `KPI.allCases` order),
    /// for the centres the run was asked to tally by hour.
    public let centreHours: [Int: [[Estimate]]]
    /// The share of answered callers who waited longer than each wait of `Curves.waitPoints`.
    public let waitSurvival: [(seconds: Double, share: Estimate)]
    /// Percentiles (`Curves.escalationPercentiles`) of the delay to 112: `[0]` the total, then
    /// each call type.
    public let escalationDelays: [[Estimate]]
    /// Events processed over all replications.
    public let events: Int
    /// Calls simulated over all replications, counted or not.
    public let simulatedCalls: Int
    /// Wall-clock seconds the run took.
    public let wallSeconds: Double
    /// The first replication that stopped with too many callers at once: the figures are partial
    /// and must not be reported.
    public let overload: Overload?

    /// Gathers the replications' figures, given in replication order.
    public init(scenario: Scenario, replications: [ReplicationSummary], wallSeconds: Double) {
        func estimates(_ rows: [[Double?]]) -> [Estimate] {
            guard let width = rows.first?.count else { return [] }
            return (0..<width).map { column in Estimate(values: rows.map { $0[column] }) }
        }
        func estimates(_ scopes: [ScopeFigures]) -> [Estimate] {
            let waits = PercentileSections(scopes.map(\.waits))
            let delays = PercentileSections(scopes.map(\.escalationDelays))
            return KPI.allCases.enumerated().map { index, kpi in
                guard let (source, level) = kpi.percentile else { return Estimate(values: scopes.map { $0.figures[index] }) }
                return (source == .waits ? waits : delays).estimate(level)
            }
        }
        self.scenario = scenario
        total = estimates(replications.map(\.total))
        centres = scenario.centres.indices.map { index in
            CentreEstimates(
                code: scenario.centres[index].code, name: scenario.centres[index].name,
                kpis: estimates(replications.map { $0.centres[index] }))
        }
        types = scenario.callTypes.count < 2 ? [] : scenario.callTypes.indices.map { index in
            TypeEstimates(name: scenario.callTypes[index].name, kpis: estimates(replications.map { $0.types[index] }))
        }
        byHour = (0..<24).map { hour in estimates(replications.map { $0.hours[hour] }) }
        waitSurvival = Curves.waitPoints(threshold: scenario.serviceLevelThreshold).enumerated().map { index, seconds in
            (seconds, Estimate(values: replications.map { $0.waitSurvival[index] }))
        }
        let typeCount = replications.first?.types.count ?? 0
        escalationDelays = ([replications.map(\.total)] + (0..<typeCount).map { type in replications.map { $0.types[type] } })
            .map { scopes in
                let sections = PercentileSections(scopes.map(\.escalationDelays))
                return Curves.escalationPercentiles.map(sections.estimate)
            }
        var centreHours: [Int: [[Estimate]]] = [:]
        for (slot, centre) in (replications.first?.hourlyCentres ?? []).enumerated() {
            centreHours[centre] = (0..<24).map { hour in estimates(replications.map { $0.centreHours[slot * 24 + hour] }) }
        }
        self.centreHours = centreHours
        var targets: [TargetResult] = []
        for target in scenario.targets {
            targets.append(target.result(scope: "total", kpis: total, horizon: scenario.horizon, precision: scenario.precision))
            if target.nationalOnly { continue }
            for centre in centres {
                targets.append(target.result(
                    scope: centre.code, kpis: centre.kpis, horizon: scenario.horizon, precision: scenario.precision))
            }
        }
        self.targets = targets
        events = replications.reduce(0) { $0 + $1.events }
        simulatedCalls = replications.reduce(0) { $0 + $1.arrivals }
        self.wallSeconds = wallSeconds
        overload = replications.lazy.compactMap(\.overload).first
    }

    /// Consoles on shift in each hour of the day, all centres together (before absences).
    public var consolesByHour: [Int] {
        (0..<24).map { hour in scenario.centres.reduce(0) { $0 + $1.staffing.onShift(hour: hour) } }
    }

    /// Mean console time per call over all centres, weighted by their calls (seconds).
    public var meanConsoleTime: Double? {
        let calls = scenario.centres.reduce(0) { $0 + $1.callsPerDay }
        guard calls > 0 else { return nil }
        return scenario.centres.reduce(0) { $0 + $1.offeredLoad(callTypes: scenario.callTypes) * 86_400 } / calls
    }
}

/// One scope's observations pooled over the replications, and over each of k = min(10, n)
/// sections of consecutive replications, for percentiles estimated by sectioning
/// (docs/model.md, "Estimators").
struct PercentileSections {
    let pooled: WaitHistogram
    let sections: [WaitHistogram]
    /// Replications that held at least one observation.
    let measured: Int

    /// From each replication's observations, in replication order.
    init(_ replications: [CompactHistogram]) {
        var pooled = WaitHistogram()
        for histogram in replications { pooled.merge(histogram) }
        self.pooled = pooled
        let n = replications.count, k = min(10, n)
        sections = (0..<k).map { section in
            var histogram = WaitHistogram()
            for part in replications[(section * n / k)..<((section + 1) * n / k)] { histogram.merge(part) }
            return histogram
        }
        measured = replications.filter { $0.count > 0 }.count
    }

    /// The `level`-percentile of all observations, with its sectioning interval; `nil` with
    /// fewer than 20 observations in all.
    func estimate(_ level: Double) -> Estimate {
        guard pooled.count >= minimumForPercentile else { return Estimate(pooled: nil, sections: [], measured: measured) }
        return Estimate(pooled: pooled.quantile(level), sections: sections.map { $0.quantile(level) }, measured: measured)
    }
}
