import CallModel

/// Where a pooled hour's consoles sit (docs/model.md, "Sizing by hour"). In a pooled hour a
/// console anywhere answers every centre's callers, so the callers see only how many there are;
/// sizing keeps them where the calls are: each console added goes to the centre with the fewest
/// consoles for its offered load in that hour, each one taken away comes from the centre with
/// the most, ties going to the earlier centre in the scenario's order. Nothing in it depends on
/// the seed.
struct PooledSeats {
    let base: Scenario
    /// The centres sized, in the scenario's order.
    let centres: [Int]

    /// Consoles per Erlang offered at `slot` in `plan` (∞ when it is offered none).
    func perErlang(_ slot: ConsolePlan.Slot, in plan: ConsolePlan) -> Double {
        let weight = plan.byHour ? base.arrivals(of: slot.centre).daily[slot.hour] : 1
        let load = base.centres[slot.centre].offeredLoad(callTypes: base.callTypes) * weight
        return load > 0 ? Double(plan[slot]) / load : .infinity
    }

    /// The slot of `hour` that takes the pool's next console: the fewest consoles for its load,
    /// among those with fewer than `maximum`.
    func next(hour: Int, in plan: ConsolePlan, maximum: Int) -> ConsolePlan.Slot? {
        centres.map { ConsolePlan.Slot(centre: $0, hour: hour) }.filter { plan[$0] < maximum }
            .min { perErlang($0, in: plan) < perErlang($1, in: plan) }
    }

    /// `open` with the most consoles for their load first.
    func mostSpareFirst(_ open: [ConsolePlan.Slot], in plan: ConsolePlan) -> [ConsolePlan.Slot] {
        let spare = open.map { perErlang($0, in: plan) }
        return open.indices.sorted { spare[$0] > spare[$1] || (spare[$0] == spare[$1] && $0 < $1) }.map { open[$0] }
    }

    /// `plan` with `count` consoles in `hour`, seated one by one from none.
    func seat(_ count: Int, hour: Int, in plan: inout ConsolePlan, maximum: Int) {
        for centre in centres { plan[ConsolePlan.Slot(centre: centre, hour: hour)] = 0 }
        for _ in 0..<count {
            guard let slot = next(hour: hour, in: plan, maximum: maximum) else { return }
            plan[slot] += 1
        }
    }
}
