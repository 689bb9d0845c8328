/// The figures callsim reports for a centre, a call type and the total, in the order the result
/// document lists them; the raw value is the document's key (docs/scenario-format.md, "Results"; docs/model.md, "Estimators").
public enum KPI: String, CaseIterable, Sendable {
    case offered, answered, abandoned, blocked
    case abandonmentRate = "abandonment_rate"
    case serviceLevel = "service_level"
    case asa = "asa_s"
    case meanWait = "mean_wait_s"
    case waitP50 = "wait_p50_s", waitP90 = "wait_p90_s", waitP95 = "wait_p95_s", waitP99 = "wait_p99_s"
    case utilisation, escalated
    case urgentLost = "urgent_lost"
    case urgentLostCount = "urgent_lost_count"
    case escalationDelayP95 = "escalation_delay_p95_s"
    case overflowed, redials
    /// Distinct callers whose first attempt fell in the window, and the share of them never answered
    /// (their last attempt abandoned or blocked); console-hours on shift in the window.
    case callers
    case unservedRate = "unserved_rate"
    case consoleHours = "console_hours"

    /// The position of the KPI in `allCases`, for arrays indexed by KPI. A switch, not a lookup:
    /// figures index by KPI in every scope of every run, and a raw-valued enum hashes its string.
    /// The compiler sees every case; KPITests checks the order against `allCases`.
    public var index: Int {
        switch self {
        case .offered: return 0
        case .answered: return 1
        case .abandoned: return 2
        case .blocked: return 3
        case .abandonmentRate: return 4
        case .serviceLevel: return 5
        case .asa: return 6
        case .meanWait: return 7
        case .waitP50: return 8
        case .waitP90: return 9
        case .waitP95: return 10
        case .waitP99: return 11
        case .utilisation: return 12
        case .escalated: return 13
        case .urgentLost: return 14
        case .urgentLostCount: return 15
        case .escalationDelayP95: return 16
        case .overflowed: return 17
        case .redials: return 18
        case .callers: return 19
        case .unservedRate: return 20
        case .consoleHours: return 21
        }
    }

    /// Hashes the position, not the raw string (`Set<KPI>`, `[KPI: …]`).
    public func hash(into hasher: inout Hasher) { hasher.combine(index) }

    /// `true` when a higher figure is better (service level); `false` when lower is better
    /// (waits, abandonment); `nil` for volumes, which are neither.
    public var higherIsBetter: Bool? {
        switch self {
        case .serviceLevel: return true
        case .abandonmentRate, .asa, .meanWait, .waitP50, .waitP90, .waitP95, .waitP99,
            .urgentLost, .urgentLostCount, .escalationDelayP95, .blocked, .abandoned, .unservedRate:
            return false
        case .offered, .answered, .utilisation, .escalated, .overflowed, .redials, .callers, .consoleHours: return nil
        }
    }

    /// `true` for a share of calls (abandoned, answered within the threshold, of those offered):
    /// its part counts events among its whole, so its interval is never narrower than a binomial
    /// count allows. (Every KPI listed, here and in `percentile`: a new one does not compile until it says.)
    public var isShare: Bool {
        switch self {
        case .abandonmentRate, .serviceLevel, .unservedRate: return true
        case .offered, .answered, .abandoned, .blocked, .asa, .meanWait, .waitP50, .waitP90, .waitP95, .waitP99,
            .utilisation, .escalated, .urgentLost, .urgentLostCount, .escalationDelayP95, .overflowed, .redials, .callers,
            .consoleHours:
            return false
        }
    }

    /// For a percentile: which observations it reads and its level. Percentiles are read from all
    /// replications' observations pooled (docs/model.md, "Estimators").
    public var percentile: (of: PercentileSource, level: Double)? {
        switch self {
        case .waitP50: return (.waits, 0.50)
        case .waitP90: return (.waits, 0.90)
        case .waitP95: return (.waits, 0.95)
        case .waitP99: return (.waits, 0.99)
        case .escalationDelayP95: return (.escalationDelays, 0.95)
        case .offered, .answered, .abandoned, .blocked, .abandonmentRate, .serviceLevel, .asa, .meanWait, .utilisation,
            .escalated, .urgentLost, .urgentLostCount, .overflowed, .redials, .callers, .unservedRate, .consoleHours:
            return nil
        }
    }
}

/// The observations a percentile KPI reads.
public enum PercentileSource: Sendable {
    /// Waits of answered calls.
    case waits
    /// Delays from first attempt to the 112 alert, of escalated calls.
    case escalationDelays
}

/// The figures of one hour of the day in the total's `by_hour` rows (docs/scenario-format.md, "Results").
public enum HourKPI: String, CaseIterable, Sendable {
    case offered, answered, abandoned
    case serviceLevel = "service_level"
    case asa = "asa_s"
    case utilisation

    /// The position of the figure in `allCases`, for rows indexed by it.
    public var index: Int { Self.allCases.firstIndex(of: self)! }
}

/// The curves the results carry beside the KPIs: the share of answered callers still waiting at
/// each of a fixed set of waits, and percentiles of the delay to 112.
public enum Curves {
    /// Waits (seconds) at which the survival curve is measured, the service-level threshold added.
    public static func waitPoints(threshold: Double) -> [Double] {
        Array(Set(fixedWaits + [threshold])).sorted()
    }

    static let fixedWaits: [Double] = [
        0, 5, 10, 15, 20, 30, 40, 50, 60, 75, 90, 105, 120, 150, 180, 240, 300, 360, 480, 600, 900, 1_200, 1_800,
        2_700, 3_600,
    ]

    /// Percentiles of the delay from first ring to 112 alerted.
    public static let escalationPercentiles: [Double] = [0.5, 0.9, 0.95, 0.99]
}
