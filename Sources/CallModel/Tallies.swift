import SimEngine
import SimStatistics

/// How one attempt of a counted caller ended, or that it was offered: what the tallies count.
enum CallOutcome {
    case offered
    /// Answered after `wait`; `overflowed`: by a console of another centre; `alertDelay`: from his
    /// first attempt to the 112 alert being complete (urgent callers).
    case answered(wait: Double, overflowed: Bool, alertDelay: Double)
    /// Hung up after `wait`; `loss` when he does not call again.
    case abandoned(wait: Double, loss: Loss?)
    /// Got a busy tone; `loss` as for `abandoned`.
    case blocked(loss: Loss?)
}

/// A caller lost for good: whether he was urgent, and the probability that he was (the escalation
/// probability that applies to him). Whether he is lost is settled before his urgency plays any
/// part, so the probabilities of all lost callers add up to an unbiased, far steadier estimate of
/// the urgent callers lost than their count (docs/model.md, "Escalation and urgent loss").
struct Loss {
    let urgent: Bool
    let probability: Double
}

/// What one replication counts, streamed as calls end so memory does not grow with the horizon:
/// each outcome once for the caller's centre, his call type, the hour of day he called and (when
/// sizing by hour) his centre in that hour; console busy time by centre and clock hour.
struct Tallies {
    let threshold: Double
    /// The measured window [start, end).
    let window: (Double, Double)
    let centres: Table<CallTally>
    let types: Table<CallTally>
    let hours = HourTally()
    /// The callers of the centres in `hourlyCentres` by the hour of day they arrived
    /// (`slot × 24 + hour`, slots in that list's order), for sizing shift plans; empty otherwise.
    let centreHours: Table<CallTally>
    /// Those centres' callers together by the hour of day they arrived (24; empty when none):
    /// the total's hours when every centre is tallied.
    let totalHours: Table<CallTally>
    let hourlyCentres: [Int]
    /// Each centre's slot in `hourlyCentres`, or −1.
    let hourlySlot: Table<Int>

    init(_ scenario: Scenario, hourlyCentres: [Int]) {
        threshold = scenario.serviceLevelThreshold
        window = (scenario.warmup, scenario.warmup + scenario.horizon)
        centres = Table(repeating: CallTally(), count: scenario.centres.count)
        types = Table(repeating: CallTally(), count: scenario.callTypes.count)
        centreHours = Table(repeating: CallTally(), count: hourlyCentres.count * 24)
        totalHours = Table(repeating: CallTally(), count: hourlyCentres.isEmpty ? 0 : 24)
        self.hourlyCentres = hourlyCentres
        var slots = Array(repeating: -1, count: scenario.centres.count)
        for (slot, centre) in hourlyCentres.enumerated() { slots[centre] = slot }
        hourlySlot = Table(slots)
    }

    /// Counts `outcome` of a counted caller's attempt.
    @inline(__always)
    func count(_ outcome: CallOutcome, of caller: Caller) {
        let centre = Int(caller.centre)
        let hour = Int(caller.hour)
        let within: Bool
        if case .answered(let wait, _, _) = outcome { within = wait <= threshold } else { within = false }
        centres[centre].count(outcome, of: caller, within: within)
        types[Int(caller.type)].count(outcome, of: caller, within: within)
        if centreHours.count > 0, hourlySlot[centre] >= 0 {
            centreHours[hourlySlot[centre] * 24 + hour].count(outcome, of: caller, within: within)
            totalHours[hour].count(outcome, of: caller, within: within)
        }
        hours.hours[hour].count(outcome, within: within)
    }

    /// A caller whose first attempt fell in the window gave up for good, never answered (on an
    /// attempt inside the window or after it).
    func countUnserved(_ caller: Caller) {
        centres[Int(caller.centre)].unservedCallers &+= 1
        types[Int(caller.type)].unservedCallers &+= 1
    }

    /// Adds a console's busy interval [start, end), clipped to the window, to its centre and to
    /// the clock hours it covers.
    @inline(__always)
    func addBusyTime(_ centre: Int, from start: Double, to end: Double) {
        centres[centre].busyTime += ClockHours.spread(from: start, to: end, within: window) { hours.hours[$0].busyTime += $1 }
    }

    /// The replication's figures, given the console time on shift in the window by centre and by
    /// clock hour.
    func summary(
        consoleTime: [Double], consoleTimeByHour: [Double], events: Int, arrivals: Int, overload: Overload?
    ) -> ReplicationSummary {
        var total = CallTally()
        let centres = centres.elements
        for tally in centres { total.add(tally) }
        return ReplicationSummary(
            total: total.scope(consoleTime: consoleTime.reduce(0, +)),
            centres: zip(centres, consoleTime).map { $0.scope(consoleTime: $1) },
            types: types.elements.map { $0.scope(consoleTime: nil) },
            hours: hours.figures(consoleTime: consoleTimeByHour),
            hourlyCentres: hourlyCentres, centreHours: centreHours.elements.map { $0.scope(consoleTime: nil) },
            totalHours: totalHours.elements.map { $0.scope(consoleTime: nil) },
            waitSurvival: total.waits.countsAbove(Curves.waitPoints(threshold: threshold)).map {
                Ratio(Double($0), of: Double(total.waits.count))
            },
            events: events, arrivals: arrivals, overload: overload)
    }
}

extension CallTally {
    /// Counts one outcome of `caller`'s attempt; `within`: answered within the threshold. (Counts
    /// add with `&+`: they stay far below `Int.max`, and the overflow check is work on every call.)
    @inline(__always)
    mutating func count(_ outcome: CallOutcome, of caller: Caller, within: Bool) {
        switch outcome {
        case .offered:
            offered &+= 1
            if caller.isRedial { redials &+= 1 }
        case .answered(let wait, let overflowed, let alertDelay):
            answered &+= 1
            answeredWaitSum += wait
            waitSum += wait
            waits.record(wait)
            if overflowed { self.overflowed &+= 1 }
            if within { answeredWithinThreshold &+= 1 }
            if caller.urgent {
                escalated &+= 1
                escalationDelays.record(alertDelay)
            }
        case .abandoned(let wait, let loss):
            abandoned &+= 1
            waitSum += wait
            count(loss)
        case .blocked(let loss):
            blocked &+= 1
            count(loss)
        }
    }

    mutating func count(_ loss: Loss?) {
        guard let loss else { return }
        urgentLost += loss.probability
        lostCallers &+= 1
        if loss.urgent { urgentLostCount &+= 1 }
    }
}

extension HourTally.Hour {
    /// Counts one outcome in the hour of day the caller called (busy tones are not counted by hour).
    @inline(__always)
    mutating func count(_ outcome: CallOutcome, within: Bool) {
        switch outcome {
        case .offered: offered &+= 1
        case .answered(let wait, _, _):
            answered &+= 1
            answeredWaitSum += wait
            if within { answeredWithinThreshold &+= 1 }
        case .abandoned: abandoned &+= 1
        case .blocked: break
        }
    }
}

/// One scope's figures in one replication (`KPI.allCases` order; percentiles `nil`), and the
/// observations its percentiles are read from once the replications are pooled.
public struct ScopeFigures: Sendable {
    public let figures: [Ratio]
    /// Callers lost for good: the events behind `urgent_lost`.
    public let lostCallers: Int
    public let waits: CompactHistogram
    public let escalationDelays: CompactHistogram

    /// The observations `source` names.
    public func observations(_ source: PercentileSource) -> CompactHistogram {
        switch source {
        case .waits: return waits
        case .escalationDelays: return escalationDelays
        }
    }
}

/// One replication's figures: for the total, each centre and each call type, and for each hour
/// of the day in `HourKPI.allCases` order.
public struct ReplicationSummary: Sendable {
    public let total: ScopeFigures
    public let centres: [ScopeFigures]
    public let types: [ScopeFigures]
    public let hours: [[Ratio]]
    /// The centres whose callers were tallied by the hour of day they arrived, and their figures
    /// (`slot × 24 + hour`, utilisation `nil`).
    public let hourlyCentres: [Int]
    public let centreHours: [ScopeFigures]
    /// The callers of all those centres together by the hour of day they arrived (24; empty when
    /// none): the total's hours when every centre was tallied.
    public let totalHours: [ScopeFigures]
    /// Answered callers who waited longer than each of `Curves.waitPoints`, of all answered.
    public let waitSurvival: [Ratio]
    /// Events processed.
    public let events: Int
    /// Calls simulated, counted or not (warm-up and drain included).
    public let arrivals: Int
    /// Set when the replication stopped with too many callers at once; its figures are then partial.
    public let overload: Overload?
}
