import CallModel

/// `callsim size`: the fewest consoles at each centre (or, by hour, the fewest console-hours) for
/// which every target holds at that centre and for the total (docs/model.md, "Targets and how they are decided").
///
/// Sizing starts from the Erlang A figure and confirms every answer by simulation: each candidate
/// is a full run of the scenario's replications with its seed, so candidates share their random
/// numbers (each centre draws from its own streams) and the answer is exactly what `callsim check`
/// of the sized scenario sees. Under local routing each centre is sized on its own, in a scenario
/// of its own (`alone`: its figures are those of the full run); if a total target still fails, a
/// console goes where the most calls wait past the threshold until it holds, and any so added that
/// is not needed is taken away. Under overflow, pooled or time-of-day routing, and by hour, the
/// centres are sized together the same way for their own targets, then consoles are added for
/// the total's in an order fixed before any simulation (`topUpForTotal`). Each figure is assumed
/// to improve with consoles.
public struct ConsoleSizing: Sendable {
    /// What sizing found.
    public struct Outcome: Sendable {
        /// The scenario with the sized consoles, and its run.
        public let sized: Scenario
        public let result: RunResult
        public let plan: ConsolePlan
        /// Where sizing started: Erlang A's figures.
        public let erlangStart: ConsolePlan
        /// Centres or the total whose targets are missed even with `maxConsoles`.
        public let unreachable: [Scope]
        /// Each centre's binding target (sizing all day; empty by hour).
        public let bindings: [Binding]
        /// By hour, each centre's binding target in each hour (`nil` where no console can be
        /// taken away); empty sizing all day or when a target is out of reach.
        public let hourBindings: [[Binding?]]
        /// Under local routing, when a target of the total is met only just (borderline-met): the
        /// centre whose next console would reduce it most, where another seed may add one.
        public let nextConsole: Int?
        /// Runs simulated: candidates, curve points and the runs with one console fewer.
        public let simulations: Int
    }

    public let scenario: Scenario
    public let byHour: Bool
    /// The most consoles a centre may have (in any hour).
    public let maxConsoles: Int
    /// Replications run at once.
    public let jobs: Int
    /// Whether to judge each centre (by hour, centre-hour) with one console fewer, for the
    /// binding targets a report shows (`roster`, which shows none, saves those runs).
    public let judgesBindings: Bool

    /// Some centre of the scenario has hourly targets: candidates tally their centres by the hour
    /// (kept when a centre is sized in a scenario of its own).
    var judgesHoursAnywhere: Bool

    public init(_ scenario: Scenario, byHour: Bool = false, maxConsoles: Int = 1_000, jobs: Int = 1, judgesBindings: Bool = true) {
        self.scenario = scenario
        self.byHour = byHour
        self.maxConsoles = maxConsoles
        self.jobs = jobs
        self.judgesBindings = judgesBindings
        judgesHoursAnywhere = scenario.centres.indices.contains { !scenario.hourlyTargets(of: $0).isEmpty }
    }

    /// Sizing of `centre` in a scenario of its own, one job at a time: the centre (drawing from
    /// its own streams, `Centre.streamGroup`) and the absences and surges that touch it. Under local
    /// routing its callers and figures are those of the full scenario, without the other 46
    /// centres' state to build and figures to gather for every candidate.
    func alone(_ centre: Int) -> ConsoleSizing {
        var own = scenario
        own.centres = [scenario.centres[centre]]
        own.centres[0].streamGroup = scenario.centres[centre].streamGroup ?? centre
        own.absences = scenario.absences.filter { $0.centre == scenario.centres[centre].code }
        own.surges = scenario.surges.filter { $0.centres?.contains(scenario.centres[centre].code) ?? true }
        var sizing = ConsoleSizing(own, byHour: byHour, maxConsoles: maxConsoles, jobs: 1, judgesBindings: judgesBindings)
        sizing.judgesHoursAnywhere = judgesHoursAnywhere
        return sizing
    }

    /// Sizes the scenario; `progress` hears what is being sized.
    public func size(progress: (@Sendable (String) -> Void)? = nil) async -> Outcome {
        var search = Search(sizing: self)
        let start = ErlangStart.plan(scenario, byHour: byHour, maximum: maxConsoles)
        var plan = start
        let all = Array(scenario.centres.indices)
        if scenario.routing == .local {
            // Each centre alone: independent searches, `jobs` of them at once, gathered in order.
            for found in await sizeAlone(start, progress: progress) {
                plan.setStaffing(found.staffing, of: found.centre)
                search.candidates += found.candidates
                search.unreachable += found.unreachable
            }
            if search.unreachable.isEmpty {  // else the total cannot hold either; say where it fails
                progress?("checking the total")
                if byHour {
                    await search.topUpForTotal(&plan, base: scenario, centres: all)
                } else {
                    await search.placeForTotal(&plan)
                }
            }
        } else {
            progress?("sizing the \(all.count) centres together")
            // Every centre's (by hour, centre-hour's) own targets first, then the total's in an order
            // fixed before any simulation (TotalTopUp.swift).
            await search.minimise(&plan, base: scenario, centres: all)
            if search.unreachable.isEmpty {
                progress?("checking the total")
                await search.topUpForTotal(&plan, base: scenario, centres: all)
            }
        }
        let sized = plan.staff(scenario)
        let byHour = byHour
        // The answer's run is not bounded by figures by hour (only candidates are): memory is flat,
        // and its decisions are what `check` of the sized scenario sees.
        let result = await Simulator.run(
            sized, jobs: jobs, hourlyCentres: byHour || sized.judgesHours ? all : [],
            undecided: { Verdict($0, centres: all, judgeTotal: true, byHour: byHour).undecided })
        var bindings: [Binding] = []
        if !byHour && judgesBindings && search.unreachable.isEmpty {
            progress?("judging each centre with one console fewer")
            bindings = await search.bindings(plan, answer: result)
        }
        var hourBindings: [[Binding?]] = []
        if byHour && judgesBindings && search.unreachable.isEmpty {
            progress?("judging each centre-hour with one console fewer")
            hourBindings = await search.hourBindings(plan, answer: result, base: scenario)
        }
        var next: Int?
        if scenario.routing == .local, !byHour,
           let target = result.targets.first(where: { $0.scope == .total && $0.hour == nil && $0.state == .borderlineMet })?.target {
            next = await search.placement.bestCentre(plan, for: target.measure, replications: result.scenario.replications)
        }
        return Outcome(
            sized: sized, result: result, plan: plan, erlangStart: start, unreachable: search.unreachable,
            bindings: bindings, hourBindings: hourBindings, nextConsole: next, simulations: search.simulations + 1)
    }

    /// Under local routing, each centre sized on its own callers (`Search.minimise`), several
    /// centres at once — each search runs its replications one at a time, so `jobs` searches keep
    /// the cores busy — and the answers returned in the scenario's order, whatever `jobs` is.
    func sizeAlone(
        _ start: ConsolePlan, progress: (@Sendable (String) -> Void)?
    ) async -> [(centre: Int, staffing: Staffing, candidates: Int, unreachable: [Scope])] {
        let count = scenario.centres.count
        var found = [(centre: Int, staffing: Staffing, candidates: Int, unreachable: [Scope])?](repeating: nil, count: count)
        await withTaskGroup(of: (Int, Staffing, Int, [Scope]).self) { group in
            var next = 0
            func launch(_ centre: Int) {
                let alone = self.alone(centre)
                group.addTask {
                    var search = Search(sizing: alone)
                    var plan = ConsolePlan(staffing: [start.staffing[centre]], byHour: start.byHour)
                    await search.minimise(&plan, base: alone.scenario, centres: [0])
                    return (centre, plan.staffing[0], search.candidates, search.unreachable)
                }
            }
            while next < min(max(jobs, 1), count) { launch(next); next += 1 }
            var done = 0
            for await (centre, staffing, candidates, unreachable) in group {
                found[centre] = (centre, staffing, candidates, unreachable)
                done += 1
                progress?("sized \(scenario.centres[centre].code) alone (\(done)/\(count))")
                if next < count { launch(next); next += 1 }
            }
        }
        return found.map { $0! }
    }

    /// The fewest consoles a centre may keep: its largest absence (a scenario cannot take more).
    func floor(_ centre: Int) -> Int {
        scenario.absences.filter { $0.centre == scenario.centres[centre].code }.map(\.consoles).max() ?? 0
    }

    /// Whether `slot` may lose a console in `plan`: above its `min_consoles` (and none), and its
    /// centre keeping its largest absence.
    func canSpare(_ slot: ConsolePlan.Slot, in plan: ConsolePlan) -> Bool {
        guard plan[slot] > max(minimum(slot), 0) else { return false }
        var fewer = plan
        fewer[slot] -= 1
        return fewer.staffing[slot.centre].peak >= floor(slot.centre)
    }

    /// The fewest consoles a slot may have: the centre's `min_consoles` where the slot's hours
    /// include one in which the centre answers its own callers (not pooled), else none.
    func minimum(_ slot: ConsolePlan.Slot) -> Int {
        let hours = byHour ? [slot.hour] : Array(0..<24)
        let ownCallers = hours.contains { scenario.routing.inForce(hour: $0) != .pooled }
        return ownCallers ? scenario.centres[slot.centre].minConsoles : 0
    }
}

/// The search's state: candidate runs so far, each centre's curves for the total's targets (local
/// routing), and what could not be reached.
struct Search {
    let sizing: ConsoleSizing
    var candidates = 0
    var placement: NationalPlacement
    var unreachable: [Scope] = []
    /// What `topUpForTotal` added for the total's targets: the plan before, and the total's first
    /// target falling short with one console fewer than it added (its binding target).
    var topUp: (before: ConsolePlan, oneFewer: TargetResult)?

    init(sizing: ConsoleSizing) {
        self.sizing = sizing
        placement = NationalPlacement(sizing: sizing)
    }

    /// Runs simulated: candidates and curve points.
    var simulations: Int { candidates + placement.runs }

    /// Adds consoles until every target of `centres` holds (by hour, of each of their hours), then
    /// takes away each console not needed; the total's targets come after (`topUpForTotal`).
    /// - Parameters:
    ///   - base: the scenario the plan staffs at `centres`.
    ///   - removeOnlyAdded: take away only consoles this call added (the others are known minimal).
    mutating func minimise(
        _ plan: inout ConsolePlan, base: Scenario, centres: [Int], removeOnlyAdded: Bool = false
    ) async {
        let byHour = sizing.byHour
        let before = plan
        makeStable(&plan, base: base, centres: centres)
        var result = await evaluate(plan, base: base, centres: centres, judgeTotal: false)
        var poolStep = [Int: Int]()  // consoles a pooled hour gains at once; doubles while it fails
        let seats = PooledSeats(base: base, centres: centres)
        func pooled(_ slot: ConsolePlan.Slot) -> Bool { byHour && base.routing.inForce(hour: slot.hour) == .pooled }
        while true {
            let verdict = Verdict(result, centres: centres, judgeTotal: false, byHour: byHour)
            if verdict.allMet { break }
            /// The slot of `slots` whose calls add most to a miss of `measure`.
            func helpingMost(_ slots: [ConsolePlan.Slot], _ measure: Target.Measure) -> [ConsolePlan.Slot] {
                let open = slots.filter { plan[$0] < sizing.maxConsoles }
                let share = open.map { Verdict.share($0, of: measure, in: result, byHour: byHour) }
                return open.indices.max { share[$0] < share[$1] || (share[$0] == share[$1] && $0 > $1) }.map { [open[$0]] } ?? []
            }
            var additions = verdict.failingSlots.filter { plan[$0] < sizing.maxConsoles && !pooled($0) }
            // A pooled hour is one queue: it gains consoles as a whole, seated where the calls are.
            for hour in Set(verdict.failingSlots.filter(pooled).map(\.hour)).sorted() {
                var seated = plan
                for _ in 0..<poolStep[hour, default: 1] {
                    guard let slot = seats.next(hour: hour, in: seated, maximum: sizing.maxConsoles) else { break }
                    seated[slot] += 1
                    additions.append(slot)
                }
                poolStep[hour] = 2 * poolStep[hour, default: 1]
            }
            additions += verdict.failingCentres.flatMap { helpingMost(plan.slots(of: $0.centre), $0.miss) }
            if additions.isEmpty {
                unreachable += Set(verdict.failingSlots.map(\.centre) + verdict.failingCentres.map(\.centre)).sorted()
                    .map { .centre(base.centres[$0].code) }
                return
            }
            for slot in additions { plan[slot] += 1 }
            result = await evaluate(plan, base: base, centres: centres, judgeTotal: false)
        }
        if byHour && !removeOnlyAdded {
            // Many slots: take consoles away in rounds, then settle what they leave (RemovalRounds.swift).
            await removeInRounds(&plan, base: base, centres: centres)
            await minimise(&plan, base: base, centres: centres, removeOnlyAdded: true)
            return
        }
        // Take consoles away one at a time, each from the slot with the most consoles for its load
        // (so that, pooled, consoles stay where the calls are); a slot that cannot spare one is done.
        var open = centres.flatMap { plan.slots(of: $0) }.filter { !removeOnlyAdded || plan[$0] > before[$0] }
        while true {
            open.removeAll { plan[$0] == 0 }
            guard let slot = seats.mostSpareFirst(open, in: plan).first, let pick = open.firstIndex(of: slot) else { break }
            plan[slot] -= 1
            if plan[slot] >= sizing.minimum(slot), plan.staffing[slot.centre].peak >= sizing.floor(slot.centre),
               !plan.staff(base, centres: centres).queuesGrowWithoutEnd {
                let trial = await evaluate(plan, base: base, centres: centres, judgeTotal: false)
                if Verdict(trial, centres: centres, judgeTotal: false, byHour: byHour).allMet {
                    result = trial
                    continue
                }
            }
            plan[slot] += 1
            open.remove(at: pick)
        }
    }

    /// Under local routing, sizing all day: adds consoles for the total's targets where they
    /// reduce the failing figure most (`NationalPlacement`), until a run of the whole scenario
    /// meets every target.
    mutating func placeForTotal(_ plan: inout ConsolePlan) async {
        let scenario = sizing.scenario, all = Array(scenario.centres.indices)
        while true {
            let result = await evaluate(plan, base: scenario, centres: all, judgeTotal: true)
            let verdict = Verdict(result, centres: all, judgeTotal: true, byHour: false)
            if verdict.allMet { return }
            // A centre's own target judged on more replications than it was sized on may now fail.
            if !verdict.failingSlots.isEmpty {
                let open = verdict.failingSlots.filter { plan[$0] < sizing.maxConsoles }
                guard !open.isEmpty else {
                    unreachable += verdict.failingSlots.map { .centre(scenario.centres[$0.centre].code) }
                    return
                }
                for slot in open { plan[slot] += 1 }
                continue
            }
            // An hour of the total: a console where that hour's calls miss the target most.
            if let target = verdict.totalMiss, let hour = verdict.totalMissHour {
                let open = all.filter { plan[ConsolePlan.Slot(centre: $0, hour: 0)] < sizing.maxConsoles }
                let share = open.map { NationalPlacement.contribution(result.centreHours[$0]![hour].map(\.mean), to: target.measure) }
                guard let best = open.indices.max(by: { share[$0] < share[$1] || (share[$0] == share[$1] && $0 > $1) }) else {
                    unreachable.append(.total)
                    return
                }
                plan[ConsolePlan.Slot(centre: open[best], hour: 0)] += 1
                continue
            }
            guard let target = verdict.totalMiss,
                  await placement.place(for: target, in: &plan, replications: result.scenario.replications)
            else {
                unreachable.append(.total)
                return
            }
        }
    }

    /// Adds consoles until no queue would grow without end (the simulation could not finish),
    /// every slot has its `min_consoles` and every centre keeps at least its largest absence.
    func makeStable(_ plan: inout ConsolePlan, base: Scenario, centres: [Int]) {
        for centre in centres {
            for slot in plan.slots(of: centre) where plan[slot] < sizing.minimum(slot) { plan[slot] = sizing.minimum(slot) }
            while plan.staffing[centre].peak < sizing.floor(centre) {
                for slot in plan.slots(of: centre) { plan[slot] += 1 }
            }
        }
        while plan.staff(base, centres: centres).queuesGrowWithoutEnd {
            let staffed = plan.staff(base, centres: centres)
            let busiest = centres.max { a, b in
                let (x, y) = (staffed.centres[a], staffed.centres[b])
                return x.offeredLoad(callTypes: base.callTypes) / max(x.staffing.meanConsoles, 0.5)
                    < y.offeredLoad(callTypes: base.callTypes) / max(y.staffing.meanConsoles, 0.5)
            }!
            for slot in plan.slots(of: busiest) { plan[slot] += 1 }
        }
    }

    /// A candidate's run, by the precision rule on the decisions sizing makes with it.
    mutating func evaluate(_ plan: ConsolePlan, base: Scenario, centres: [Int], judgeTotal: Bool) async -> RunResult {
        candidates += 1
        let byHour = sizing.byHour
        return await Simulator.run(
            plan.staff(base, centres: centres), jobs: sizing.jobs,
            hourlyCentres: byHour || sizing.judgesHoursAnywhere ? centres : [],
            hourFigureLimit: byHour ? Scenario.maxHourFiguresPerRun : nil, undecided: { Verdict($0, centres: centres, judgeTotal: judgeTotal, byHour: byHour).undecided })
    }
}
