import CallModel

/// Consoles per centre as sizing tries them: each centre's `Staffing`, all day or (sizing a shift
/// plan) by hour, every centre of a plan the same way.
public struct ConsolePlan: Sendable, Equatable {
    /// One place in a plan: a centre and an hour of the day (0 when the plan is for all day).
    public struct Slot: Hashable, Sendable {
        public let centre: Int
        public let hour: Int

        public init(centre: Int, hour: Int) {
            self.centre = centre
            self.hour = hour
        }
    }

    /// Each centre's consoles, in the scenario's order.
    public private(set) var staffing: [Staffing]
    public let byHour: Bool

    /// A plan with `staffing[centre]` by hour when `byHour`, else all day.
    public init(staffing: [Staffing], byHour: Bool) {
        precondition(staffing.allSatisfy { $0.changesDuringTheDay == byHour && $0.hours.allSatisfy { $0 >= 0 } })
        self.staffing = staffing
        self.byHour = byHour
    }

    public subscript(slot: Slot) -> Int {
        get { staffing[slot.centre][slot: slot.hour] }
        set { staffing[slot.centre][slot: slot.hour] = newValue }
    }

    /// Replaces one centre's consoles (all day, or by hour, as the plan is).
    public mutating func setStaffing(_ new: Staffing, of centre: Int) {
        precondition(new.changesDuringTheDay == byHour)
        staffing[centre] = new
    }

    /// The slots of one centre.
    public func slots(of centre: Int) -> [Slot] { (0..<staffing[centre].slotCount).map { Slot(centre: centre, hour: $0) } }

    /// What a report shows for a centre: its console-hours a day by hour, else its consoles.
    public func consolesShown(_ centre: Int) -> Int { byHour ? staffing[centre].consoleHours : staffing[centre].peak }

    /// `consolesShown` summed over the centres.
    public var totalShown: Int { staffing.indices.reduce(0) { $0 + consolesShown($1) } }

    /// `scenario` with this plan's consoles at `centres` (every centre when `nil`).
    public func staff(_ scenario: Scenario, centres: [Int]? = nil) -> Scenario {
        var staffed = scenario
        for centre in centres ?? Array(scenario.centres.indices) { staffed.centres[centre].staffing = staffing[centre] }
        return staffed
    }
}
