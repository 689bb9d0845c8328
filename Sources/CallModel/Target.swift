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

/// How one target fared in one scope (the total or a centre).
public struct TargetResult: Sendable {
    /// `total` or a centre's code.
    public let scope: String
    public let target: Target
    /// The estimate: the mean over replications, and its 95 % half-width.
    public let estimate: Estimate

    /// `true` when the estimate is on the right side of the threshold; `nil` when there is no estimate.
    public var met: Bool? { target.isMet(by: estimate) }
}

extension Target {
    /// `true` when the estimate's mean is on the right side of the threshold; `nil` when there is
    /// no estimate (the scope is skipped, neither passed nor failed).
    public func isMet(by estimate: Estimate) -> Bool? {
        guard let mean = estimate.mean else { return nil }
        return measure.isMinimum ? mean >= threshold : mean <= threshold
    }

    /// The estimate this target judges, from the scope's KPI estimates (`KPI.allCases` order) over
    /// a window of `horizon` seconds.
    public func estimate(from kpis: [Estimate], horizon: Double) -> Estimate {
        let estimate = kpis[measure.kpi.index]
        return measure == .urgentLostPerYear ? estimate.scaled(by: 365 * 86_400 / horizon) : estimate
    }
}
