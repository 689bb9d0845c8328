import SimStatistics

/// What one replication counted for one group of callers (a centre, a call type or the total):
/// counters, sums and histograms, streamed as calls end so memory does not grow with the horizon.
struct CallTally: Sendable {
    var offered = 0, answered = 0, abandoned = 0, blocked = 0
    var answeredWithinThreshold = 0
    var escalated = 0, urgentLostCount = 0, overflowed = 0, redials = 0
    /// The expected urgent callers lost: each caller lost for good adds his escalation probability
    /// (docs/model.md, "Escalation and urgent loss").
    var urgentLost = 0.0
    /// Sum of the waits of answered calls, and of answered and abandoned calls, in seconds.
    var answeredWaitSum = 0.0, waitSum = 0.0
    /// Console-seconds busy within the window (its own consoles; centres only).
    var busyTime = 0.0
    var waits = WaitHistogram()
    var escalationDelays = WaitHistogram()

    mutating func add(_ other: CallTally) {
        offered += other.offered
        answered += other.answered
        abandoned += other.abandoned
        blocked += other.blocked
        answeredWithinThreshold += other.answeredWithinThreshold
        escalated += other.escalated
        urgentLost += other.urgentLost
        urgentLostCount += other.urgentLostCount
        overflowed += other.overflowed
        redials += other.redials
        answeredWaitSum += other.answeredWaitSum
        waitSum += other.waitSum
        busyTime += other.busyTime
        waits.merge(other.waits)
        escalationDelays.merge(other.escalationDelays)
    }

    /// This replication's figures, and the observations its percentiles are read from when the
    /// replications are pooled. `consoleTime`: console-seconds on shift in the window (`nil` for a call type).
    func scope(consoleTime: Double?) -> ScopeFigures {
        ScopeFigures(figures: figures(consoleTime: consoleTime), waits: waits.compact(), escalationDelays: escalationDelays.compact())
    }

    /// This replication's figure for each KPI, in `KPI.allCases` order; `nil` where there was
    /// nothing to measure, and for percentiles (pooled over replications instead).
    /// `consoleTime`: console-seconds on shift in the window (`nil` for a call type).
    func figures(consoleTime: Double?) -> [Double?] {
        func ratio(_ part: Double, _ whole: Int) -> Double? { whole > 0 ? part / Double(whole) : nil }
        return KPI.allCases.map { kpi -> Double? in
            switch kpi {
            case .offered: return Double(offered)
            case .answered: return Double(answered)
            case .abandoned: return Double(abandoned)
            case .blocked: return Double(blocked)
            case .abandonmentRate: return ratio(Double(abandoned), offered)
            case .serviceLevel: return ratio(Double(answeredWithinThreshold), offered)
            case .asa: return ratio(answeredWaitSum, answered)
            case .meanWait: return ratio(waitSum, offered - blocked)
            case .waitP50, .waitP90, .waitP95, .waitP99, .escalationDelayP95: return nil
            case .utilisation:
                guard let consoleTime, consoleTime > 0 else { return nil }
                return busyTime / consoleTime
            case .escalated: return Double(escalated)
            case .urgentLost: return urgentLost
            case .urgentLostCount: return Double(urgentLostCount)
            case .overflowed: return Double(overflowed)
            case .redials: return Double(redials)
            }
        }
    }
}

/// What one replication counted for each hour of the day, for the total's `by_hour` rows:
/// calls by the hour they arrived, console time by the clock hour.
struct HourTally: Sendable {
    var offered = [Int](repeating: 0, count: 24)
    var answered = [Int](repeating: 0, count: 24)
    var abandoned = [Int](repeating: 0, count: 24)
    var answeredWithinThreshold = [Int](repeating: 0, count: 24)
    var answeredWaitSum = [Double](repeating: 0, count: 24)
    var busyTime = [Double](repeating: 0, count: 24)

    /// KPIText per hour, each in `HourKPI.allCases` order. `consoleTime`: console-seconds on shift
    /// in the window in each hour of the day.
    func figures(consoleTime: [Double]) -> [[Double?]] {
        (0..<24).map { hour in
            HourKPI.allCases.map { kpi -> Double? in
                switch kpi {
                case .offered: return Double(offered[hour])
                case .answered: return Double(answered[hour])
                case .abandoned: return Double(abandoned[hour])
                case .serviceLevel:
                    return offered[hour] > 0 ? Double(answeredWithinThreshold[hour]) / Double(offered[hour]) : nil
                case .asa: return answered[hour] > 0 ? answeredWaitSum[hour] / Double(answered[hour]) : nil
                case .utilisation: return consoleTime[hour] > 0 ? busyTime[hour] / consoleTime[hour] : nil
                }
            }
        }
    }
}
