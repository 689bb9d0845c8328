import CallModel

/// Consoles per centre as sizing tries them: one figure a centre (on shift all day) or, sizing a
/// shift plan, 24 (one for each hour of the day).
public struct ConsolePlan: Sendable, Equatable {
    /// One place in a plan: a centre and an hour of the day (0 when the plan is for all day).
    public struct Slot: Hashable, Sendable {
        public let centre: Int
        public let hour: Int
    }

    /// `counts[centre]` holds one figure, or 24 with `byHour`.
    public private(set) var counts: [[Int]]
    public let byHour: Bool

    /// A plan with `counts[centre]` of length 1, or 24 when `byHour`.
    public init(counts: [[Int]], byHour: Bool) {
        precondition(counts.allSatisfy { $0.count == (byHour ? 24 : 1) && $0.allSatisfy { $0 >= 0 } })
        self.counts = counts
        self.byHour = byHour
    }

    public subscript(slot: Slot) -> Int {
        get { counts[slot.centre][slot.hour] }
        set { precondition(newValue >= 0); counts[slot.centre][slot.hour] = newValue }
    }

    /// The slots of one centre.
    public func slots(of centre: Int) -> [Slot] { counts[centre].indices.map { Slot(centre: centre, hour: $0) } }

    /// Console-hours a day at a centre.
    public func consoleHours(_ centre: Int) -> Int { byHour ? counts[centre].reduce(0, +) : 24 * counts[centre][0] }

    /// What a report shows for a centre: its console-hours a day by hour, else its consoles.
    public func figure(_ centre: Int) -> Int { byHour ? consoleHours(centre) : counts[centre][0] }

    /// `figure` summed over the centres.
    public var totalFigure: Int { counts.indices.reduce(0) { $0 + figure($1) } }

    /// `scenario` with this plan's consoles at `centres` (every centre when `nil`): a constant
    /// number, or a shift plan with `byHour`.
    public func staff(_ scenario: Scenario, centres: [Int]? = nil) -> Scenario {
        var staffed = scenario
        for centre in centres ?? Array(scenario.centres.indices) {
            staffed.centres[centre].shiftPlan = byHour ? counts[centre] : nil
            staffed.centres[centre].consoles = counts[centre].max()!
        }
        return staffed
    }
}
