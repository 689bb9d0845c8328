import SimStatistics

/// Figures by the hour of day calls arrived — for some centres, and for those centres together —
/// gathered over replications as they end, in replication order, in memory that does not grow
/// with the replications (docs/model.md, "Hours").
///
/// Each scope-hour keeps each KPI's running sums (`RatioSums`), the callers lost for good, and its
/// observations (waits, delays to 112) in at most 10 sections: replication i goes to section
/// i mod 10, so each section pools a like share of the independent replications and percentiles
/// get the intervals of `PooledPercentiles`.
public struct HourFigures: Sendable {
    /// One scope-hour's figures so far.
    struct Scope: Sendable {
        static let sections = 10
        var kpis = [RatioSums](repeating: RatioSums(), count: KPI.allCases.count)
        var lostCallers = 0
        var waits = [CompactHistogram](repeating: .empty, count: sections)
        var delays = [CompactHistogram](repeating: .empty, count: sections)
        /// Replications with at least one wait, and with at least one delay to 112.
        var measuredWaits = 0, measuredDelays = 0

        mutating func add(_ figures: ScopeFigures, replication: Int) {
            for index in kpis.indices { kpis[index].add(figures.figures[index]) }
            lostCallers += figures.lostCallers
            let section = replication % Self.sections
            waits[section] = waits[section].adding(figures.waits)
            delays[section] = delays[section].adding(figures.escalationDelays)
            if figures.waits.count > 0 { measuredWaits += 1 }
            if figures.escalationDelays.count > 0 { measuredDelays += 1 }
        }
    }

    /// The centres tallied by hour, in the order of `ReplicationSummary.hourlyCentres`.
    public let centres: [Int]
    /// `slot × 24 + hour` for the centres, then the 24 hours of those centres together.
    var scopes: [Scope]
    /// Replications added so far.
    public private(set) var replications = 0

    /// Nothing gathered yet, for `centres` tallied by hour.
    public init(centres: [Int]) {
        self.centres = centres
        scopes = Array(repeating: Scope(), count: centres.isEmpty ? 0 : (centres.count + 1) * 24)
    }

    /// Adds the next replication's figures by hour (replications must come in order, from 0).
    public mutating func add(_ summary: ReplicationSummary) {
        precondition(summary.hourlyCentres == centres && summary.centreHours.count == centres.count * 24)
        for (index, figures) in (summary.centreHours + summary.totalHours).enumerated() {
            scopes[index].add(figures, replication: replications)
        }
        replications += 1
    }

    /// Gathers `replications`' figures by hour, in order.
    public init(_ replications: [ReplicationSummary]) {
        self.init(centres: replications.first?.hourlyCentres ?? [])
        for summary in replications { add(summary) }
    }

    /// A centre's figures in an hour (`slot` its place in `centres`), or the centres' together
    /// (`slot` = `centres.count`).
    func scope(slot: Int, hour: Int) -> Scope { scopes[slot * 24 + hour] }
}

extension HourFigures.Scope: ScopeSample {
    func ratio(_ kpi: KPI, events: Bool, noneWaitedScale: Double?, confidence: Confidence) -> Estimate {
        Estimate(sums: kpis[kpi.index], events: events, noneWaitedScale: noneWaitedScale, confidence: confidence)
    }

    func urgentLost(largestWeight: Double, confidence: Confidence) -> Estimate {
        Estimate(sums: kpis[KPI.urgentLost.index], events: lostCallers, largestWeight: largestWeight, confidence: confidence)
    }

    func percentiles(_ source: PercentileSource) -> PooledPercentiles {
        let n = kpis[0].count, k = min(Self.sections, n)
        switch source {
        case .waits: return PooledPercentiles(sections: Array(waits.prefix(k)), measured: measuredWaits)
        case .escalationDelays: return PooledPercentiles(sections: Array(delays.prefix(k)), measured: measuredDelays)
        }
    }
}

/// Where a scope's KPI estimates come from: each replication's figures kept, or their running sums
/// (`DayScope`, `HourFigures.Scope`).
protocol ScopeSample {
    /// A ratio-of-sums KPI (`Estimate.init(ratios:events:noneWaitedScale:confidence:)`).
    func ratio(_ kpi: KPI, events: Bool, noneWaitedScale: Double?, confidence: Confidence) -> Estimate
    /// Urgent callers lost, with the exact Poisson bounds of the callers lost for good.
    func urgentLost(largestWeight: Double, confidence: Confidence) -> Estimate
    /// The observations a percentile reads, pooled and in sections.
    func percentiles(_ source: PercentileSource) -> PooledPercentiles
}
