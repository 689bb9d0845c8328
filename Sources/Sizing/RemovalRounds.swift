import CallModel

extension Search {
    /// Sizing by hour: takes consoles away in rounds rather than one slot at a time (docs/model.md,
    /// "Sizing by hour"). A round takes one console from every slot of one parity of hour that may
    /// spare one — in a local hour each centre's own; in a pooled hour one console from each of the
    /// centres with the most consoles for their load, as many as the hour's step, which doubles
    /// while the pool can spare them — and judges them all in one run. Each slot that
    /// then fails its hour's targets gets its console back and is done; a slot that fails without
    /// having lost one points at the removal that caused it (the same centre's hour before or after,
    /// or the same pooled hour). Rounds alternate even and odd hours, so a removal and the hour its
    /// queue spills into are judged apart, and go on until no slot can spare a console. Only the
    /// slots' own targets are judged: the total's come after (`topUpForTotal`). Every round keeps
    /// a removal, closes a slot or shortens a step, so the rounds end.
    mutating func removeInRounds(_ plan: inout ConsolePlan, base: Scenario, centres: [Int]) async {
        func pooled(_ hour: Int) -> Bool { base.routing.inForce(hour: hour) == .pooled }
        let seats = PooledSeats(base: base, centres: centres)
        /// Slots that cannot spare a console; a pooled hour that cannot spare one is done as a whole.
        var done = Set<ConsolePlan.Slot>()
        /// Consoles a pooled hour loses in a round: doubling while it can spare them, back to one
        /// when it cannot.
        var poolStep = [Int: Int]()
        func close(_ slot: ConsolePlan.Slot) {
            guard pooled(slot.hour) else {
                done.insert(slot)
                return
            }
            if poolStep[slot.hour, default: 1] > 1 {
                poolStep[slot.hour] = 1
            } else {
                for centre in centres { done.insert(ConsolePlan.Slot(centre: centre, hour: slot.hour)) }
            }
        }
        var quietRounds = 0, parity = 0
        while quietRounds < 2 {
            defer { parity = 1 - parity }
            var removed: [ConsolePlan.Slot] = []
            for hour in stride(from: parity, to: 24, by: 2) {
                let open = centres.map { ConsolePlan.Slot(centre: $0, hour: hour) }.filter { !done.contains($0) && sizing.canSpare($0, in: plan) }
                if pooled(hour) {
                    // The pool's consoles sit where they are most for the calls: take the most spare,
                    // one console from each of the `poolStep` most spare centres.
                    removed += seats.mostSpareFirst(open, in: plan).prefix(poolStep[hour, default: 1])
                } else {
                    removed += open
                }
            }
            for slot in removed { plan[slot] -= 1 }
            // A centre below its largest absence gets its removals back.
            for centre in Set(removed.map(\.centre)) where plan.staffing[centre].peak < sizing.floor(centre) {
                for slot in removed where slot.centre == centre {
                    plan[slot] += 1
                    close(slot)
                }
                removed.removeAll { $0.centre == centre }
            }
            // A queue that would grow without end: give back removals, the last first, until none would.
            while !removed.isEmpty, plan.staff(base, centres: centres).queuesGrowWithoutEnd {
                let slot = removed.removeLast()
                plan[slot] += 1
                if !pooled(slot.hour) || !removed.contains(where: { $0.hour == slot.hour }) { close(slot) }
            }
            guard !removed.isEmpty else { quietRounds += 1; continue }
            while true {
                let trial = await evaluate(plan, base: base, centres: centres, judgeTotal: false)
                let verdict = Verdict(trial, centres: centres, judgeTotal: false, byHour: true)
                if verdict.allMet { break }
                var back = Set<ConsolePlan.Slot>()
                for failing in verdict.failingSlots {
                    if removed.contains(failing) { back.insert(failing); continue }
                    // Its queue came from the hour before or spills into the hour after: the same
                    // centre's removal there, or the pool's when either hour is pooled.
                    let beside = [(failing.hour + 23) % 24, failing.hour, (failing.hour + 1) % 24]
                    let near = removed.filter { slot in
                        beside.contains(slot.hour)
                            && (slot.centre == failing.centre || (pooled(slot.hour) && (pooled(failing.hour) || slot.hour != failing.hour)))
                    }
                    back.formUnion(near.isEmpty ? removed.filter { $0.centre == failing.centre } : near)
                }
                for (centre, _) in verdict.failingCentres { back.formUnion(removed.filter { $0.centre == centre }) }
                // Nothing to point at (a pooled hour's spill into the next, say): give all back.
                if back.isEmpty { back = Set(removed) }
                for slot in back { plan[slot] += 1 }
                removed.removeAll { back.contains($0) }
                for slot in back where !pooled(slot.hour) { close(slot) }
                // A pooled hour given back: once per hour (its step back to one, or done).
                for hour in Set(back.filter { pooled($0.hour) }.map(\.hour)) { close(ConsolePlan.Slot(centre: centres[0], hour: hour)) }
                if removed.isEmpty { break }
            }
            for hour in Set(removed.map(\.hour)) where pooled(hour) { poolStep[hour] = 2 * poolStep[hour, default: 1] }
            // A round that tried something changed the plan, closed slots or shortened a step: go on.
            quietRounds = 0
        }
    }
}
