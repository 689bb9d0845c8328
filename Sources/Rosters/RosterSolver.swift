import CallModel

/// The cheapest roster covering a `CoverProblem`, found exactly as an integer program (GLPK's
/// branch and bound): one integer variable per centre and shift (a template at one of its starts),
/// one row per hour that needs consoles, the day taken as a cycle (docs/model.md, "Rosters").
///
/// Without a pool the centres are independent: each is one small program of 24 rows and one
/// column per shift. Pooled hours couple them: one program for the country, with one row per
/// centre and own hour, one per pooled hour (the sum over the centres), and then, among the
/// rosters of that least cost, the one whose pooled-hour seats stay nearest (in total absolute
/// difference) to each centre's share of the pool by its calls (`CoverProblem.seats`).
public enum RosterSolver {
    /// The tie-break between rosters of equal cost may choose this many subproblems (work, not
    /// time: the same answer on every machine); the cost stays the least.
    static let placementNodeLimit = 2_000

    /// A problem no roster can cover.
    public struct Uncovered: Error, CustomStringConvertible {
        public let description: String
    }

    public static func cheapest(_ problem: CoverProblem) throws -> Roster {
        if let why = problem.uncovered { throw Uncovered(description: why) }
        var roster = Roster(rules: problem.rules, centres: problem.codes.count)
        if problem.pooledHours.isEmpty {
            for centre in problem.codes.indices {
                roster.counts[centre] = try solve(problem, centres: [centre], roster: roster)[0]
            }
        } else {
            roster.counts = try solve(problem, centres: Array(problem.codes.indices), roster: roster)
        }
        return roster
    }

    /// Each of `centres`' shift counts, least cost first, then (with a pool) seats nearest the answer's.
    static func solve(_ problem: CoverProblem, centres: [Int], roster: Roster) throws -> [[Int]] {
        var program = IntegerProgram()
        let shifts = roster.shifts
        let variable = centres.map { _ in shifts.map { program.addVariable(cost: roster.cost(of: $0)) } }
        /// Coverage of `hour` at the `index`th centre, as terms.
        func coverage(_ index: Int, _ hour: Int) -> [(variable: Int, coefficient: Double)] {
            shifts.indices.filter { roster.covers(shifts[$0], hour: hour) }.map { (variable[index][$0], 1) }
        }
        for hour in 0..<24 {
            if problem.pooled(hour) {
                let need = problem.poolRequired(hour: hour)
                if need > 0 { program.addRow(centres.indices.flatMap { coverage($0, hour) }, atLeast: Double(need)) }
            } else {
                for (index, centre) in centres.enumerated() where problem.required[centre][hour] > 0 {
                    program.addRow(coverage(index, hour), atLeast: Double(problem.required[centre][hour]))
                }
            }
        }
        guard case .optimal(let values) = program.solve() else {
            throw Uncovered(description: "the roster's integer program has no solution")  // `uncovered` rules this out
        }
        let least = counts(values, variable)
        guard !problem.pooledHours.isEmpty else { return least }
        // Among the rosters of this cost (every variable so far is a shift), seats nearest the
        // calls in the pooled hours.
        let costs = program.costs
        let cost = zip(values, costs).reduce(0.0) { $0 + $1.0.rounded() * $1.1 }
        program.addRow(costs.indices.map { ($0, costs[$0]) }, atMost: cost + 1e-9 * max(1, cost))
        for hour in problem.pooledHours {
            let share = problem.seats(hour: hour)
            for (index, centre) in centres.enumerated() {
                let distance = program.addVariable(cost: 1, integer: false)
                let seats = share[centre]
                // distance ≥ coverage − seats and distance ≥ seats − coverage.
                program.addRow([(distance, 1)] + coverage(index, hour).map { ($0.variable, -1) }, atLeast: -seats)
                program.addRow([(distance, 1)] + coverage(index, hour), atLeast: seats)
            }
        }
        switch program.solve(nodeLimit: placementNodeLimit) {
        case .optimal(let values), .stopped(let values?): return counts(values, variable)
        default: return least
        }
    }

    static func counts(_ values: [Double], _ variable: [[Int]]) -> [[Int]] {
        variable.map { row in row.map { Int(values[$0].rounded()) } }
    }
}
