import CallModel
import SimStatistics

extension Search {
    /// Adds consoles for the total's targets once every slot meets its own (docs/model.md, "Sizing
    /// by hour"): in an order fixed before any simulation (`AdditionOrder`: each next console where
    /// Erlang A says it reduces the failing figure most), the fewest of them that meet every target
    /// of the total — met, not only just — found by doubling their number, then by bisection, each
    /// count judged by a run of the whole scenario by the precision rule. The order does not depend
    /// on the seed, so two seeds' plans differ only in how far along it they go; and one decision,
    /// a count, is fitted to a run's replications rather than one per console.
    mutating func topUpForTotal(_ plan: inout ConsolePlan, base: Scenario, centres: [Int]) async {
        guard !base.targets.isEmpty else { return }
        let byHour = sizing.byHour
        /// Additions known to fall short (the most so judged), and the fewest that may not.
        var failing = 0, count = 0
        /// The total's first target falling short with each number of additions judged.
        var shortOf: [Int: TargetResult] = [:]
        func verdict(_ additions: ArraySlice<ConsolePlan.Slot>) async -> Verdict {
            var candidate = plan
            for slot in additions { candidate[slot] += 1 }
            candidates += 1
            let run = await Simulator.run(
                candidate.staff(base, centres: centres), jobs: sizing.jobs, hourlyCentres: [],
                undecided: { Verdict($0, centres: [], judgeTotal: true, byHour: byHour).undecided })
            shortOf[additions.count] = run.targets.first { $0.scope == .total && $0.hour == nil && $0.fallsShortForTheTotal }
            return Verdict(run, centres: [], judgeTotal: true, byHour: byHour)
        }
        guard let miss = await verdict([]).totalMiss else { return }
        let before = plan
        defer { if let fewer = shortOf[failing] { topUp = (before, fewer) } }
        // At most as many consoles again as the plan has, and never past `maxConsoles` in a slot.
        let most = max(plan.staffing.reduce(0) { $0 + $1.hours.reduce(0, +) }, 24 * centres.count)
        let order = AdditionOrder(plan, base: base, centres: centres, measure: miss.measure, sizing: sizing, count: most)
        count = min(1, order.slots.count)
        while !(await verdict(order.slots.prefix(count))).allMet {
            guard count < order.slots.count else {
                unreachable.append(.total)
                plan = order.apply(order.slots.count, to: plan)
                return
            }
            failing = count
            count = min(2 * count, order.slots.count)
        }
        while count - failing > 1 {
            let middle = (failing + count) / 2
            if await verdict(order.slots.prefix(middle)).allMet { count = middle } else { failing = middle }
        }
        plan = order.apply(count, to: plan)
    }
}

/// The order in which sizing adds consoles for a target of the total: each next console where
/// Erlang A (Erlang C when nobody hangs up) says it reduces the total's failing figure most a day —
/// urgent callers lost, calls abandoned, or calls not answered within the threshold — given the
/// consoles already added. It reads each slot's calls at its centre's long-run rate, times its
/// hour's weight (by hour) and the surges' mean over the run; a pooled hour's calls are one queue,
/// whose next console `PooledSeats` seats.
/// Ties go to the earlier slot in the scenario's order. Nothing in it depends on the seed.
struct AdditionOrder {
    /// The consoles to add, in order (a slot may appear several times).
    let slots: [ConsolePlan.Slot]

    /// The first `count` consoles added to `plan`.
    func apply(_ count: Int, to plan: ConsolePlan) -> ConsolePlan {
        var plan = plan
        for slot in slots.prefix(count) { plan[slot] += 1 }
        return plan
    }

    /// The first `count` consoles (fewer when every slot reaches `maxConsoles`).
    init(_ plan: ConsolePlan, base: Scenario, centres: [Int], measure: Target.Measure, sizing: ConsoleSizing, count: Int) {
        let length = base.warmup + base.horizon
        /// One queue: a slot, or every centre's slot in a pooled hour.
        struct Queue {
            var members: [ConsolePlan.Slot]
            var callsPerSecond = 0.0, busySeconds = 0.0, patienceSeconds = 0.0, urgentCalls = 0.0
            var everyoneWaits = false
        }
        var queues: [Queue] = []
        for hour in 0..<(plan.byHour ? 24 : 1) {
            let pooled = (plan.byHour ? base.routing.inForce(hour: hour) : base.routing) == .pooled
            var pool = Queue(members: [])
            for centre in centres {
                let site = base.centres[centre]
                guard site.callsPerDay > 0 else { continue }
                let weight = plan.byHour ? base.arrivals(of: centre).daily[hour] : 1
                let rate = site.callsPerDay / 86_400 * weight * base.surgedSeconds(site.code) / max(length, 1)
                var queue = pooled ? pool : Queue(members: [])
                queue.members.append(ConsolePlan.Slot(centre: centre, hour: hour))
                queue.callsPerSecond += rate
                queue.busySeconds += rate * site.offeredLoad(callTypes: base.callTypes) / (site.callsPerDay / 86_400)
                queue.patienceSeconds += rate * (site.patience?.mean ?? 0)
                queue.everyoneWaits = queue.everyoneWaits || site.patience == nil
                queue.urgentCalls += rate * zip(base.callTypes, site.profiles).reduce(0) { $0 + $1.0.share * $1.1.escalation.probability }
                if pooled { pool = queue } else { queues.append(queue) }
            }
            if pooled, !pool.members.isEmpty { queues.append(pool) }
        }
        var consoles = queues.map { $0.members.reduce(0) { $0 + plan[$1] } }
        var next = plan
        /// What one more console in queue `index` saves a day (Erlang A, at the queue's mean rates).
        func gain(_ index: Int) -> Double {
            let queue = queues[index], rate = queue.callsPerSecond
            guard rate > 0 else { return 0 }
            let handling = queue.busySeconds / rate
            func formula(_ servers: Int) -> any QueueFormula {
                queue.everyoneWaits
                    ? ErlangC(consoles: servers, callsPerSecond: rate, meanHandling: handling)
                    : ErlangA(consoles: servers, callsPerSecond: rate, meanHandling: handling, meanPatience: queue.patienceSeconds / rate)
            }
            let now = consoles[index], more = formula(now + 1)
            let perDay = 86_400.0 * (plan.byHour ? 1.0 / 24 : 1)
            switch measure {
            case .urgentLostPerYear where !queue.everyoneWaits, .abandonmentRate where !queue.everyoneWaits:
                let lost = now == 0 ? 1 : formula(now).pAbandon
                let calls = measure == .urgentLostPerYear ? queue.urgentCalls : rate
                return calls * perDay * (lost - more.pAbandon)
            default:
                let within = base.serviceLevelThreshold
                let answered = now == 0 ? 0 : formula(now).serviceLevel(within: within)
                return rate * perDay * (more.serviceLevel(within: within) - answered)
            }
        }
        /// The slot of queue `index` that takes its next console, below `maxConsoles`.
        let seats = PooledSeats(base: base, centres: centres)
        func seat(_ index: Int) -> ConsolePlan.Slot? {
            let members = queues[index].members
            guard members.count > 1 else { return members.first { next[$0] < sizing.maxConsoles } }
            return seats.next(hour: members[0].hour, in: next, maximum: sizing.maxConsoles)
        }
        var gains = queues.indices.map(gain)
        var slots: [ConsolePlan.Slot] = []
        while slots.count < count {
            let open = queues.indices.filter { seat($0) != nil }
            guard let best = open.max(by: { gains[$0] < gains[$1] || (gains[$0] == gains[$1] && $0 > $1) }),
                  let slot = seat(best) else { break }
            slots.append(slot)
            next[slot] += 1
            consoles[best] += 1
            gains[best] = gain(best)
        }
        self.slots = slots
    }
}
