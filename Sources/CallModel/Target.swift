import SimStatistics

/// A performance target from a scenario's `targets` (every centre and the total) or
/// `national_targets` (the total only).
public struct Target: Sendable, Equatable {
    /// What a target bounds, by its scenario key.
    public enum Measure: String, CaseIterable, Sendable {
        case serviceLevel = "service_level"
        case abandonmentRate = "abandonment_rate"
        case asa
        case waitP95 = "wait_p95"
        case escalationDelayP95 = "escalation_delay_p95"
        case urgentLostPerYear = "urgent_lost_per_year"

        /// The KPI the target reads.
        public var kpi: KPI {
            switch self {
            case .serviceLevel: return .serviceLevel
            case .abandonmentRate: return .abandonmentRate
            case .asa: return .asa
            case .waitP95: return .waitP95
            case .escalationDelayP95: return .escalationDelayP95
            case .urgentLostPerYear: return .urgentLost
            }
        }

        /// The name of the figure in a target row: the KPI's key, or `urgent_lost_per_year`.
        public var reportedKey: String { self == .urgentLostPerYear ? rawValue : kpi.rawValue }

        /// `true` when the figure must be at least the threshold, `false` when at most.
        public var isMinimum: Bool { self == .serviceLevel }

        /// `true` when the threshold is a duration (seconds).
        public var isDuration: Bool { [.asa, .waitP95, .escalationDelayP95].contains(self) }
    }

    public var measure: Measure
    /// The bound, in the KPI's unit (seconds for durations; a fraction for rates).
    public var threshold: Double
    /// `true` for `national_targets`: the total only.
    public var nationalOnly: Bool

    public init(measure: Measure, threshold: Double, nationalOnly: Bool = false) {
        self.measure = measure
        self.threshold = threshold
        self.nationalOnly = nationalOnly
    }
}

/// How a target stands, judged on its estimate's interval, not its point estimate alone
/// (docs/model.md, "Targets and how they are decided").
public enum TargetState: String, Sendable, CaseIterable {
    /// The one-sided 95 % bound is on the right side of the threshold.
    case met
    /// Neither met nor missed, the interval within the decision zone, the estimate on the right side.
    case borderlineMet = "borderline-met"
    /// Neither met nor missed, the interval within the decision zone, the estimate on the wrong side.
    case borderlineMissed = "borderline-missed"
    /// Neither met nor missed, the interval wider than the decision zone: more replications needed.
    case undecided
    /// The one-sided 95 % bound is on the wrong side of the threshold.
    case missed
    /// Nothing to estimate it from (too few observations pooled).
    case notEstimated = "not estimated"

    /// `true` for the states that fail `check` (and that `size` does not accept).
    public var fails: Bool { self == .borderlineMissed || self == .undecided || self == .missed }
}

/// How one target fared in one scope (the total or a centre).
public struct TargetResult: Sendable {
    /// `total` or a centre's code.
    public let scope: String
    public let target: Target
    /// The estimate, in the target's unit (`urgent_lost_per_year` scaled to a year).
    public let estimate: Estimate
    /// Judged with the run's precision.
    public let state: TargetState
}

extension Target {
    /// The smallest decision zone, in the target's unit: 0.001 for shares, 1 s for durations, 0.1
    /// for counts a year.
    public var zoneFloor: Double {
        switch measure {
        case .serviceLevel, .abandonmentRate: return 0.001
        case .asa, .waitP95, .escalationDelayP95: return 1
        case .urgentLostPerYear: return 0.1
        }
    }

    /// The target's state given its estimate: met or missed when the one-sided 95 % bound
    /// (estimate ± ci95 · t₀.₉₅/t₀.₉₇₅) is clear of the threshold; otherwise borderline when the
    /// half-width is within the zone, `precision × |threshold|` (never below `zoneFloor`), else undecided.
    public func state(of estimate: Estimate, precision: Double) -> TargetState {
        guard let mean = estimate.mean else { return .notEstimated }
        let halfWidth = estimate.ci95 ?? .infinity
        let df = estimate.degreesOfFreedom
        let oneSided = df >= 1
            ? halfWidth * StudentT.quantile95(degreesOfFreedom: df) / StudentT.quantile975(degreesOfFreedom: df)
            : .infinity
        // Distances on the side that must hold: positive is good.
        let margin = measure.isMinimum ? mean - threshold : threshold - mean
        if halfWidth == 0 || margin - oneSided >= 0 { return margin >= 0 ? .met : .missed }
        if margin + oneSided < 0 { return .missed }
        let zone = max(precision * abs(threshold), zoneFloor)
        guard halfWidth <= zone else { return .undecided }
        return margin >= 0 ? .borderlineMet : .borderlineMissed
    }

    /// The estimate this target judges, from the scope's KPI estimates (`KPI.allCases` order) over
    /// a window of `horizon` seconds.
    public func estimate(from kpis: [Estimate], horizon: Double) -> Estimate {
        let estimate = kpis[measure.kpi.index]
        return measure == .urgentLostPerYear ? estimate.scaled(by: 365 * 86_400 / horizon) : estimate
    }

    /// The result of this target in `scope`, from the scope's KPI estimates.
    public func result(scope: String, kpis: [Estimate], horizon: Double, precision: Double) -> TargetResult {
        let estimate = estimate(from: kpis, horizon: horizon)
        return TargetResult(scope: scope, target: self, estimate: estimate, state: state(of: estimate, precision: precision))
    }
}
