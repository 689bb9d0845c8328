import CallModel
import SimStatistics

/// Erlang A's quick answer for a scenario as it stands (the what-if page shows it at once, before
/// the simulation lands): each centre's service level, abandonment and ASA, and the consoles
/// Erlang A says each hour needs.
///
/// Each clock hour is a steady queue at that hour's mean rate (the daily profile; weekdays
/// averaged) with the hour's consoles, as `ErlangStart` reads a centre (the call mix's mean console
/// time as exponential handling, the mean patience as exponential patience); a pooled hour is one
/// queue of every centre's callers and consoles. A centre's figure weighs its hours by their
/// calls. Surges, absences, queue limits, redials and overflow it does not see.
public struct ErlangEstimate: Sendable {
    /// Calls offered a day, and Erlang A's shares and mean wait for them (`nil` without calls).
    public struct Figures: Sendable, Equatable {
        public var callsPerDay = 0.0
        public var serviceLevel: Double?
        public var abandonmentRate: Double?
        public var asa: Double?
    }

    public let centres: [Figures]
    public let total: Figures
    /// Consoles Erlang A says each clock hour needs nationally to meet the targets it reads (24):
    /// the sum of the centres' figures, a pooled hour's being the pool's.
    public let required: [Int]
    /// Consoles on shift nationally in each clock hour (24).
    public let onShift: [Int]

    public init(_ scenario: Scenario, maximum: Int = 1_000) {
        let threshold = scenario.serviceLevelThreshold
        var sums = [Sums](repeating: Sums(), count: scenario.centres.count), total = Sums()
        for hour in 0..<24 {
            let pooled = scenario.routing.inForce(hour: hour) == .pooled
            if pooled, let pool = ErlangStart.pool(hour: hour, in: scenario) {
                let queue = pool(max(scenario.centres.reduce(0) { $0 + $1.staffing.onShift(hour: hour) }, 1))
                for (index, centre) in scenario.centres.enumerated() {
                    let calls = centre.callsPerDay / 24 * scenario.arrivals(of: index).daily[hour]
                    sums[index].add(calls, queue, within: threshold)
                    total.add(calls, queue, within: threshold)
                }
                continue
            }
            for (index, centre) in scenario.centres.enumerated() {
                let calls = centre.callsPerDay / 24 * scenario.arrivals(of: index).daily[hour]
                guard calls > 0, let formula = ErlangStart.formula(centre, callsPerSecond: calls / 3_600, in: scenario) else { continue }
                let consoles = centre.staffing.onShift(hour: hour)
                guard consoles > 0 else {
                    sums[index].unanswered(calls, hangUp: centre.patience != nil)
                    total.unanswered(calls, hangUp: centre.patience != nil)
                    continue
                }
                let queue = formula(consoles)
                sums[index].add(calls, queue, within: threshold)
                total.add(calls, queue, within: threshold)
            }
        }
        centres = sums.map(\.figures)
        self.total = total.figures
        let plan = ErlangStart.plan(scenario, byHour: true, maximum: maximum)
        required = (0..<24).map { hour in plan.staffing.reduce(0) { $0 + $1.onShift(hour: hour) } }
        onShift = (0..<24).map { hour in scenario.centres.reduce(0) { $0 + $1.staffing.onShift(hour: hour) } }
    }

    /// Call-weighted sums of an hour's figures.
    struct Sums {
        var calls = 0.0, served = 0.0, answered = 0.0, abandoned = 0.0, waited = 0.0
        /// Calls whose queue grows without end (Erlang C at or past capacity): none served in time.
        var unstable = false

        mutating func add(_ calls: Double, _ queue: any QueueFormula, within threshold: Double) {
            guard calls > 0 else { return }
            self.calls += calls
            guard let wait = queue.meanWaitAnswered else {
                unstable = true
                return
            }
            served += calls * queue.serviceLevel(within: threshold)
            abandoned += calls * queue.pAbandon
            answered += calls * (1 - queue.pAbandon)
            waited += calls * (1 - queue.pAbandon) * wait
        }

        /// An hour without consoles: every caller hangs up, or waits without end.
        mutating func unanswered(_ calls: Double, hangUp: Bool) {
            self.calls += calls
            if hangUp { abandoned += calls } else { unstable = true }
        }

        var figures: Figures {
            guard calls > 0 else { return Figures() }
            guard !unstable else { return Figures(callsPerDay: calls, serviceLevel: 0, abandonmentRate: nil, asa: nil) }
            return Figures(
                callsPerDay: calls, serviceLevel: served / calls, abandonmentRate: abandoned / calls,
                asa: answered > 0 ? waited / answered : nil)
        }
    }
}
