import CallModel

/// What a roster must cover: consoles by hour at each centre (a `size --by-hour` answer), and the
/// hours in which the centres answer one national pool, where only the pool's sum must be covered
/// (docs/model.md, "Rosters").
public struct CoverProblem: Sendable {
    public let rules: ShiftRules
    /// Centres' codes, for messages.
    public let codes: [String]
    /// `required[centre][hour]`: consoles needed on the line. In a pooled hour, where the answer
    /// seated the pool's consoles; only their sum must be covered.
    public let required: [[Int]]
    /// Clock hours (0–23) of the national pool, in order.
    public let pooledHours: [Int]
    /// `calls[centre][hour]`: the load each centre offers in each hour (any unit, ≥ 0), where the
    /// pool's counsellors should sit: among rosters of the least cost, each pooled hour's seats
    /// stay nearest their share of the pool by it. `nil`: nearest the answer's seats.
    public let calls: [[Double]]?

    public init(rules: ShiftRules, codes: [String], required: [[Int]], pooledHours: [Int], calls: [[Double]]? = nil) {
        precondition(required.count == codes.count && required.allSatisfy { $0.count == 24 && $0.allSatisfy { $0 >= 0 } })
        precondition(calls.map { $0.count == codes.count && $0.allSatisfy { $0.count == 24 && $0.allSatisfy { $0 >= 0 && $0.isFinite } } } ?? true)
        self.rules = rules
        self.codes = codes
        self.required = required
        self.pooledHours = pooledHours.sorted()
        self.calls = calls
    }

    /// Where the pool's consoles in a pooled `hour` should sit, by centre: their share of the pool
    /// by the calls (or the answer's seats).
    public func seats(hour: Int) -> [Double] {
        let pool = Double(poolRequired(hour: hour))
        guard let calls else { return required.map { Double($0[hour]) } }
        let total = calls.reduce(0) { $0 + $1[hour] }
        return total > 0 ? calls.map { pool * $0[hour] / total } : required.map { Double($0[hour]) }
    }

    /// `true` when `hour` belongs to the pool.
    public func pooled(_ hour: Int) -> Bool { pooledHours.contains(hour) }

    /// The pool's consoles in `hour`: every centre's there.
    public func poolRequired(hour: Int) -> Int { required.reduce(0) { $0 + $1[hour] } }

    /// Why no roster can cover the requirement: an hour that needs consoles and that no template covers.
    public var uncovered: String? {
        let covered = Set(rules.templates.flatMap { template in
            template.starts.flatMap { start in (0..<24).filter { template.covers(hour: $0, from: start) } }
        })
        for hour in 0..<24 where !covered.contains(hour) {
            if pooled(hour) ? poolRequired(hour: hour) > 0 : required.contains(where: { $0[hour] > 0 }) {
                let who = pooled(hour) ? "the national pool" : codes[required.firstIndex { $0[hour] > 0 }!]
                return String(format: "no shift template covers %02d:00-%02d:00, where %@ needs consoles: add a template or a start that does",
                              hour, (hour + 1) % 24, who)
            }
        }
        return nil
    }
}
