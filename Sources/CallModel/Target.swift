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

        /// `true` for the measures `hourly_targets` may set (judged on an hour's calls).
        public var isHourly: Bool { [.serviceLevel, .abandonmentRate, .asa, .waitP95].contains(self) }
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
    public let scope: Scope
    public let target: Target
    /// The estimate, in the target's unit (`urgent_lost_per_year` scaled to a year).
    public let estimate: Estimate
    /// Judged with the run's precision.
    public let state: TargetState
    /// For an hourly target, the clock hour (0 ... 23) whose calls it is judged on; `nil` for the
    /// whole day.
    public let hour: Int?

    public init(scope: Scope, target: Target, estimate: Estimate, state: TargetState, hour: Int? = nil) {
        self.scope = scope
        self.target = target
        self.estimate = estimate
        self.state = state
        self.hour = hour
    }

    /// The point estimate is on the side of the threshold that must hold (`false` when there is none).
    public var onTheRightSide: Bool {
        guard let mean = estimate.mean else { return false }
        return target.measure.isMinimum ? mean >= target.threshold : mean <= target.threshold
    }
}

extension Target {
    /// The decision zone at `precision`: how wide a 95 % interval may be for the target to be called
    /// borderline rather than undecided. For a share it is `precision` of the room the threshold
    /// leaves — the threshold for "at most" (abandonment ≤ 5 %: ± 0.25 %), one minus it for "at
    /// least" (service level ≥ 80 %: ± 1 %) — so both kinds are judged alike, on the calls that
    /// miss. For durations it is `precision × threshold`, never below 1 s; for urgent callers lost,
    /// never below 0.1 a year; but those floors never exceed a tenth of the threshold (a zone wider
    /// than the threshold would call "0 lost" borderline-met against any threshold).
    public func zone(precision: Double) -> Double {
        let relative = precision * abs(threshold)
        switch measure {
        case .serviceLevel, .abandonmentRate: return precision * (measure.isMinimum ? 1 - threshold : threshold)
        case .asa, .waitP95, .escalationDelayP95: return max(relative, min(1, abs(threshold) / 10))
        case .urgentLostPerYear: return max(relative, min(0.1, abs(threshold) / 10))
        }
    }

    /// The target's state given its estimate: met or missed when the estimate's one-sided bound
    /// (at the run's `Confidence`) is clear of the threshold; otherwise borderline when the 95 %
    /// half-width is within `zone(precision:)`, else undecided. With no bound on either side (one
    /// replication, or every replication alike where no exact bound applies) it is undecided: an
    /// interval of zero width is never certainty.
    public func state(of estimate: Estimate, precision: Double) -> TargetState {
        guard let mean = estimate.mean else { return .notEstimated }
        let (lower, upper) = (estimate.lower, estimate.upper)
        if measure.isMinimum {
            if lower >= threshold { return .met }
            if upper < threshold { return .missed }
        } else {
            if upper <= threshold { return .met }
            if lower > threshold { return .missed }
        }
        guard lower.isFinite || upper.isFinite, let halfWidth = estimate.ci95, halfWidth <= zone(precision: precision) else {
            return .undecided
        }
        let onTheRightSide = measure.isMinimum ? mean >= threshold : mean <= threshold
        return onTheRightSide ? .borderlineMet : .borderlineMissed
    }

    /// The estimate this target judges, from the scope's KPI estimates (`KPI.allCases` order) over
    /// a window of `horizon` seconds.
    public func estimate(from kpis: [Estimate], horizon: Double) -> Estimate {
        let estimate = kpis[measure.kpi.index]
        return measure == .urgentLostPerYear ? estimate.scaled(by: 365 * 86_400 / horizon) : estimate
    }

    /// The result of this target in `scope`, from the scope's KPI estimates.
    /// - Parameter hour: the clock hour `kpis` are of, for an hourly target.
    public func result(scope: Scope, kpis: [Estimate], horizon: Double, precision: Double, hour: Int? = nil) -> TargetResult {
        let estimate = estimate(from: kpis, horizon: horizon)
        return TargetResult(
            scope: scope, target: self, estimate: estimate, state: state(of: estimate, precision: precision), hour: hour)
    }
}
