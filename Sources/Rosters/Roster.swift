import CallModel

/// Shifts for every centre, worked every day: how many of each template start at each of its
/// starts, what they cover hour by hour, and what they cost (docs/model.md, "Rosters").
public struct Roster: Sendable, Equatable {
    /// One kind of shift a centre can be given: a template and one of its starts.
    public struct Shift: Hashable, Sendable {
        /// The template's index in `rules.templates`.
        public let template: Int
        /// The clock hour it starts (0–23).
        public let start: Int
    }

    public let rules: ShiftRules
    /// Every template at every start, in the templates' order then the starts' order as written.
    public let shifts: [Shift]
    /// `counts[centre][s]`: how many of `shifts[s]` the centre works each day.
    public internal(set) var counts: [[Int]]

    init(rules: ShiftRules, centres: Int) {
        self.rules = rules
        shifts = rules.templates.indices.flatMap { template in rules.templates[template].starts.map { Shift(template: template, start: $0) } }
        counts = Array(repeating: Array(repeating: 0, count: shifts.count), count: centres)
    }

    /// `true` when `shift` is on the line in clock hour `hour`.
    public func covers(_ shift: Shift, hour: Int) -> Bool { rules.templates[shift.template].covers(hour: hour, from: shift.start) }

    public func cost(of shift: Shift) -> Double { rules.templates[shift.template].cost }

    public func hours(of shift: Shift) -> Int { rules.templates[shift.template].hours }

    /// The consoles a centre's shifts keep on the line in each clock hour (24).
    public func coverage(of centre: Int) -> [Int] {
        (0..<24).map { hour in shifts.indices.reduce(0) { $0 + (covers(shifts[$1], hour: hour) ? counts[centre][$1] : 0) } }
    }

    /// The centre's shifts a day with their counts, in `shifts` order, leaving out those it does not work.
    public func worked(by centre: Int) -> [(shift: Shift, count: Int)] {
        shifts.indices.filter { counts[centre][$0] > 0 }.map { (shifts[$0], counts[centre][$0]) }
    }

    /// What the centre's shifts cost a day.
    public func cost(of centre: Int) -> Double { shifts.indices.reduce(0) { $0 + Double(counts[centre][$1]) * cost(of: shifts[$1]) } }

    /// Paid hours a day at the centre.
    public func paidHours(of centre: Int) -> Int { shifts.indices.reduce(0) { $0 + counts[centre][$1] * hours(of: shifts[$1]) } }

    /// The centre's full-time counsellors: paid hours a week ÷ hours per week ÷ (1 − shrinkage).
    public func fte(of centre: Int) -> Double { rules.fte(paidHoursADay: Double(paidHours(of: centre))) }

    /// What every centre's shifts cost a day.
    public var cost: Double { counts.indices.reduce(0) { $0 + cost(of: $1) } }

    public var paidHours: Int { counts.indices.reduce(0) { $0 + paidHours(of: $1) } }

    public var fte: Double { rules.fte(paidHoursADay: Double(paidHours)) }

    /// Adds one shift at a centre.
    mutating func add(_ shift: Shift, at centre: Int) {
        counts[centre][shifts.firstIndex(of: shift)!] += 1
    }
}
