import SimEngine
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
struct HourTally {
    /// One hour's counts and sums.
    struct Hour {
        var offered = 0, answered = 0, abandoned = 0, answeredWithinThreshold = 0
        var answeredWaitSum = 0.0, busyTime = 0.0
    }

    /// The 24 hours of the day, from 00:00.
    let hours = Table(repeating: Hour(), count: 24)

    /// KPIText per hour, each in `HourKPI.allCases` order. `consoleTime`: console-seconds on shift
    /// in the window in each hour of the day.
    func figures(consoleTime: [Double]) -> [[Double?]] {
        (0..<24).map { hour in
            let counted = hours[hour]
            return HourKPI.allCases.map { kpi -> Double? in
                switch kpi {
                case .offered: return Double(counted.offered)
                case .answered: return Double(counted.answered)
                case .abandoned: return Double(counted.abandoned)
                case .serviceLevel:
                    return counted.offered > 0 ? Double(counted.answeredWithinThreshold) / Double(counted.offered) : nil
                case .asa: return counted.answered > 0 ? counted.answeredWaitSum / Double(counted.answered) : nil
                case .utilisation: return consoleTime[hour] > 0 ? counted.busyTime / consoleTime[hour] : nil
                }
            }
        }
    }
}
