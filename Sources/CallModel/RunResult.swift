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
    public let escalationDelays: [[PooledPercentile]]
    /// Events processed over all replications.
    public let events: Int
    /// Calls simulated over all replications, counted or not.
    public let simulatedCalls: Int
    /// Wall-clock seconds the run took.
    public let wallSeconds: Double

    /// Gathers the replications' figures, given in replication order.
    public init(scenario: Scenario, replications: [ReplicationSummary], wallSeconds: Double) {
        func estimates(_ rows: [[Double?]]) -> [Estimate] {
            guard let width = rows.first?.count else { return [] }
            return (0..<width).map { column in Estimate(values: rows.map { $0[column] }) }
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
        escalationDelays = (replications.first?.escalationDelays.indices ?? 0..<0).map { scope in
            PooledPercentile.all(replications.map { $0.escalationDelays[scope] })
        }
        var centreHours: [Int: [[Estimate]]] = [:]
        for (slot, centre) in (replications.first?.hourlyCentres ?? []).enumerated() {
            centreHours[centre] = (0..<24).map { hour in estimates(replications.map { $0.centreHours[slot * 24 + hour] }) }
        }
        self.centreHours = centreHours
        var targets: [TargetResult] = []
        for target in scenario.targets {
            targets.append(TargetResult(
                scope: "total", target: target, estimate: target.estimate(from: total, horizon: scenario.horizon)))
            if target.nationalOnly { continue }
            for centre in centres {
                targets.append(TargetResult(
                    scope: centre.code, target: target,
                    estimate: target.estimate(from: centre.kpis, horizon: scenario.horizon)))
            }
        }
        self.targets = targets
        events = replications.reduce(0) { $0 + $1.events }
        simulatedCalls = replications.reduce(0) { $0 + $1.arrivals }
        self.wallSeconds = wallSeconds
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

/// A percentile of durations pooled over all replications (escalations are rare: a small centre's
/// replication may hold too few to measure one), with the 95 % half-width of the per-replication
/// figures when every replication had enough to measure it.
public struct PooledPercentile: Sendable {
    /// The percentile of all replications' values together; `nil` with fewer than 20 in all.
    public let value: Double?
    public let ci95: Double?
    /// Replications that had enough values to measure it on their own.
    public let replications: Int

    /// Each of `Curves.escalationPercentiles` from the replications' histograms.
    static func all(_ histograms: [WaitHistogram]) -> [PooledPercentile] {
        var pooled = WaitHistogram()
        for histogram in histograms { pooled.merge(histogram) }
        return Curves.escalationPercentiles.map { p in
            let each = Estimate(values: histograms.map { $0.count >= minimumForPercentile ? $0.quantile(p) : nil })
            return PooledPercentile(
                value: pooled.count >= minimumForPercentile ? pooled.quantile(p) : nil,
                ci95: each.n == histograms.count ? each.ci95 : nil, replications: each.n)
        }
    }
}
