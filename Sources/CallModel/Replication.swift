import SimEngine

/// One replication of a scenario: one calendar, one clock, one loop, and what happens at each
/// event (docs/model.md, "A replication").
///
/// Consoles are not events while nobody waits: the `ConsoleBoard` knows when each is next free, and
/// an arriving caller takes one that is free by then. While callers wait that a centre's consoles
/// could answer, the centre has exactly one pending console event, at the time its first console
/// frees. Statistics stream into `Tallies` as calls end; a caller takes memory only while he waits
/// or waits to call again (or until his hanging up is settled at the head of his line).
struct Replication<Routing: RoutingPolicy, Observer: AttemptObserver> {
    let window: (start: Double, end: Double)
    let arrivalProcesses: Table<CentreArrivals>
    let capacity: Table<Int?>
    /// Each call type's priority level in the waiting lines (0: served first).
    let priorityLevel: Table<Int>
    let draws: CallerDraws
    var routing: Routing
    /// Told of each attempt as it ends (the calls log), or nobody.
    var observer: Observer

    /// Each centre's next arrival is a standing source of the calendar (one pending at a time).
    var calendar: EventCalendar<UInt64>
    var callers = CallerPool()
    var lines: WaitingLines
    var board: ConsoleBoard
    var shifts: Shifts
    var tallies: Tallies
    /// Whether the centre has its console event pending (it does exactly while callers wait whom
    /// its consoles could answer), and the token that event carries (a shift change can make it stale).
    let consoleEventPending: Table<Bool>
    let consoleEventToken: Table<UInt32>
    /// Counted callers not yet answered, abandoned or blocked.
    var unresolved = 0
    /// Callers whose first attempt fell in the window, not yet answered nor lost for good (their
    /// later attempts may fall after the window: the replication runs on until each is settled).
    var unresolvedCallers = 0
    /// Whether callers call again, so that a caller may still be unsettled when his attempt is
    /// (without redials each caller is settled with his one attempt, and `unresolved` suffices).
    let followsCallers: Bool
    var arrivals = 0
    let replication: Int
    let callerLimit: Int
    /// Set when more than `callerLimit` callers are held at once: the loop stops.
    var overload: Overload?

    /// A replication of `scenario` under `routing`, which also tallies the callers of
    /// `hourlyCentres` by hour of day.
    init(_ scenario: Scenario, replication: Int, routing: Routing, observer: Observer, hourlyCentres: [Int] = []) {
        window = (scenario.warmup, scenario.warmup + scenario.horizon)
        calendar = EventCalendar(standingSources: scenario.centres.count)
        self.replication = replication
        callerLimit = scenario.callerLimit
        arrivalProcesses = Table(scenario.centres.enumerated().map { index, centre in
            CentreArrivals(
                rate: centre.callsPerDay / 86_400, pattern: scenario.arrivals(of: index),
                surges: scenario.surges.filter { $0.centres?.contains(centre.code) ?? true },
                dayToDayCV: scenario.arrivals(of: index).dayToDayCV)
        })
        capacity = Table(scenario.centres.map(\.queueCapacity))
        followsCallers = scenario.redial != nil
        draws = CallerDraws(scenario, replication: replication)
        self.routing = routing
        self.observer = observer
        let levels = scenario.priorityLevels
        priorityLevel = Table(levels)
        lines = WaitingLines(centres: scenario.centres.count, levels: (levels.max() ?? 0) + 1)
        board = ConsoleBoard(consoles: scenario.centres.map(\.staffing.peak))
        shifts = Shifts(scenario)
        tallies = Tallies(scenario, hourlyCentres: hourlyCentres)
        consoleEventPending = Table(repeating: false, count: scenario.centres.count)
        consoleEventToken = Table(repeating: 0, count: scenario.centres.count)
    }

    /// Plays the replication out and returns its figures: until the window has closed and every
    /// counted caller has been answered, has abandoned or was blocked.
    mutating func run() -> ReplicationSummary {
        // First of all, so that it comes before every other event at its instant.
        if Routing.settlesHangUpsAtHead { schedule(.windowCloses, at: window.end) }
        for centre in arrivalProcesses.indices {
            if shifts.change(centre) { shiftChanges(centre) }
            scheduleArrival(centre, after: 0)
        }
        if let first = routing.nextSwitch(after: 0) { schedule(.routingSwitch, at: first) }
        while let event = calendar.next() {
            switch CallEvent(packed: event.payload) {
            case .consoleFrees(let centre, let token): consoleFrees(centre, token: token)
            case .shiftChange(let centre): shiftChanges(centre)
            case .routingSwitch: routingSwitches()
            case .patienceEnds(let caller): patienceEnds(caller)
            case .becomesEligible(let caller): becomesEligible(caller)
            case .arrival(let centre): arrives(centre)
            case .redial(let caller): redials(caller)
            case .windowCloses:
                settleHangUps(before: window.end)
                continue  // not an event of the model: the replication may not end at it
            }
            if unresolved | unresolvedCallers == 0 && calendar.now >= window.end || overload != nil { break }
        }
        assert(lines.countsAreExact(callers: callers))
        for centre in arrivalProcesses.indices { shifts.close(centre, board: board, at: window.end) }
        return tallies.summary(
            consoleTime: shifts.consoleTime, consoleTimeByHour: shifts.consoleTimeByHour,
            events: calendar.processed, arrivals: arrivals, overload: overload)
    }

    @inline(__always)
    mutating func schedule(_ event: CallEvent, at time: Double) {
        calendar.schedule(event.packed, at: time, rank: event.rank)
    }

    // MARK: - Callers

    mutating func scheduleArrival(_ centre: Int, after time: Double) {
        guard arrivalProcesses[centre].rate > 0 else { return }
        let area = draws.streams[centre].arrivals.exponential(mean: 1)
        let next = arrivalProcesses[centre].next(after: time, unitExponential: area, days: draws.streams[centre].dayFactor)
        let arrival = CallEvent.arrival(centre: centre)
        calendar.scheduleStanding(arrival.packed, source: centre, at: next, rank: arrival.rank)
    }

    /// A new caller calls `centre`.
    mutating func arrives(_ centre: Int) {
        let now = calendar.now
        scheduleArrival(centre, after: now)
        arrivals &+= 1
        offer(draws.newCaller(centre, id: callers.newID(), at: now, counted: isInWindow(now), observer: &observer))
        if callers.count > callerLimit, Routing.settlesHangUpsAtHead { settleHangUps(before: now) }
        if callers.count > callerLimit {
            let busiest = lines.waiting.indices.max { lines.waiting[$0] < lines.waiting[$1] } ?? centre
            overload = Overload(replication: replication, centre: busiest, time: now)
        }
    }

    /// A caller who hung up or got a busy tone calls again: the same caller (type, urgency, call),
    /// with a new patience and a new redial decision.
    mutating func redials(_ ref: CallerRef) {
        var caller = callers.release(Int(ref.slot))
        let now = calendar.now
        arrivals &+= 1
        caller.arrival = now
        caller.isRedial = true
        caller.eligible = false  // eligibility counts from this attempt's arrival
        caller.counted = isInWindow(now)
        draws.drawAttempt(&caller)
        offer(caller)
    }

    /// An attempt is offered to the caller's centre: answered at once, blocked, or queued.
    mutating func offer(_ caller: Caller) {
        let now = calendar.now
        let centre = Int(caller.centre)
        if caller.counted {
            unresolved &+= 1
            if followsCallers && !caller.isRedial { unresolvedCallers &+= 1 }
            tallies.count(.offered, of: caller)
        }
        let line = routing.line(of: centre)
        if lines.queued[line] == 0, let console = routing.consoleForNewCaller(of: centre, board: board, now: now) {
            answer(caller, by: console)
        } else if let limit = capacity[centre], lines.waiting[centre] >= limit {
            block(caller)
        } else {
            let ref = callers.park(caller)
            lines.join(ref, line: line, centre: centre, level: priorityLevel[Int(caller.type)])
            if caller.patience.isFinite && !hangsUpUnseen(caller) { schedule(.patienceEnds(ref), at: now + caller.patience) }
            if let delay = routing.overflowDelay(centre), delay < caller.patience {
                schedule(.becomesEligible(ref), at: now + delay)
            }
            for console in routing.consolesServing(centre) { scheduleConsoleEvent(console) }
        }
    }

    /// The first free console of centre `console` takes the call now (another centre's: overflowed).
    mutating func answer(_ caller: Caller, by console: Int) {
        let now = calendar.now
        assert(board.earliestFree(console) <= now)
        board.occupyEarliest(console, until: now + caller.busy)
        tallies.addBusyTime(console, from: now, to: now + caller.busy)
        observer.attemptEnds(caller, outcome: .answered, at: now, answeredBy: console)
        if followsCallers && isInWindow(caller.firstArrival) { unresolvedCallers &-= 1 }
        guard caller.counted else { return }
        unresolved &-= 1
        let outcome = CallOutcome.answered(
            wait: now - caller.arrival, overflowed: console != Int(caller.centre),
            alertDelay: now + caller.alertDelay - caller.firstArrival)
        tallies.count(outcome, of: caller)
    }

    mutating func patienceEnds(_ ref: CallerRef) {
        guard callers.isCurrent(ref) else { return }  // answered earlier
        let slot = Int(ref.slot)
        hangsUp(slot, line: routing.line(of: Int(callers[slot].centre)), at: calendar.now)
    }

    /// The waiting caller in `slot` hangs up at `time`, his patience's end.
    mutating func hangsUp(_ slot: Int, line: Int, at time: Double) {
        let caller = lines.leave(slot, line: line, callers: &callers)
        observer.attemptEnds(caller, outcome: .abandoned, at: time, answeredBy: nil)
        let loss = giveUp(caller)
        guard caller.counted else { return }
        unresolved &-= 1
        tallies.count(.abandoned(wait: time - caller.arrival, loss: loss), of: caller)
    }

    /// Whether the waiting `caller` needs no patience event: his hanging up is settled when a
    /// console looks at the head of his line, or when the window closes (docs/model.md, "Hanging
    /// up, settled at the head of the line"). So for a caller who will not call again, at a centre
    /// without a queue capacity, whose patience ends before the window closes.
    func hangsUpUnseen(_ caller: Caller) -> Bool {
        Routing.settlesHangUpsAtHead && !caller.redialDelay.isFinite && capacity[Int(caller.centre)] == nil
            && caller.arrival + caller.patience < window.end
    }

    /// Settles the callers at the head of `line` whose patience ended before `time`: a console
    /// looks at the line now, and they are no longer there.
    mutating func settleHangUps(line: Int, before time: Double) {
        while let slot = lines.head(of: line, in: callers) {
            let end = callers[slot].arrival + callers[slot].patience
            guard end < time else { return }
            hangsUp(slot, line: line, at: end)
        }
    }

    /// Settles every waiting caller whose patience ended before `time`, wherever he stands in line.
    mutating func settleHangUps(before time: Double) {
        for slot in lines.waitingSlots(callers: callers) {
            let caller = callers[slot]
            let end = caller.arrival + caller.patience
            if end < time { hangsUp(slot, line: routing.line(of: Int(caller.centre)), at: end) }
        }
    }

    mutating func block(_ caller: Caller) {
        observer.attemptEnds(caller, outcome: .blocked, at: calendar.now, answeredBy: nil)
        let loss = giveUp(caller)
        guard caller.counted else { return }
        unresolved &-= 1
        tallies.count(.blocked(loss: loss), of: caller)
    }

    /// The attempt ends without an answer: the caller calls again later, or gives up for good
    /// (returned as his loss).
    mutating func giveUp(_ caller: Caller) -> Loss? {
        guard caller.redialDelay.isFinite else {
            observer.givesUp(caller)
            if isInWindow(caller.firstArrival) {
                if followsCallers { unresolvedCallers &-= 1 }
                tallies.countUnserved(caller)
            }
            return Loss(urgent: caller.urgent, probability: draws.escalationProbability(of: caller))
        }
        var parked = caller
        parked.id = callers.newID()  // the old id may still stand in a line, for the attempt that ended
        observer.callsAgain(caller, as: parked.id)
        schedule(.redial(callers.park(parked)), at: calendar.now + caller.redialDelay)
        return nil
    }

    func isInWindow(_ time: Double) -> Bool { time >= window.start && time < window.end }

    // MARK: - Consoles

    /// Schedules the centre's console event, when its first console frees, unless it is pending.
    mutating func scheduleConsoleEvent(_ centre: Int) {
        let time = board.earliestFree(centre)
        guard !consoleEventPending[centre], time.isFinite else { return }
        consoleEventPending[centre] = true
        consoleEventToken[centre] &+= 1
        schedule(.consoleFrees(centre: centre, token: consoleEventToken[centre]), at: max(time, calendar.now))
    }

    /// The centre's first console frees while callers wait: it answers the one routing says.
    mutating func consoleFrees(_ centre: Int, token: UInt32) {
        guard consoleEventPending[centre], consoleEventToken[centre] == token else { return }
        consoleEventPending[centre] = false
        if Routing.settlesHangUpsAtHead { settleHangUps(line: routing.line(of: centre), before: calendar.now) }
        if board.earliestFree(centre) <= calendar.now,
            let next = routing.nextCaller(for: centre, lines: &lines, callers: callers) {
            answer(lines.leave(next.slot, line: next.line, callers: &callers), by: centre)
        }
        if routing.hasCallers(for: centre, lines: lines) { scheduleConsoleEvent(centre) }
    }

    /// Puts the centre's consoles on or off shift as its staffing and absences say now, and
    /// schedules the next change.
    mutating func shiftChanges(_ centre: Int) {
        let now = calendar.now
        if shifts.apply(centre, to: &board, at: now), routing.hasCallers(for: centre, lines: lines) {
            consoleEventPending[centre] = false  // the pending event may be for a console now off shift
            scheduleConsoleEvent(centre)
        }
        if let next = shifts.nextChange(centre, after: now) { schedule(.shiftChange(centre: centre), at: next) }
    }

    // MARK: - Routing

    /// A caller has waited long enough for a neighbour's idle console to take him, now or later.
    mutating func becomesEligible(_ ref: CallerRef) {
        guard callers.isCurrent(ref) else { return }  // answered or hung up already
        let slot = Int(ref.slot)
        let centre = Int(callers[slot].centre)
        let now = calendar.now
        // Under routing by time of day the policy may have changed since this was scheduled.
        guard !callers[slot].eligible, let delay = routing.overflowDelay(centre), now >= callers[slot].arrival + delay
        else { return }
        lines.makeEligible(slot, callers: &callers)
        let helpers = routing.helpers(of: centre)
        if let idle = helpers.first(where: { lines.queued[routing.line(of: $0)] == 0 && board.earliestFree($0) <= now }) {
            answer(lines.leave(slot, line: routing.line(of: centre), callers: &callers), by: idle)
            return
        }
        for helper in helpers { scheduleConsoleEvent(helper) }
    }

    /// Another policy comes into force (routing by time of day): the callers waiting stay in line
    /// by arrival under it, eligibility for overflow counts from each one's arrival, and every idle
    /// console at once takes the first caller it may now answer.
    mutating func routingSwitches() {
        let now = calendar.now
        routing.switchPolicy(at: now)
        let waiting = lines.relay(callers: &callers, line: { [routing] in routing.line(of: $0) }, level: { [priorityLevel] in priorityLevel[$0] })
        for slot in waiting {
            let caller = callers[slot]
            guard let delay = routing.overflowDelay(Int(caller.centre)), delay < caller.patience else { continue }
            if caller.arrival + delay <= now {
                lines.makeEligible(slot, callers: &callers)
            } else {
                schedule(.becomesEligible(CallerRef(slot: UInt32(slot), id: caller.id)), at: caller.arrival + delay)
            }
        }
        for centre in consoleEventPending.indices {
            while board.earliestFree(centre) <= now, let next = routing.nextCaller(for: centre, lines: &lines, callers: callers) {
                answer(lines.leave(next.slot, line: next.line, callers: &callers), by: centre)
            }
            if routing.hasCallers(for: centre, lines: lines) { scheduleConsoleEvent(centre) }
        }
        assert(lines.countsAreExact(callers: callers))
        routing.switched(lines: lines, callers: callers)
        if let next = routing.nextSwitch(after: now) { schedule(.routingSwitch, at: next) }
    }
}
