import SimEngine
import SimStatistics

/// What one replication counted for one group of callers (a centre, a call type or the total):
/// counters, sums and histograms, streamed as calls end so memory does not grow with the horizon.
///
/// The stored properties have no default values, on purpose: the memberwise initialiser then
/// takes every one of them, and `init()` and `add` build a tally through it, so a property added
/// and forgotten in either does not compile. (`CallTallyTests`, in KPITests.swift, checks with
/// `Mirror` that `add` merges every stored property, should one be given a default value after all.)
struct CallTally: Sendable {
    var offered: Int, answered: Int, abandoned: Int, blocked: Int
    var answeredWithinThreshold: Int
    var escalated: Int, urgentLostCount: Int, overflowed: Int, redials: Int
    /// Callers whose first attempt fell in the window and who were never answered (their first
    /// attempts are `offered − redials`: every counted attempt is a first one or a redial).
    var unservedCallers: Int
    /// Callers lost for good (gave up or met a busy tone, and did not call again), urgent or not.
    var lostCallers: Int
    /// The expected urgent callers lost: each caller lost for good adds his escalation probability
    /// (docs/model.md, "Escalation and urgent loss").
    var urgentLost: Double
    /// Sum of the waits of answered calls, and of answered and abandoned calls, in seconds.
    var answeredWaitSum: Double, waitSum: Double
    /// Console-seconds busy within the window (its own consoles; centres only).
    var busyTime: Double
    var waits: WaitHistogram
    var escalationDelays: WaitHistogram

    /// Adds `other`'s counts, sums and histograms to these.
    mutating func add(_ other: CallTally) {
        // The histograms are taken out and merged in place (no copy of their buckets), then every
        // property is set at once through the memberwise initialiser.
        var waits = WaitHistogram(), escalationDelays = WaitHistogram()
        swap(&waits, &self.waits)
        swap(&escalationDelays, &self.escalationDelays)
        waits.merge(other.waits)
        escalationDelays.merge(other.escalationDelays)
        self = CallTally(
            offered: offered + other.offered, answered: answered + other.answered,
            abandoned: abandoned + other.abandoned, blocked: blocked + other.blocked,
            answeredWithinThreshold: answeredWithinThreshold + other.answeredWithinThreshold,
            escalated: escalated + other.escalated, urgentLostCount: urgentLostCount + other.urgentLostCount,
            overflowed: overflowed + other.overflowed, redials: redials + other.redials,
            unservedCallers: unservedCallers + other.unservedCallers, lostCallers: lostCallers + other.lostCallers,
            urgentLost: urgentLost + other.urgentLost, answeredWaitSum: answeredWaitSum + other.answeredWaitSum,
            waitSum: waitSum + other.waitSum, busyTime: busyTime + other.busyTime,
            waits: waits, escalationDelays: escalationDelays)
    }

    /// This replication's figures, and the observations its percentiles are read from when the
    /// replications are pooled. `consoleTime`: console-seconds on shift in the window (`nil` for a call type).
    func scope(consoleTime: Double?) -> ScopeFigures {
        ScopeFigures(
            figures: figures(consoleTime: consoleTime), lostCallers: lostCallers, waits: waits.compact(),
            escalationDelays: escalationDelays.compact())
    }

    /// This replication's figure for each KPI, in `KPI.allCases` order, as the sums it is a ratio
    /// of (counts over 1); `Ratio.none` where there was nothing to measure, and for percentiles
    /// (pooled over replications instead). `consoleTime`: console-seconds on shift in the window
    /// (`nil` for a call type).
    func figures(consoleTime: Double?) -> [Ratio] {
        KPI.allCases.map { kpi -> Ratio in
            switch kpi {
            case .offered: return Ratio(count: Double(offered))
            case .answered: return Ratio(count: Double(answered))
            case .abandoned: return Ratio(count: Double(abandoned))
            case .blocked: return Ratio(count: Double(blocked))
            case .abandonmentRate: return Ratio(Double(abandoned), of: Double(offered))
            case .serviceLevel: return Ratio(Double(answeredWithinThreshold), of: Double(offered))
            case .asa: return Ratio(answeredWaitSum, of: Double(answered))
            case .meanWait: return Ratio(waitSum, of: Double(offered - blocked))
            case .waitP50, .waitP90, .waitP95, .waitP99, .escalationDelayP95: return .none
            case .utilisation: return Ratio(busyTime, of: consoleTime ?? 0)
            case .escalated: return Ratio(count: Double(escalated))
            case .urgentLost: return Ratio(count: urgentLost)
            case .urgentLostCount: return Ratio(count: Double(urgentLostCount))
            case .overflowed: return Ratio(count: Double(overflowed))
            case .redials: return Ratio(count: Double(redials))
            case .callers: return Ratio(count: Double(offered - redials))
            case .unservedRate: return Ratio(Double(unservedCallers), of: Double(offered - redials))
            case .consoleHours: return consoleTime.map { Ratio(count: $0 / 3_600) } ?? .none
            }
        }
    }
}

extension CallTally {
    /// Nothing counted yet. (In an extension, so that the memberwise initialiser is kept.)
    init() {
        self.init(
            offered: 0, answered: 0, abandoned: 0, blocked: 0, answeredWithinThreshold: 0, escalated: 0,
            urgentLostCount: 0, overflowed: 0, redials: 0, unservedCallers: 0, lostCallers: 0, urgentLost: 0,
            answeredWaitSum: 0, waitSum: 0, busyTime: 0, waits: WaitHistogram(), escalationDelays: WaitHistogram())
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

    /// Each hour's figures, each in `HourKPI.allCases` order, as the sums they are ratios of.
    /// `consoleTime`: console-seconds on shift in the window in each hour of the day.
    func figures(consoleTime: [Double]) -> [[Ratio]] {
        (0..<24).map { hour in
            let counted = hours[hour]
            return HourKPI.allCases.map { kpi -> Ratio in
                switch kpi {
                case .offered: return Ratio(count: Double(counted.offered))
                case .answered: return Ratio(count: Double(counted.answered))
                case .abandoned: return Ratio(count: Double(counted.abandoned))
                case .serviceLevel: return Ratio(Double(counted.answeredWithinThreshold), of: Double(counted.offered))
                case .asa: return Ratio(counted.answeredWaitSum, of: Double(counted.answered))
                case .utilisation: return Ratio(counted.busyTime, of: consoleTime[hour])
                }
            }
        }
    }
}
