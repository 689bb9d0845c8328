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
    /// Every target at every scope: the whole-day targets, then the hourly ones (`hour` set).
    public let targets: [TargetResult]
    /// Estimates by the hour of day calls arrived (`[centre]![hour]`, in `KPI.allCases` order),
    /// for the centres the run was asked to tally by hour.
    public let centreHours: [Int: [[Estimate]]]
    /// Estimates by the hour of day calls arrived for all centres together, when every centre was
    /// tallied by hour (24 rows in `KPI.allCases` order).
    public let totalHours: [[Estimate]]?
    /// With no hourly targets: the whole-day targets missed in some hour of the day, at some scope
    /// (docs/model.md, "Hours"). Worked out when asked (commands ask once; sizing's many runs never).
    public var peakWarnings: [PeakWarning] {
        guard scenario.hourlyTargets.isEmpty else { return [] }
        return HourScopes(scenario: scenario, centreHours: centreHours, totalHours: totalHours).peakWarnings(targets)
    }
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

    /// How sure the run's decisions are: the looks the precision rule could take.
    public let confidence: Confidence

    /// Gathers the replications' figures, given in replication order; targets are decided at
    /// `confidence` (the looks the run could take: docs/model.md, "Targets and how they are decided").
    /// `hours`: the figures by hour, gathered as the replications ended (else from `replications`).
    public init(
        scenario: Scenario, replications: [ReplicationSummary], wallSeconds: Double, confidence: Confidence = .single,
        hours: HourFigures? = nil
    ) {
        self.init(
            scenario: scenario, figures: RunFigures(scenario, replications: replications), wallSeconds: wallSeconds,
            confidence: confidence, hours: hours ?? HourFigures(replications))
    }

    /// The same from the replications' figures gathered as they ended (`figures`, `hours`).
    public init(
        scenario: Scenario, figures: RunFigures, wallSeconds: Double, confidence: Confidence = .single, hours: HourFigures
    ) {
        /// Each KPI's estimate; `largestUrgency`: the largest escalation probability of the scope's
        /// callers, what a caller lost weighs when none was. With `judged`, only the KPIs it names
        /// get exact bounds and percentile intervals (figures by hour that only sizing reads).
        /// `meanBusy`: the mean time a console is busy with one of the scope's calls, the scale of a
        /// wait nobody waited (`Estimate.init(ratios:events:noneWaitedScale:confidence:)`).
        func estimates(_ scope: some ScopeSample, largestUrgency: Double, meanBusy: Double?, judged: Set<KPI>? = nil) -> [Estimate] {
            /// Each KPI's percentile estimate, by `KPI.index` (`nil`: not a percentile).
            var read = [Estimate?](repeating: nil, count: KPI.allCases.count)
            for source in [PercentileSource.waits, .escalationDelays] {
                let kpis = KPI.allCases.filter { $0.percentile?.of == source }
                let bounded = judged.map { !$0.isDisjoint(with: kpis) } ?? true
                // Figures by hour that nothing judges are not read at all (no figure: "not estimated").
                guard bounded || judged == nil else {
                    let none = Estimate(mean: nil, ci95: nil, n: 0, values: [], degreesOfFreedom: 0, lower: -.infinity, upper: .infinity)
                    for kpi in kpis { read[kpi.index] = none }
                    continue
                }
                let found = scope.percentiles(source).estimates(kpis.map { $0.percentile!.level }, confidence: confidence, bounded: bounded)
                for (kpi, estimate) in zip(kpis, found) { read[kpi.index] = estimate }
            }
            return KPI.allCases.map { kpi in
                if let estimate = read[kpi.index] { return estimate }
                let exact = judged?.contains(kpi) ?? true
                if kpi == .urgentLost && exact { return scope.urgentLost(largestWeight: largestUrgency, confidence: confidence) }
                let waits = kpi == .asa || kpi == .meanWait
                return scope.ratio(
                    kpi, events: kpi.isShare && exact, noneWaitedScale: waits ? meanBusy : nil, confidence: confidence)
            }
        }
        func urgency(_ centre: Centre, types: [Int]? = nil) -> Double {
            (types ?? Array(centre.profiles.indices)).map { centre.profiles[$0].escalation.probability }.max() ?? 0
        }
        let anyCentre = scenario.centres.map { urgency($0) }.max() ?? 0
        func meanBusy(_ centres: [Centre]) -> Double? {
            let calls = centres.reduce(0) { $0 + $1.callsPerDay }
            return calls > 0 ? centres.reduce(0) { $0 + $1.offeredLoad(callTypes: scenario.callTypes) } * 86_400 / calls : nil
        }
        self.scenario = scenario
        self.confidence = confidence
        total = estimates(figures.scope(0), largestUrgency: anyCentre, meanBusy: meanBusy(scenario.centres))
        centres = scenario.centres.indices.map { index in
            CentreEstimates(
                code: scenario.centres[index].code, name: scenario.centres[index].name,
                kpis: estimates(
                    figures.scope(1 + index), largestUrgency: urgency(scenario.centres[index]),
                    meanBusy: meanBusy([scenario.centres[index]])))
        }
        types = scenario.callTypes.count < 2 ? [] : scenario.callTypes.indices.map { index in
            TypeEstimates(
                name: scenario.callTypes[index].name,
                kpis: estimates(
                    figures.scope(1 + scenario.centres.count + index),
                    largestUrgency: scenario.centres.map { urgency($0, types: [index]) }.max() ?? 0,
                    meanBusy: scenario.centres.map { $0.profiles[index].meanBusyTime }.max()))
        }
        // The total's hours and wait curve are shown, never judged: their intervals come from the
        // spread of replications alone.
        byHour = (0..<24).map { hour in
            HourKPI.allCases.map { kpi in figures.ratio(figures.hourOffset(hour) + kpi.index) }
        }
        waitSurvival = Curves.waitPoints(threshold: scenario.serviceLevelThreshold).enumerated().map { index, seconds in
            (seconds, figures.ratio(figures.survivalOffset + index))
        }
        escalationDelays = ([0] + scenario.callTypes.indices.map { 1 + scenario.centres.count + $0 }).map { scope in
            figures.percentiles(scope: scope, source: 1).estimates(Curves.escalationPercentiles, confidence: confidence)
        }
        // Hours are judged only on the KPIs of some target: the others get no exact bounds.
        let judged = Set((scenario.targets + scenario.hourlyTargets).map(\.measure.kpi))
        var centreHours: [Int: [[Estimate]]] = [:]
        for (slot, centre) in hours.centres.enumerated() {
            centreHours[centre] = (0..<24).map { hour in
                estimates(
                    hours.scope(slot: slot, hour: hour), largestUrgency: urgency(scenario.centres[centre]),
                    meanBusy: meanBusy([scenario.centres[centre]]), judged: judged)
            }
        }
        self.centreHours = centreHours
        let everyCentre = hours.centres == Array(scenario.centres.indices)
        totalHours = !everyCentre ? nil : (0..<24).map { hour in
            estimates(
                hours.scope(slot: hours.centres.count, hour: hour), largestUrgency: anyCentre,
                meanBusy: meanBusy(scenario.centres), judged: judged)
        }
        // By target, the total first, then each centre with its own threshold (docs/scenario-format.md,
        // "Each centre's own"); then the measures only some centres set.
        let shared = Set(scenario.targets.filter { !$0.nationalOnly }.map(\.measure))
        let rounds: [(total: Target?, measure: Target.Measure?)] = scenario.targets.map { ($0, $0.nationalOnly ? nil : $0.measure) }
            + Target.Measure.allCases.filter { !shared.contains($0) }.map { (nil, $0) }
        let centreTargets = scenario.centres.indices.map { scenario.targets(of: $0) }
        var rows: [TargetResult] = []
        for (total, measure) in rounds {
            if let total { rows.append(total.result(scope: .total, kpis: self.total, horizon: scenario.horizon, precision: scenario.precision)) }
            guard let measure else { continue }
            for (index, centre) in self.centres.enumerated() {
                guard let own = centreTargets[index].first(where: { $0.measure == measure }) else { continue }
                rows.append(own.result(scope: .centre(centre.code), kpis: centre.kpis, horizon: scenario.horizon, precision: scenario.precision))
            }
        }
        rows += HourScopes(scenario: scenario, centreHours: centreHours, totalHours: totalHours).hourlyResults
        self.targets = rows
        events = figures.events
        simulatedCalls = figures.arrivals
        self.wallSeconds = wallSeconds
        overload = figures.overload
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
