import CallModel

extension Search {
    /// Each centre-hour's binding target under the sized by-hour `plan`, whose run is `answer`
    /// (docs/model.md, "Sizing by hour"): the first of that centre's targets judged in the hour
    /// that fails with one console fewer in it; `nil` where no console can be taken away (none,
    /// `min_consoles`, the largest absence). A pooled hour is one queue: one console fewer in it
    /// (from the centre with the most for its load) is judged on every centre's callers in that
    /// hour, and each centre-hour of it that has a console shows the first that fails.
    ///
    /// Three runs judge them all, each bounded like a candidate's (`Scenario.maxHourFiguresPerRun`;
    /// a target still undecided then marks the decision borderline): run r takes one console away
    /// in every hour h ≡ r (mod 3), at every centre at once. In a local hour a centre's callers see only its own consoles, and two
    /// hours apart the queue one fewer leaves has long drained (calls last minutes), so each
    /// centre-hour is judged as if alone. A console added for the total's targets binds on
    /// them, which these runs do not judge: it shows the total's target that fell short with the
    /// last such console fewer (`topUp`; marked borderline when that was only just).
    mutating func hourBindings(_ plan: ConsolePlan, answer: RunResult, base: Scenario) async -> [[Binding?]] {
        let centres = Array(base.centres.indices)
        let seats = PooledSeats(base: base, centres: centres)
        func pooled(_ hour: Int) -> Bool { base.routing.inForce(hour: hour) == .pooled }
        /// The targets of `centre` judged on the calls of one hour.
        func hourly(_ centre: Int) -> [Target] {
            base.targets(of: centre).filter { $0.measure.isHourly } + base.hourlyTargets(of: centre)
        }
        func judged(_ result: RunResult, _ centre: Int, _ hour: Int) -> [TargetResult] {
            hourly(centre).map {
                $0.result(scope: .centre(base.centres[centre].code), kpis: result.centreHours[centre]![hour],
                          horizon: base.horizon, precision: base.precision, hour: hour)
            }
        }
        var found = [[Binding?]](repeating: Array(repeating: nil, count: 24), count: centres.count)
        // A console added for the total's targets binds on them: the total with the last added
        // console fewer (`topUp`), against the answer's.
        let total = topUp.flatMap { topUp in
            answer.targets.first { $0.scope == .total && $0.hour == nil && $0.target == topUp.oneFewer.target }
                .map { Binding(reason: .target(atAnswer: $0, oneFewer: topUp.oneFewer)) }
        }
        for residue in 0..<3 {
            var fewer = plan
            var removed: [ConsolePlan.Slot] = []
            for hour in stride(from: residue, to: 24, by: 3) {
                let slots = centres.map { ConsolePlan.Slot(centre: $0, hour: hour) }
                if pooled(hour) {
                    if let slot = seats.mostSpareFirst(slots.filter { plan[$0] > 0 }, in: plan).first { removed.append(slot) }
                } else {
                    removed += slots.filter { sizing.canSpare($0, in: plan) }
                }
            }
            for slot in removed { fewer[slot] -= 1 }
            let unstable = fewer.staff(base).queuesGrowWithoutEnd
            var run: RunResult?
            if !unstable && !removed.isEmpty {
                candidates += 1
                let judge = removed
                run = await Simulator.run(
                    fewer.staff(base), jobs: sizing.jobs, hourlyCentres: centres, hourFigureLimit: 10 * Scenario.maxHourFiguresPerRun,
                    undecided: { result in
                    judge.contains { slot in
                        (pooled(slot.hour) ? centres : [slot.centre]).contains { centre in
                            hourly(centre).contains {
                                $0.result(scope: .centre(base.centres[centre].code), kpis: result.centreHours[centre]![slot.hour], horizon: base.horizon,
                                          precision: base.precision).state == .undecided
                            }
                        }
                    }
                })
            }
            for slot in removed {
                // Whose callers one console fewer in this hour reaches: the centre's, or every centre's.
                let reached = pooled(slot.hour) ? centres : [slot.centre]
                let binding: Binding
                if let run {
                    let miss = reached.lazy.compactMap { centre in
                        zip(judged(answer, centre, slot.hour), judged(run, centre, slot.hour)).first { $0.1.state.fails }
                    }.first
                    binding = miss.map { Binding(reason: .target(atAnswer: $0.0, oneFewer: $0.1)) } ?? Binding(reason: .none)
                } else {
                    binding = Binding(reason: .unstable)
                }
                let shown = pooled(slot.hour) ? centres.filter { plan[ConsolePlan.Slot(centre: $0, hour: slot.hour)] > 0 } : [slot.centre]
                for centre in shown {
                    let place = ConsolePlan.Slot(centre: centre, hour: slot.hour)
                    if case .none = binding.reason, let total, plan[place] > topUp!.before[place] {
                        found[centre][slot.hour] = total
                    } else {
                        found[centre][slot.hour] = binding
                    }
                }
            }
        }
        return found
    }
}
