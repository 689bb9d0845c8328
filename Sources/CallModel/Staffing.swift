/// A centre's consoles: the same number on shift all day, or a shift plan with a number for each
/// hour of the day (from 00:00). The one shape the reader, the model, sizing, the rewriter and the
/// reports share.
///
/// A console that goes off shift finishes its call first (docs/model.md, "Shifts and absences").
public enum Staffing: Sendable, Equatable {
    /// This many consoles on shift at every hour (≥ 0).
    case allDay(Int)
    /// `hours[h]` consoles on shift in the clock hour [h:00, h+1:00) of every day (24 values ≥ 0).
    case byHour([Int])

    /// Consoles on shift in clock hour `hour` (0 ... 23).
    @inlinable
    public func onShift(hour: Int) -> Int {
        switch self {
        case .allDay(let count): return count
        case .byHour(let hours): return hours[hour]
        }
    }

    /// The 24 hourly figures (all equal for `allDay`).
    public var hours: [Int] {
        switch self {
        case .allDay(let count): return Array(repeating: count, count: 24)
        case .byHour(let hours): return hours
        }
    }

    /// The most consoles on shift in any hour: how many consoles the centre needs in its room.
    public var peak: Int {
        switch self {
        case .allDay(let count): return count
        case .byHour(let hours): return hours.max() ?? 0
        }
    }

    /// Console-hours on shift in a day.
    public var consoleHours: Int {
        switch self {
        case .allDay(let count): return 24 * count
        case .byHour(let hours): return hours.reduce(0, +)
        }
    }

    /// Consoles on shift on average over the day.
    public var meanConsoles: Double { Double(consoleHours) / 24 }

    /// `true` for a shift plan: the consoles on shift change during the day.
    public var changesDuringTheDay: Bool {
        if case .byHour = self { return true }
        return false
    }

    /// What sizing varies: one figure for `allDay`, 24 for `byHour`.
    public var slotCount: Int { changesDuringTheDay ? 24 : 1 }

    /// Slot `slot`'s figure (see `slotCount`): the all-day count, or hour `slot`'s.
    public subscript(slot slot: Int) -> Int {
        get {
            switch self {
            case .allDay(let count): precondition(slot == 0); return count
            case .byHour(let hours): return hours[slot]
            }
        }
        set {
            precondition(newValue >= 0)
            switch self {
            case .allDay: precondition(slot == 0); self = .allDay(newValue)
            case .byHour(var hours):
                hours[slot] = newValue
                self = .byHour(hours)
            }
        }
    }
}
