/// The shifts a centre may staff its consoles with (`shifts:` in a scenario), for `callsim roster`
/// (docs/model.md, "Rosters").
///
/// The day is a cycle: a shift that starts at 22:00 and lasts 8 hours covers 22:00–06:00. Every
/// shift is worked every day of the week.
public struct ShiftRules: Sendable, Equatable {
    /// A kind of shift: its possible starts, its length and its cost.
    public struct Template: Sendable, Equatable {
        public var name: String
        /// Clock hours (0–23) at which it may start, in the order written, without repeats.
        public var starts: [Int]
        /// Whole hours, 1 to 24.
        public var hours: Int
        /// The cost of one shift (> 0), in whatever unit the planner counts: a full shift's 1, say.
        public var cost: Double

        public init(name: String, starts: [Int], hours: Int, cost: Double) {
            self.name = name
            self.starts = starts
            self.hours = hours
            self.cost = cost
        }

        /// `true` when a shift starting at `start` is on the line in clock hour `hour`.
        public func covers(hour: Int, from start: Int) -> Bool { (hour - start + 24) % 24 < hours }
    }

    /// At least one.
    public var templates: [Template]
    /// The share of paid time not on the line (breaks, training, leave): 0 to under 1.
    public var shrinkage: Double
    /// One full-time counsellor's paid hours a week.
    public var hoursPerWeek: Double

    public static let defaultShrinkage = 0.30
    public static let defaultHoursPerWeek = 40.0

    public init(templates: [Template], shrinkage: Double = defaultShrinkage, hoursPerWeek: Double = defaultHoursPerWeek) {
        self.templates = templates
        self.shrinkage = shrinkage
        self.hoursPerWeek = hoursPerWeek
    }

    /// Full-time counsellors for `paidHoursADay` of shifts every day: paid hours a week ÷
    /// `hoursPerWeek` ÷ (1 − `shrinkage`).
    public func fte(paidHoursADay: Double) -> Double { paidHoursADay * 7 / hoursPerWeek / (1 - shrinkage) }
}
