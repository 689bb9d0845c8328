import SimStatistics

/// The figures of a whole run: each KPI's estimate over the replications for the total, each
/// centre, each call type and each hour of the day, and how the targets fared.
public struct RunResult: Sendable {
    /// One centre's estimates, in `KPI.allCases` order.
    public struct CentreFigures: Sendable {
        public let code: String
        public let name: String
        public let kpis: [Estimate]
    }

    /// One call type's estimates (total only), in `KPI.allCases` order.
    public struct TypeFigures: Sendable {
        public let name: String
        public let kpis: [Estimate]
    }

    public let scenario: Scenario
    public let total: [Estimate]
    public let centres: [CentreFigures]
    /// Present when the scenario has more than one call type.
    public let types: [TypeFigures]
    /// 24 rows, each in `HourKPI.allCases` order.
    public let byHour: [[Estimate]]
    public let targets: [TargetResult]
    /// Each centre's estimates by the hour of day calls arrived (`[centre][hour]`, in
    /// `KPI.allCases` order); empty unless the run was asked for them.
    public let centreHours: [[[Estimate]]]
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
            CentreFigures(
                code: scenario.centres[index].code, name: scenario.centres[index].name,
                kpis: estimates(replications.map { $0.centres[index] }))
        }
        types = scenario.callTypes.count < 2 ? [] : scenario.callTypes.indices.map { index in
            TypeFigures(name: scenario.callTypes[index].name, kpis: estimates(replications.map { $0.types[index] }))
        }
        byHour = (0..<24).map { hour in estimates(replications.map { $0.hours[hour] }) }
        let hourly = !(replications.first?.centreHours.isEmpty ?? true)
        centreHours = !hourly ? [] : scenario.centres.indices.map { centre in
            (0..<24).map { hour in estimates(replications.map { $0.centreHours[centre * 24 + hour] }) }
        }
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
}
