import CallModel
import SimStatistics

/// Where consoles go for a target of the total under local routing (docs/model.md, "Sizing").
///
/// Under local routing a centre's figures depend only on its own callers and consoles, so the
/// total's urgent callers lost, calls abandoned or calls not answered within the threshold are the
/// sum of per-centre curves. Each curve point is a run in which only that centre's callers call,
/// replication by replication the same callers whatever its consoles (common random numbers), and
/// replication i of the total is the sum of the centres' replication i: what `check` of the full
/// scenario sees. A console goes to the centre whose next console reduces the failing figure most;
/// where that reduction is not significantly larger than another centre's (one-sided 5 %, the
/// centres' runs being independent), the larger Erlang A reduction decides, then the scenario's
/// order, so that the placement does not hinge on the seed.
struct NationalPlacement {
    let sizing: ConsoleSizing
    /// What each replication of a centre's callers alone adds to the total, by centre and
    /// consoles, in replication order: every measure's contribution at once, so that one run
    /// serves every target of the total and no measure is read for another.
    private var curves: [[Int: [CurvePoint]]]
    /// Curve points simulated (runs of one centre's callers).
    private(set) var runs = 0
    /// The level a run of the whole scenario decides at (its looks), so that a prediction judges
    /// as `check` would.
    let confidence: Confidence
    /// The largest escalation probability of any caller: what a caller lost weighs when none was.
    let largestUrgency: Double

    init(sizing: ConsoleSizing) {
        self.sizing = sizing
        let scenario = sizing.scenario
        curves = Array(repeating: [:], count: scenario.centres.count)
        confidence = Confidence(
            firstBatch: scenario.replications, cap: scenario.maxReplications, sequential: scenario.precision > 0)
        largestUrgency = scenario.centres.flatMap { $0.profiles.map(\.escalation.probability) }.max() ?? 0
    }

    /// Adds consoles to `plan` for the total's failing `target`, estimated on `replications` (or,
    /// while the figure is undecided, on as many more as the precision rule asks). For
    /// `urgent_lost_per_year`, which is the sum of the curves, consoles are added until the
    /// predicted total is met (not only just: `fallsShortForTheTotal`); for other targets one console is added (the caller runs the full
    /// scenario to judge it). At least one console is added, so that every call makes progress
    /// (the prediction is judged under the same caps as the run that found the miss, so it should
    /// agree). Returns `false` when no console can help.
    mutating func place(for target: Target, in plan: inout ConsolePlan, replications: Int) async -> Bool {
        var replications = replications
        guard target.measure == .urgentLostPerYear else {
            guard let centre = await bestCentre(plan, for: target.measure, replications: replications) else { return false }
            plan[ConsolePlan.Slot(centre: centre, hour: 0)] += 1
            return true
        }
        var added = false
        while true {
            let predicted = await predictedTotal(plan, target: target, from: replications)
            if added && !predicted.fallsShortForTheTotal { return true }
            added = true
            replications = predicted.estimate.n
            guard let centre = await bestCentre(plan, for: target.measure, replications: replications) else { return false }
            plan[ConsolePlan.Slot(centre: centre, hour: 0)] += 1
        }
    }

    /// What `check` would find for the total's `urgent_lost_per_year` target under `plan`, by the
    /// precision rule from `replications` (the estimate's `n` is the replications it was judged on).
    mutating func predictedTotal(_ plan: ConsolePlan, target: Target, from replications: Int) async -> TargetResult {
        precondition(target.measure == .urgentLostPerYear, "only urgent callers lost add up over the centres")
        let scenario = sizing.scenario
        var replications = replications
        while true {
            var totals = [Double](repeating: 0, count: replications)
            var calls = 0, lost = 0
            for centre in scenario.centres.indices {
                let points = await curve(centre, consoles: plan.staffing[centre].peak, replications: replications)
                for replication in 0..<replications { totals[replication] += points[replication].adds(to: target.measure) }
                calls += points.reduce(0) { $0 + $1.calls }
                lost += points.reduce(0) { $0 + $1.lostCallers }
            }
            var kpis = [Estimate](repeating: Estimate(values: []), count: KPI.allCases.count)
            kpis[target.measure.kpi.index] = Estimate(
                values: totals, events: lost, largestWeight: largestUrgency, confidence: confidence)
            let result = target.result(scope: .total, kpis: kpis, horizon: scenario.horizon, precision: scenario.precision)
            // The same caps as a run of the whole scenario (`Simulator.run`): the replications and the
            // calls, so that the prediction is what `check` would see.
            let affordable = Double(2 * calls) <= Scenario.maxCallsPerRun
            guard result.state == .undecided, scenario.precision > 0, replications < scenario.maxReplications, affordable
            else { return result }
            replications = min(2 * replications, scenario.maxReplications)
        }
    }

    /// The centre whose next console reduces the total's `measure` most, with ties (no significant
    /// difference) broken by Erlang A's reduction and then the scenario's order; `nil` when no
    /// centre may take a console or none would reduce the figure.
    mutating func bestCentre(_ plan: ConsolePlan, for measure: Target.Measure, replications: Int) async -> Int? {
        let scenario = sizing.scenario
        var reductions: [(centre: Int, mean: Double, variance: Double, erlang: Double)] = []
        for centre in scenario.centres.indices where scenario.centres[centre].callsPerDay > 0 {
            let consoles = plan.staffing[centre].peak
            guard consoles < sizing.maxConsoles else { continue }
            let now = await curve(centre, consoles: consoles, replications: replications)
            let more = await curve(centre, consoles: consoles + 1, replications: replications)
            let gains = (0..<replications).map { now[$0].adds(to: measure) - more[$0].adds(to: measure) }
            let mean = gains.reduce(0, +) / Double(replications)
            let variance = replications > 1
                ? gains.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(replications - 1) : 0
            reductions.append((centre, mean, variance, erlangReduction(centre, consoles: consoles, for: measure)))
        }
        guard let best = reductions.max(by: { $0.mean < $1.mean }) else { return nil }
        guard best.mean > 0 || reductions.contains(where: { $0.erlang > 0 }) else { return nil }
        let t = replications > 1 ? StudentT.quantile95(degreesOfFreedom: replications - 1) : .infinity
        let n = Double(replications)
        let close = reductions.filter { best.mean - $0.mean <= t * ((best.variance + $0.variance) / n).squareRoot() }
        return close.max { $0.erlang < $1.erlang || ($0.erlang == $1.erlang && $0.centre > $1.centre) }?.centre
    }

    /// Erlang A's reduction of the total's `measure` a day from one more console at `centre`:
    /// λ·p·ΔP(abandon) for urgent callers lost, λ·ΔP(abandon) for calls abandoned, λ·ΔSL otherwise.
    func erlangReduction(_ centre: Int, consoles: Int, for measure: Target.Measure) -> Double {
        let scenario = sizing.scenario
        let site = scenario.centres[centre]
        guard let formula = ErlangStart.formula(site, callsPerSecond: site.callsPerDay / 86_400, in: scenario) else { return 0 }
        guard consoles > 0 else { return .infinity }
        let (now, more) = (formula(consoles), formula(consoles + 1))
        switch measure {
        case .urgentLostPerYear:
            let urgent = zip(scenario.callTypes, site.profiles).reduce(0) { $0 + $1.0.share * $1.1.escalation.probability }
            return site.callsPerDay * urgent * (now.pAbandon - more.pAbandon)
        case .abandonmentRate:
            return site.callsPerDay * (now.pAbandon - more.pAbandon)
        default:
            let within = scenario.serviceLevelThreshold
            return site.callsPerDay * (more.serviceLevel(within: within) - now.serviceLevel(within: within))
        }
    }

    /// What the first `replications` replications of `centre` add to the total with `consoles`,
    /// simulating only the replications not yet run.
    mutating func curve(_ centre: Int, consoles: Int, replications: Int) async -> [CurvePoint] {
        let known = curves[centre][consoles] ?? []
        guard known.count < replications else { return Array(known.prefix(replications)) }
        if known.isEmpty { runs += 1 }
        var alone = sizing.alone(centre).scenario
        alone.centres[0].staffing = .allDay(consoles)
        let summaries = await Simulator.batch(alone, replications: known.count..<replications, jobs: sizing.jobs)
        let values = known + summaries.map { CurvePoint($0.centres[0], calls: $0.arrivals) }
        curves[centre][consoles] = values
        return values
    }

    /// What one replication's figures add to the total's `measure`: its urgent callers lost,
    /// its calls abandoned, or its calls not answered within the threshold.
    static func contribution(_ figures: [Double?], to measure: Target.Measure) -> Double {
        switch measure {
        case .urgentLostPerYear: return figures[KPI.urgentLost.index] ?? 0
        case .abandonmentRate: return figures[KPI.abandoned.index] ?? 0
        default:
            let offered = figures[KPI.offered.index] ?? 0
            return offered * (1 - (figures[KPI.serviceLevel.index] ?? 1))
        }
    }
}

/// What one replication of a centre's callers alone adds to the total's figures, for each measure
/// a target of the total may bound, and the calls it simulated.
struct CurvePoint {
    let urgentLost: Double
    let abandoned: Double
    let notWithinThreshold: Double
    /// Callers lost for good: the events behind `urgentLost`.
    let lostCallers: Int
    /// Calls simulated, counted or not: what the caps on a run's work count.
    let calls: Int

    init(_ centre: ScopeFigures, calls: Int) {
        let figures = centre.figures.map(\.value)
        lostCallers = centre.lostCallers
        urgentLost = NationalPlacement.contribution(figures, to: .urgentLostPerYear)
        abandoned = NationalPlacement.contribution(figures, to: .abandonmentRate)
        notWithinThreshold = NationalPlacement.contribution(figures, to: .serviceLevel)
        self.calls = calls
    }

    /// What it adds to `measure`'s figure (`NationalPlacement.contribution`).
    func adds(to measure: Target.Measure) -> Double {
        switch measure {
        case .urgentLostPerYear: return urgentLost
        case .abandonmentRate: return abandoned
        default: return notWithinThreshold
        }
    }
}
