import CallModel
import Sizing

/// Closes the loop (docs/model.md, "Rosters"): the roster's coverage, written as each centre's
/// consoles by hour, is simulated with the scenario's seed, replications and precision rule, and
/// every target and hourly target judged as `check` judges them. Where one fails, the cheapest
/// shift that covers a failing hour is added, and the plan is simulated again, until it holds.
///
/// Which hour a failure asks for is decided without the seed: an hourly failure names its hour
/// (at the total, or in a pooled hour, the centre with the fewest consoles for its load then
/// takes the shift); a whole-day failure asks for the centre-hour where Erlang A says one more
/// console saves most (`ConsoleSizing.nextConsole`).
public struct RosterCheck: Sendable {
    /// What the loop ended with.
    public struct Outcome: Sendable {
        /// The exact optimum of the covering problem, before any shift was added.
        public let optimal: Roster
        /// The roster that was last simulated: the optimum and the shifts added.
        public let roster: Roster
        /// Shifts added by the check, in the order added.
        public let added: [(centre: Int, shift: Roster.Shift)]
        /// The scenario with the roster's coverage as consoles by hour, and its run.
        public let rostered: Scenario
        public let result: RunResult
        /// Simulations run.
        public let rounds: Int

        /// No target in a failing state (`check` would pass).
        public var passed: Bool { result.overload == nil && !result.targets.contains { $0.state.fails } }
    }

    public let scenario: Scenario
    public let problem: CoverProblem
    public let jobs: Int
    /// Simulations at most; the last one's verdict stands.
    public let maxRounds: Int

    public init(_ scenario: Scenario, problem: CoverProblem, jobs: Int = 1, maxRounds: Int = 10) {
        self.scenario = scenario
        self.problem = problem
        self.jobs = jobs
        self.maxRounds = maxRounds
    }

    /// The scenario with each centre's consoles the roster's coverage.
    public func rostered(_ roster: Roster) -> Scenario {
        var rostered = scenario
        for centre in rostered.centres.indices { rostered.centres[centre].staffing = .byHour(roster.coverage(of: centre)) }
        return rostered
    }

    public func run(from optimal: Roster, progress: (@Sendable (String) -> Void)? = nil) async -> Outcome {
        var roster = optimal
        var added: [(centre: Int, shift: Roster.Shift)] = []
        var round = 0
        while true {
            round += 1
            progress?("checking the roster by simulation (round \(round))")
            let candidate = rostered(roster)
            let result = await Simulator.run(candidate, jobs: jobs)
            let outcome = Outcome(optimal: optimal, roster: roster, added: added, rostered: candidate, result: result, rounds: round)
            let failing = result.targets.filter { $0.state.fails }
            guard !failing.isEmpty, result.overload == nil, round < maxRounds else { return outcome }
            let additions = hoursToCover(failing, roster: roster).flatMap { centre, hours in
                cheapestShifts(covering: hours, roster: roster).map { (centre: centre, shift: $0) }
            }
            guard !additions.isEmpty else { return outcome }  // nothing a shift could fix: the verdict stands
            for addition in additions { roster.add(addition.shift, at: addition.centre) }
            added += additions
        }
    }

    /// For each centre (in order), the hours a failing target asks one more console for.
    func hoursToCover(_ failing: [TargetResult], roster: Roster) -> [(Int, Set<Int>)] {
        let consoles = scenario.centres.indices.map { roster.coverage(of: $0) }
        var wanted = [Int: Set<Int>]()
        let everyone = Array(scenario.centres.indices)
        for row in failing {
            let centre = scenario.centres.firstIndex { .centre($0.code) == row.scope }
            let slot: ConsolePlan.Slot?
            switch (centre, row.hour) {
            case (let centre?, let hour?) where !problem.pooled(hour):
                slot = ConsolePlan.Slot(centre: centre, hour: hour)
            case (_, let hour?):  // the total's hour, or a pooled hour: the pool's next seat
                slot = ConsoleSizing.nextConsole(in: scenario, consoles: consoles, centres: everyone, measure: row.target.measure, hour: hour)
            case (let centre?, nil):
                slot = ConsoleSizing.nextConsole(in: scenario, consoles: consoles, centres: [centre], measure: row.target.measure, hour: nil)
            case (nil, nil):
                slot = ConsoleSizing.nextConsole(in: scenario, consoles: consoles, centres: everyone, measure: row.target.measure, hour: nil)
            }
            if let slot { wanted[slot.centre, default: []].insert(slot.hour) }
        }
        return wanted.keys.sorted().map { ($0, wanted[$0]!) }
    }

    /// Shifts covering every one of `hours`: for the earliest hour left, the cheapest shift that
    /// covers it (then the one covering most of the hours left, then the first in template order).
    func cheapestShifts(covering hours: Set<Int>, roster: Roster) -> [Roster.Shift] {
        var left = hours
        var chosen: [Roster.Shift] = []
        while let hour = left.min() {
            let candidates = roster.shifts.filter { roster.covers($0, hour: hour) }
            guard let best = candidates.min(by: { a, b in
                let (costA, costB) = (roster.cost(of: a), roster.cost(of: b))
                if costA != costB { return costA < costB }
                return left.filter { roster.covers(a, hour: $0) }.count > left.filter { roster.covers(b, hour: $0) }.count
            }) else { left.remove(hour); continue }  // no template covers it: the solver refused such a problem already
            chosen.append(best)
            left = left.filter { !roster.covers(best, hour: $0) }
        }
        return chosen
    }
}
