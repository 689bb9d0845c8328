/// Shift plans and absences: how many consoles each centre should have on shift at a time, when
/// that next changes, and the console time on shift within the measured window (docs/model.md,
/// "Shifts and absences").
///
/// The `ConsoleBoard` carries out a change (a busy console finishes its call first, and its time
/// until then is overtime, on shift); `Shifts` decides it and keeps the console-time books, by
/// centre and by clock hour, for utilisation.
struct Shifts {
    let staffing: [Staffing]
    /// Each centre's absences.
    let absences: [[Absence]]
    /// The measured window [start, end).
    let window: (Double, Double)
    /// Console-seconds on shift within the window, per centre and per clock hour, counted up to
    /// `since[centre]` for the consoles on shift since then.
    private(set) var consoleTime: [Double]
    private(set) var consoleTimeByHour = [Double](repeating: 0, count: 24)
    private var since: [Double]

    init(_ scenario: Scenario) {
        staffing = scenario.centres.map(\.staffing)
        absences = scenario.centres.map { centre in scenario.absences.filter { $0.centre == centre.code } }
        window = (scenario.warmup, scenario.warmup + scenario.horizon)
        consoleTime = Array(repeating: 0, count: scenario.centres.count)
        since = Array(repeating: 0, count: scenario.centres.count)
    }

    /// `true` when the centre's consoles on shift change over time (a shift plan or an absence).
    func change(_ centre: Int) -> Bool { staffing[centre].changesDuringTheDay || !absences[centre].isEmpty }

    /// Consoles the centre should have on shift at `time`: its staffing's hour less the absences in force.
    func scheduled(_ centre: Int, at time: Double) -> Int {
        var count = staffing[centre].onShift(hour: ClockHours.hour(of: time))
        for absence in absences[centre] where absence.from <= time && time < absence.to { count -= absence.consoles }
        return max(0, count)
    }

    /// When the centre's consoles on shift next change after `now`: the next hour (with a shift
    /// plan) or the next start or end of an absence; `nil`: never.
    func nextChange(_ centre: Int, after now: Double) -> Double? {
        var next = Double.infinity
        if staffing[centre].changesDuringTheDay { next = ClockHours.nextHour(after: now) }
        for absence in absences[centre] {
            if absence.from > now { next = min(next, absence.from) }
            if absence.to > now { next = min(next, absence.to) }
        }
        return next.isFinite ? next : nil
    }

    /// Puts the centre's consoles on or off shift as scheduled at `now`. Returns `true` when the
    /// number on shift changed.
    mutating func apply(_ centre: Int, to board: inout ConsoleBoard, at now: Double) -> Bool {
        let count = scheduled(centre, at: now)
        guard count != board.onShift[centre] else { return false }
        close(centre, board: board, at: now)
        for (from, to, sign) in board.setOnShift(centre, count: count, at: now) {
            consoleTime[centre] += sign * ClockHours.spread(from: from, to: to, within: window) {
                consoleTimeByHour[$0] += sign * $1
            }
        }
        return true
    }

    /// Adds the console time on shift since the last change, up to `time`.
    mutating func close(_ centre: Int, board: ConsoleBoard, at time: Double) {
        let weight = Double(board.onShift[centre])
        if weight > 0 {
            consoleTime[centre] += weight * ClockHours.spread(from: since[centre], to: time, within: window) {
                consoleTimeByHour[$0] += weight * $1
            }
        }
        since[centre] = time
    }
}
