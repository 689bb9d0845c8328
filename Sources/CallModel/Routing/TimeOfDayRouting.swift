/// Routing by time of day: in the clock hours of each period its policy is in force, at other hours
/// the main policy — say one national line at night and each centre its own by day
/// (docs/model.md, "Routing by time of day").
///
/// A switch is an event at the hour (rank 1: after that hour's shift changes, before patiences and
/// arrivals). The replication then lays the waiting callers out in the lines of the new policy, in
/// order of arrival, counts overflow eligibility from each caller's arrival with the new policy's
/// delay, and lets every idle console take the first caller it may now answer. A call being
/// answered finishes where it is.
struct TimeOfDayRouting: RoutingPolicy {
    /// The distinct policies the day uses, and which is in force in each clock hour.
    private let policies: [any RoutingPolicy]
    private let policyOfHour: [Int]
    private var inForce: Int
    /// Called at the end of each switch with the waiting lines and the callers (`switched`): a
    /// test's look at the books there (WaitingLineTests); `nil` in a run.
    var afterSwitch: ((WaitingLines, CallerPool) -> Void)?

    init(main: Routing, periods: [RoutingPeriod], centres: [Centre]) {
        var distinct: [Routing] = []
        policyOfHour = (0..<24).map { hour in
            let routing = periods.first { $0.covers(hour: hour) }?.policy ?? main
            if let index = distinct.firstIndex(of: routing) { return index }
            distinct.append(routing)
            return distinct.count - 1
        }
        policies = distinct.map { $0.policy(centres: centres) }
        inForce = policyOfHour[0]
    }

    private var current: any RoutingPolicy { policies[inForce] }

    func line(of centre: Int) -> Int { current.line(of: centre) }

    func consoleForNewCaller(of centre: Int, board: ConsoleBoard, now: Double) -> Int? {
        current.consoleForNewCaller(of: centre, board: board, now: now)
    }

    func consolesServing(_ centre: Int) -> Range<Int> { current.consolesServing(centre) }

    func hasCallers(for centre: Int, lines: WaitingLines) -> Bool { current.hasCallers(for: centre, lines: lines) }

    func nextCaller(for centre: Int, lines: inout WaitingLines, callers: CallerPool) -> (slot: Int, line: Int)? {
        current.nextCaller(for: centre, lines: &lines, callers: callers)
    }

    func overflowDelay(_ centre: Int) -> Double? { current.overflowDelay(centre) }

    func helpers(of centre: Int) -> [Int] { current.helpers(of: centre) }

    /// The first hour after `time` at which another policy comes into force.
    func nextSwitch(after time: Double) -> Double? {
        var hourStart = ClockHours.nextHour(after: time)
        for _ in 0..<24 {
            let hour = ClockHours.hour(of: hourStart)
            if policyOfHour[hour] != policyOfHour[(hour + 23) % 24] { return hourStart }
            hourStart += ArrivalPattern.hour
        }
        return nil
    }

    mutating func switchPolicy(at time: Double) { inForce = policyOfHour[ClockHours.hour(of: time)] }

    func switched(lines: WaitingLines, callers: CallerPool) { afterSwitch?(lines, callers) }
}
