import CallModel

/// Why a centre has the consoles sizing gave it: the target that fails with one console fewer
/// there, with its estimate at the answer and at one fewer (docs/model.md, "Sizing").
public struct Binding: Sendable {
    /// What decides the centre's last console.
    public enum Reason: Sendable {
        /// A target fails with one console fewer: the centre's own first, else another centre's
        /// (routing together), else the total's.
        case target(atAnswer: TargetResult, oneFewer: TargetResult)
        /// The centre has the fewest consoles allowed: none, its `min_consoles` or its largest absence.
        case fewestAllowed
        /// With one console fewer a queue would grow without end.
        case unstable
        /// No target fails with one console fewer on these replications.
        case none
    }

    public let reason: Reason

    /// The decision rests on an interval inside the decision zone: the centre's own target met
    /// only just at the answer, or the binding target missed only just (or undecided at the cap)
    /// with one console fewer, or, for a target of the total, met only just with one fewer. Another seed may move this console. (A total met only just at the
    /// answer is marked on the total: another seed may add a console, not move this one.)
    public var borderline: Bool {
        guard case .target(let answer, let fewer) = reason else { return false }
        return (answer.scope != .total && answer.state == .borderlineMet)
            || fewer.state == .borderlineMissed || fewer.state == .undecided
            || (fewer.scope == .total && fewer.state == .borderlineMet)
    }
}

extension Search {
    /// Each centre's binding target under the sized all-day `plan`, whose run is `answer`.
    mutating func bindings(_ plan: ConsolePlan, answer: RunResult) async -> [Binding] {
        var found: [Binding] = []
        for centre in sizing.scenario.centres.indices { found.append(await binding(centre, plan: plan, answer: answer)) }
        return found
    }

    /// The first target that fails at `centre` with one console fewer. Under local routing the
    /// centre's own targets are judged in a run of its callers alone, the total's
    /// `urgent_lost_per_year` on the centres' curves and the total's other targets in a run of
    /// the whole scenario; routed together, every scope in a run of the whole scenario.
    mutating func binding(_ centre: Int, plan: ConsolePlan, answer: RunResult) async -> Binding {
        let scenario = sizing.scenario
        let code = scenario.centres[centre].code
        let slot = ConsolePlan.Slot(centre: centre, hour: 0)
        guard plan.staffing[centre].peak > max(sizing.floor(centre), sizing.minimum(slot), 0) else {
            return Binding(reason: .fewestAllowed)
        }
        var fewer = plan
        fewer[slot] -= 1
        guard !fewer.staff(scenario).queuesGrowWithoutEnd else { return Binding(reason: .unstable) }
        func binding(_ miss: TargetResult) -> Binding {
            let atAnswer = answer.targets.first { $0.scope == miss.scope && $0.target == miss.target && $0.hour == miss.hour }!
            return Binding(reason: .target(atAnswer: atAnswer, oneFewer: miss))
        }
        let all = Array(scenario.centres.indices)
        guard scenario.routing == .local else {
            let run = await evaluate(fewer, base: scenario, centres: all, judgeTotal: true)
            let order = [Scope.centre(code)] + run.centres.map { Scope.centre($0.code) } + [Scope.total]
            let misses = run.targets.filter { $0.scope == .total ? $0.fallsShortForTheTotal : $0.state.fails }
            let first = misses.min { order.firstIndex(of: $0.scope)! < order.firstIndex(of: $1.scope)! }
            return first.map(binding) ?? Binding(reason: .none)
        }
        let own = sizing.alone(centre)
        let alone = await evaluate(
            ConsolePlan(staffing: [fewer.staffing[centre]], byHour: fewer.byHour), base: own.scenario, centres: [0], judgeTotal: false)
        if let miss = alone.targets.first(where: { $0.scope == .centre(code) && $0.state.fails }) { return binding(miss) }
        let replications = answer.scenario.replications
        for target in scenario.targets where target.measure == .urgentLostPerYear {
            let total = await placement.predictedTotal(fewer, target: target, from: replications)
            if total.fallsShortForTheTotal { return binding(total) }
        }
        let others = scenario.targets.filter { $0.measure != .urgentLostPerYear }
        guard !others.isEmpty else { return Binding(reason: .none) }
        candidates += 1
        let whole = await Simulator.run(fewer.staff(scenario), jobs: sizing.jobs, undecided: { run in
            run.targets.contains { $0.scope == .total && $0.target.measure != .urgentLostPerYear && $0.state == .undecided }
        })
        return whole.targets.first { $0.scope == .total && $0.target.measure != .urgentLostPerYear && $0.fallsShortForTheTotal }
            .map(binding) ?? Binding(reason: .none)
    }
}
