import SimStatistics

/// A run's whole-day figures — the total, each centre and each call type, the hours of the day and
/// the wait curve — gathered as replications end, in replication order, in memory that need not
/// grow with the replications (docs/model.md, "Estimators").
///
/// Observations (waits, delays to 112) are pooled at once into blocks of consecutive replications
/// whose edges are every edge of the k = min(10, n) sections `PooledPercentiles` splits n
/// replications into, for every n the run may stop at (`Confidence.counts`): the sections, and so
/// the percentiles and their intervals, are exactly those of the replications kept one by one.
/// Each replication's figures (ratios) are kept while the run can hold at most `maxKeptFigures`
/// of them, for the estimates and for `Estimate.values` (report.json's pairs); past that only
/// their running sums (`RatioSums`), and `values` is empty.
public struct RunFigures: Sendable {
    /// The most figures (a ratio each: every KPI of every scope, every hour's, the wait curve's) of
    /// all replications a run keeps one by one: about 64 MB (e.g. 2,000 replications of 47 centres,
    /// 15,000 of one centre).
    public static let maxKeptFigures = 4_000_000

    /// Replications added so far.
    public private(set) var replications = 0
    /// Events processed and calls simulated over those replications.
    public private(set) var events = 0, arrivals = 0
    /// The first replication (in order) that stopped with too many callers at once.
    public private(set) var overload: Overload?

    /// Scopes: the total, each centre, each call type.
    let scopeCount: Int
    let waitPoints: Int
    /// Each replication's figures, `layout` order; `nil` when only sums are kept.
    private(set) var kept: [[Ratio]]?
    /// The running sums of every figure, `layout` order.
    private(set) var sums: [RatioSums]
    /// Callers lost for good, by scope.
    private(set) var lostCallers: [Int]
    /// Replications from which each block of observations starts (ascending, from 0).
    let edges: [Int]
    /// Each block's observations: `scope × 2` waits, `scope × 2 + 1` delays to 112.
    private(set) var blocks: [[CompactHistogram]] = []
    /// Replications with at least one observation, by `scope × 2 + source`.
    private(set) var measured: [Int]

    /// Nothing gathered yet, for a run of `scenario` that may stop at any of `counts` replications.
    public init(_ scenario: Scenario, counts: [Int]) {
        scopeCount = 1 + scenario.centres.count + scenario.callTypes.count
        waitPoints = Curves.waitPoints(threshold: scenario.serviceLevelThreshold).count
        let figures = scopeCount * KPI.allCases.count + 24 * HourKPI.allCases.count + waitPoints
        kept = (counts.max() ?? 0) * figures <= Self.maxKeptFigures ? [] : nil
        sums = Array(repeating: RatioSums(), count: figures)
        lostCallers = Array(repeating: 0, count: scopeCount)
        measured = Array(repeating: 0, count: 2 * scopeCount)
        var edges: Set<Int> = [0]
        for n in counts {
            let k = min(10, n)
            for section in 0..<k { edges.insert(section * n / k) }
        }
        self.edges = edges.sorted()
    }

    /// Where the figures of hour `hour` start in `layout` order (after every scope's KPIs).
    func hourOffset(_ hour: Int) -> Int { scopeCount * KPI.allCases.count + hour * HourKPI.allCases.count }

    /// Where the wait curve starts in `layout` order (after the hours).
    var survivalOffset: Int { hourOffset(24) }

    /// Adds the next replication's figures (replications must come in order, from 0).
    public mutating func add(_ summary: ReplicationSummary) {
        let scopes = [summary.total] + summary.centres + summary.types
        precondition(scopes.count == scopeCount && summary.waitSurvival.count == waitPoints)
        let layout = scopes.flatMap(\.figures) + summary.hours.flatMap { $0 } + summary.waitSurvival
        for (index, ratio) in layout.enumerated() { sums[index].add(ratio) }
        kept?.append(layout)
        if blocks.count < edges.count, edges[blocks.count] == replications {
            blocks.append(Array(repeating: .empty, count: 2 * scopeCount))
        }
        let block = blocks.count - 1
        for (scope, figures) in scopes.enumerated() {
            lostCallers[scope] += figures.lostCallers
            for (source, observations) in [figures.waits, figures.escalationDelays].enumerated() {
                blocks[block][2 * scope + source] = blocks[block][2 * scope + source].adding(observations)
                if observations.count > 0 { measured[2 * scope + source] += 1 }
            }
        }
        events += summary.events
        arrivals += summary.arrivals
        if overload == nil { overload = summary.overload }
        replications += 1
    }

    /// Gathers `replications`' figures, in order, for a run that stopped at their number.
    public init(_ scenario: Scenario, replications: [ReplicationSummary]) {
        self.init(scenario, counts: [replications.count])
        for summary in replications { add(summary) }
    }

    /// The estimate of figure `index` (`layout` order) from each replication's ratio or their sums.
    func ratio(_ index: Int, events: Bool = false, noneWaitedScale: Double? = nil, confidence: Confidence = .single) -> Estimate {
        guard let kept else {
            return Estimate(sums: sums[index], events: events, noneWaitedScale: noneWaitedScale, confidence: confidence)
        }
        return Estimate(
            ratios: kept.map { $0[index] }, events: events, noneWaitedScale: noneWaitedScale, confidence: confidence)
    }

    /// Scope `scope`'s observations from `source` (0 waits, 1 delays to 112) in the sections of
    /// the replications added so far.
    func percentiles(scope: Int, source: Int) -> PooledPercentiles {
        let n = replications, k = min(10, n)
        let sections = (0..<k).map { section in
            let (from, to) = (section * n / k, (section + 1) * n / k)
            precondition(edges.contains(from), "a run stopped at \(n) replications, which its blocks were not cut for")
            return blocks.indices.filter { edges[$0] >= from && edges[$0] < to }
                .reduce(CompactHistogram.empty) { $0.adding(blocks[$1][2 * scope + source]) }
        }
        return PooledPercentiles(sections: sections, measured: measured[2 * scope + source])
    }

    /// Scope `scope` (0 the total, then each centre, then each call type) as a sample to estimate from.
    func scope(_ scope: Int) -> DayScope { DayScope(figures: self, scope: scope) }
}

/// One whole-day scope of a run's figures (`RunFigures`).
struct DayScope: ScopeSample {
    let figures: RunFigures
    let scope: Int

    func ratio(_ kpi: KPI, events: Bool, noneWaitedScale: Double?, confidence: Confidence) -> Estimate {
        figures.ratio(
            scope * KPI.allCases.count + kpi.index, events: events, noneWaitedScale: noneWaitedScale, confidence: confidence)
    }

    func urgentLost(largestWeight: Double, confidence: Confidence) -> Estimate {
        let index = scope * KPI.allCases.count + KPI.urgentLost.index, events = figures.lostCallers[scope]
        guard let kept = figures.kept else {
            return Estimate(sums: figures.sums[index], events: events, largestWeight: largestWeight, confidence: confidence)
        }
        return Estimate(values: kept.map { $0[index].part }, events: events, largestWeight: largestWeight, confidence: confidence)
    }

    func percentiles(_ source: PercentileSource) -> PooledPercentiles {
        figures.percentiles(scope: scope, source: source == .waits ? 0 : 1)
    }
}
