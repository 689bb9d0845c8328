import DequeModule
import SimEngine
import SimStatistics

/// One replication of a scenario: the event loop and what happens at each event.
///
/// Events at the same instant happen in rank order (SPEC §1): a console finishes, then a waiting
/// caller is answered (at once, inside the console's event), then a patience runs out, then a new
/// call arrives. So a caller whose patience ends at the instant a console frees is answered, and a
/// caller arriving at that instant finds the console taken by the one who waited.
///
/// Consoles are not events while nobody waits: the `ConsoleBoard` knows when each is next free, and
/// an arriving caller takes one that is free by then. While callers wait, the centre has exactly
/// one pending console event, at the time its first console frees.
///
/// Every random attribute of a call is drawn when it arrives, from its centre's stream for that
/// purpose, so two scenarios that differ only in consoles see exactly the same callers.
///
/// Statistics are streamed into tallies as calls are answered, abandoned or blocked; a caller
/// takes memory only while waiting. The replication runs until the window has closed and every
/// counted caller (one who arrived in the window) has been answered, has abandoned or was blocked.
struct Replication {
    /// Event ranks: precedence among events at the same instant.
    enum Rank {
        static let consoleFree: UInt8 = 0
        static let patienceEnds: UInt8 = 2
        static let overflowEligible: UInt8 = 3
        static let arrival: UInt8 = 4
    }

    /// The purposes that have a random stream of their own at each centre.
    enum Purpose: Int, CaseIterable {
        case arrivals, callType, escalation, handling, wrapup, patience, handoff, decision, dayFactor
        case redialChoice, redialDelay
    }

    /// A centre's random streams, one per purpose.
    struct CentreStreams {
        let arrivals, callType, escalation, handling, wrapup, patience, handoff, decision, dayFactor: RandomStream
        let redialChoice, redialDelay: RandomStream

        init(_ streams: RandomStreams, centre: Int) {
            func make(_ purpose: Purpose) -> RandomStream { streams.stream(group: centre, purpose: purpose.rawValue) }
            arrivals = make(.arrivals)
            callType = make(.callType)
            escalation = make(.escalation)
            handling = make(.handling)
            wrapup = make(.wrapup)
            patience = make(.patience)
            handoff = make(.handoff)
            decision = make(.decision)
            dayFactor = make(.dayFactor)
            redialChoice = make(.redialChoice)
            redialDelay = make(.redialDelay)
        }
    }

    /// A caller who is, or was, waiting. `id` 0 marks a free slot.
    struct Caller {
        var id: UInt32
        var centre: Int32
        var type: Int32
        var urgent: Bool
        var counted: Bool
        /// When this attempt arrived.
        var arrival: Double
        /// When the caller first called (his first attempt).
        var firstArrival: Double
        /// After hanging up or a busy tone, he calls again this long after; infinite: he does not.
        var redialDelay: Double
        var isRedial: Bool
        /// Waiting long enough to be answered by a neighbouring centre (overflow routing).
        var eligible: Bool
        /// How long he waits before hanging up (infinite: he never does).
        var patience: Double
        /// How long answering keeps a console busy: talk, wrap-up and any hand-off.
        var busy: Double
        /// From answer to the 112 alert being complete (urgent callers only).
        var alertDelay: Double
    }

    let windowStart: Double, windowEnd: Double
    let threshold: Double
    let typeCount: Int
    /// Each centre's arrival process.
    var arrivalProcesses: [CentreArrivals]
    let patience: [Distribution?]
    let capacity: [Int?]
    /// What applies to each call type at each centre, at `centre * typeCount + type`.
    let profiles: [CallProfile]
    let consoles: [Int]
    let redial: Redial?

    let randomness: RandomStreams
    let streams: [CentreStreams]
    let typeChoice: DiscreteChoice?

    var calendar = EventCalendar<UInt64>()
    var queues: [Deque<UInt64>]
    /// Callers of each centre waiting, and live entries in each queue (one per centre, or one
    /// national queue when pooled).
    var waitingCount: [Int]
    var queued: [Int]
    /// Callers of each centre waiting who may be answered by a neighbour (overflow routing).
    var eligibleCount: [Int]
    let routing: Routing
    /// Each centre's neighbours, and the centres that list it, as indices (overflow routing).
    let neighbours: [[Int]]
    let clients: [[Int]]
    var board: ConsoleBoard
    /// Whether the centre has its console event pending (it does exactly while callers wait), and
    /// the token that event carries (a shift change can make it stale).
    var consoleEventPending: [Bool]
    var consoleEventToken: [UInt32]
    /// Each centre's shift plan and absences, for centres whose consoles change during the day.
    let staffing: [Staffing]
    let absences: [[Absence]]
    /// Console-seconds on shift within the window, per centre and per hour of the day, counted up
    /// to `shiftSince` for the `board.onShift` consoles on shift since then.
    var consoleTime: [Double]
    var consoleTimeByHour = [Double](repeating: 0, count: 24)
    var shiftSince: [Double]
    var callers: ContiguousArray<Caller> = []
    var freeSlots: [Int32] = []
    var lastID: UInt32 = 0
    /// Counted callers not yet answered, abandoned or blocked.
    var unresolved = 0
    var arrivals = 0

    var centreTallies: [CallTally]
    var typeTallies: [CallTally]
    var hours = HourTally()
    /// The callers of the centres in `hourlyCentres` by the hour of day they arrived
    /// (`slot × 24 + hour`, slots in that list's order), for sizing shift plans; empty otherwise.
    var centreHourTallies: [CallTally]
    let hourlyCentres: [Int]
    /// Each centre's slot in `hourlyCentres`, or −1.
    let hourlySlot: [Int]

    /// A replication of `scenario`, which also tallies the callers of `hourlyCentres` by hour of day.
    init(_ scenario: Scenario, replication: Int, hourlyCentres: [Int] = []) {
        windowStart = scenario.warmup
        windowEnd = scenario.warmup + scenario.horizon
        threshold = scenario.serviceLevelThreshold
        typeCount = scenario.callTypes.count
        arrivalProcesses = scenario.centres.map { centre in
            CentreArrivals(
                rate: centre.callsPerDay / 86_400, pattern: scenario.arrivals,
                surges: scenario.surges.filter { $0.centres?.contains(centre.code) ?? true },
                dayToDayCV: scenario.arrivals.dayToDayCV)
        }
        patience = scenario.centres.map(\.patience)
        capacity = scenario.centres.map(\.queueCapacity)
        profiles = scenario.centres.flatMap(\.profiles)
        consoles = scenario.centres.map(\.staffing.peak)
        redial = scenario.redial
        randomness = RandomStreams(seed: scenario.seed, replication: replication)
        streams = scenario.centres.indices.map { [randomness] in CentreStreams(randomness, centre: $0) }
        typeChoice = typeCount > 1 ? DiscreteChoice(weights: scenario.callTypes.map(\.share)) : nil
        queues = Array(repeating: Deque(), count: scenario.centres.count)
        waitingCount = Array(repeating: 0, count: scenario.centres.count)
        queued = Array(repeating: 0, count: scenario.centres.count)
        eligibleCount = Array(repeating: 0, count: scenario.centres.count)
        routing = scenario.routing
        let index = Dictionary(uniqueKeysWithValues: scenario.centres.enumerated().map { ($1.code, $0) })
        let neighbours = scenario.centres.map { $0.neighbours.compactMap { index[$0] } }
        self.neighbours = neighbours
        clients = scenario.centres.indices.map { centre in neighbours.indices.filter { neighbours[$0].contains(centre) } }
        board = ConsoleBoard(consoles: consoles)
        consoleEventPending = Array(repeating: false, count: consoles.count)
        consoleEventToken = Array(repeating: 0, count: consoles.count)
        staffing = scenario.centres.map(\.staffing)
        absences = scenario.centres.map { centre in scenario.absences.filter { $0.centre == centre.code } }
        consoleTime = Array(repeating: 0, count: consoles.count)
        shiftSince = Array(repeating: 0, count: consoles.count)
        centreTallies = Array(repeating: CallTally(), count: scenario.centres.count)
        typeTallies = Array(repeating: CallTally(), count: typeCount)
        centreHourTallies = Array(repeating: CallTally(), count: hourlyCentres.count * 24)
        self.hourlyCentres = hourlyCentres
        var slots = Array(repeating: -1, count: scenario.centres.count)
        for (slot, centre) in hourlyCentres.enumerated() { slots[centre] = slot }
        hourlySlot = slots
    }

    /// Plays the replication out and returns its figures.
    mutating func run() -> ReplicationSummary {
        for centre in arrivalProcesses.indices {
            if staffing[centre].changesDuringTheDay || !absences[centre].isEmpty { shiftChanges(centre) }
            scheduleArrival(centre, after: 0)
        }
        while let event = calendar.next() {
            switch event.rank {
            case Rank.consoleFree:
                if event.payload & Self.shiftFlag != 0 {
                    shiftChanges(Int(event.payload & (Self.shiftFlag - 1)))
                } else {
                    consoleFrees(event.payload)
                }
            case Rank.patienceEnds: patienceEnds(event.payload)
            case Rank.overflowEligible: becomesEligible(event.payload)
            default:
                if event.payload & Self.redialFlag != 0 { redials(event.payload) } else { arrives(Int(event.payload)) }
            }
            if unresolved == 0 && calendar.now >= windowEnd { break }
        }
        return summary()
    }

    // MARK: - Events

    /// Marks a console event's payload as a shift change of the centre it names.
    static let shiftFlag: UInt64 = 1 << 31

    /// Marks an arrival event's payload as a redial (a parked caller's slot and id) rather than a centre.
    static let redialFlag: UInt64 = 1 << 31

    mutating func scheduleArrival(_ centre: Int, after time: Double) {
        guard arrivalProcesses[centre].rate > 0 else { return }
        let area = streams[centre].arrivals.exponential(mean: 1)
        let next = arrivalProcesses[centre].next(after: time, unitExponential: area, days: streams[centre].dayFactor)
        calendar.schedule(UInt64(centre), at: next, rank: Rank.arrival)
    }

    /// A new caller calls `centre`.
    mutating func arrives(_ centre: Int) {
        let now = calendar.now
        scheduleArrival(centre, after: now)
        arrivals += 1
        offer(drawCaller(centre, at: now))
    }

    /// A caller who hung up or got a busy tone calls again: the same caller (type, urgency, call),
    /// with a new patience and a new redial decision.
    mutating func redials(_ entry: UInt64) {
        let slot = Int(entry & (Self.redialFlag - 1))
        var caller = callers[slot]
        release(slot)
        let now = calendar.now
        arrivals += 1
        caller.arrival = now
        caller.isRedial = true
        caller.counted = now >= windowStart && now < windowEnd
        drawAttempt(&caller)
        offer(caller)
    }

    /// An attempt is offered to the caller's centre: answered at once, blocked, or queued.
    mutating func offer(_ caller: Caller) {
        let now = calendar.now
        let centre = Int(caller.centre)
        if caller.counted {
            unresolved += 1
            centreTallies[centre].offered += 1
            typeTallies[Int(caller.type)].offered += 1
            if caller.isRedial {
                centreTallies[centre].redials += 1
                typeTallies[Int(caller.type)].redials += 1
            }
            hours.offered[hourOfDay(now)] += 1
            if let index = hourlyIndex(centre, at: now) {
                centreHourTallies[index].offered += 1
                if caller.isRedial { centreHourTallies[index].redials += 1 }
            }
        }
        let queue = queueIndex(centre)
        if queued[queue] == 0, let console = freeConsole(for: centre) {
            answer(caller, by: console)
        } else if let limit = capacity[centre], waitingCount[centre] >= limit {
            block(caller)
        } else {
            let slot = park(caller)
            let entry = UInt64(slot) | UInt64(caller.id) << 32
            queues[queue].append(entry)
            queued[queue] += 1
            waitingCount[centre] += 1
            if caller.patience.isFinite {
                calendar.schedule(entry, at: now + caller.patience, rank: Rank.patienceEnds)
            }
            if case .overflow(let after) = routing, !neighbours[centre].isEmpty, after < caller.patience {
                calendar.schedule(entry, at: now + after, rank: Rank.overflowEligible)
            }
            if case .pooled = routing {
                for other in consoles.indices { scheduleConsoleEvent(other) }
            } else {
                scheduleConsoleEvent(centre)
            }
        }
    }

    /// The queue a centre's callers wait in: their own, or the national one when pooled.
    func queueIndex(_ centre: Int) -> Int {
        if case .pooled = routing { return 0 }
        return centre
    }

    /// A centre with a console free now for a new caller of `centre`: his own, or (pooled) the
    /// first centre in the scenario's order.
    func freeConsole(for centre: Int) -> Int? {
        let now = calendar.now
        if board.earliestFree(centre) <= now { return centre }
        if case .pooled = routing { return consoles.indices.first { board.earliestFree($0) <= now } }
        return nil
    }

    /// Whether callers wait whom a console of `centre` could answer.
    func needsConsoleEvent(_ centre: Int) -> Bool {
        if queued[queueIndex(centre)] > 0 { return true }
        if case .overflow = routing { return clients[centre].contains { eligibleCount[$0] > 0 } }
        return false
    }

    /// The live caller at the head of `queue`, dropping the entries of callers who hung up.
    mutating func head(of queue: Int) -> Int? {
        while let entry = queues[queue].first {
            let slot = Int(entry & 0xFFFF_FFFF)
            if callers[slot].id == UInt32(entry >> 32) { return slot }
            queues[queue].removeFirst()
        }
        return nil
    }

    /// Takes a waiting caller out of his queue's books (his queue entry goes stale).
    mutating func unqueue(_ slot: Int) -> Caller {
        let caller = callers[slot]
        release(slot)
        let centre = Int(caller.centre)
        queued[queueIndex(centre)] -= 1
        waitingCount[centre] -= 1
        if caller.eligible { eligibleCount[centre] -= 1 }
        return caller
    }

    /// The caller a freed console of `centre` answers: the head of its own queue, else (overflow)
    /// the longest-waiting eligible caller of the centres that list it.
    mutating func nextCaller(for centre: Int) -> Caller? {
        if let slot = head(of: queueIndex(centre)) { return unqueue(slot) }
        guard case .overflow = routing else { return nil }
        var best: Int?
        for client in clients[centre] where eligibleCount[client] > 0 {
            guard let slot = head(of: client) else { continue }
            if best.map({ callers[slot].arrival < callers[$0].arrival }) ?? true { best = slot }
        }
        return best.map { unqueue($0) }
    }

    /// A caller has waited `overflow_after`: a neighbour's idle console may take him now, or later.
    mutating func becomesEligible(_ entry: UInt64) {
        let slot = Int(entry & 0xFFFF_FFFF)
        guard callers[slot].id == UInt32(entry >> 32) else { return }  // answered or hung up already
        let centre = Int(callers[slot].centre)
        callers[slot].eligible = true
        eligibleCount[centre] += 1
        let now = calendar.now
        if let idle = neighbours[centre].first(where: { queued[queueIndex($0)] == 0 && board.earliestFree($0) <= now }) {
            answer(unqueue(slot), by: idle)
            return
        }
        for neighbour in neighbours[centre] { scheduleConsoleEvent(neighbour) }
    }

    /// What is drawn anew for each attempt: patience, and whether and when he would call again.
    mutating func drawAttempt(_ caller: inout Caller) {
        let centre = Int(caller.centre)
        caller.patience = patience[centre]?.sample(streams[centre].patience) ?? .infinity
        caller.redialDelay = .infinity
        if let redial, redial.probability > 0 {
            let again = streams[centre].redialChoice.bernoulli(redial.probability)
            let delay = redial.delay.sample(streams[centre].redialDelay)
            if again { caller.redialDelay = delay }
        }
    }

    /// The attempt ends without an answer: the caller calls again later, or gives up for good.
    /// Returns `true` when an urgent call is lost.
    mutating func giveUp(_ caller: Caller) -> Bool {
        guard caller.redialDelay.isFinite else { return caller.urgent }
        var parked = caller
        parked.id = newID()  // the old id may still stand in the queue, for the attempt that ended
        let slot = park(parked)
        calendar.schedule(
            UInt64(slot) | UInt64(parked.id) << 32 | Self.redialFlag, at: calendar.now + caller.redialDelay,
            rank: Rank.arrival)
        return false
    }

    /// Draws every random attribute of a new caller at `centre`, each from its own stream.
    mutating func drawCaller(_ centre: Int, at now: Double) -> Caller {
        let type = typeChoice?.draw(streams[centre].callType) ?? 0
        let draw = streams[centre]
        // The profile is read in place through a buffer: copying it (or its distributions) would
        // cost more than the draws.
        let (urgent, busy, alertDelay) = profiles.withUnsafeBufferPointer { profiles in
            let profile = profiles.baseAddress! + (centre * typeCount + type)
            let probability = profile.pointee.escalation.probability
            let urgent = probability > 0 && draw.escalation.bernoulli(probability)
            let handling = profile.pointee.handling.sample(draw.handling)
            var busy = handling + profile.pointee.wrapup.sample(draw.wrapup)
            var alertDelay = 0.0
            if urgent {
                let handoff = profile.pointee.escalation.handoff.sample(draw.handoff)
                let decision = profile.pointee.escalation.decision.sample(draw.decision)
                busy += handoff
                alertDelay = min(decision, handling) + handoff
            }
            return (urgent, busy, alertDelay)
        }
        var caller = Caller(
            id: newID(), centre: Int32(centre), type: Int32(type), urgent: urgent,
            counted: now >= windowStart && now < windowEnd, arrival: now, firstArrival: now, redialDelay: .infinity,
            isRedial: false, eligible: false, patience: .infinity, busy: busy, alertDelay: alertDelay)
        drawAttempt(&caller)
        return caller
    }

    /// Schedules the centre's console event, when its first console frees, unless it is pending.
    mutating func scheduleConsoleEvent(_ centre: Int) {
        let time = board.earliestFree(centre)
        guard !consoleEventPending[centre], time.isFinite else { return }
        consoleEventPending[centre] = true
        consoleEventToken[centre] &+= 1
        calendar.schedule(
            UInt64(centre) | UInt64(consoleEventToken[centre]) << 32, at: max(time, calendar.now), rank: Rank.consoleFree)
    }

    /// The centre's first console frees while callers wait: it answers the longest-waiting one.
    mutating func consoleFrees(_ payload: UInt64) {
        let centre = Int(payload & 0xFFFF_FFFF)
        guard consoleEventPending[centre], consoleEventToken[centre] == UInt32(payload >> 32) else { return }
        consoleEventPending[centre] = false
        if board.earliestFree(centre) <= calendar.now, let caller = nextCaller(for: centre) {
            answer(caller, by: centre)
        }
        if needsConsoleEvent(centre) { scheduleConsoleEvent(centre) }
    }

    /// Consoles the centre should have on shift at `time`: its plan's hour (or all its consoles) less
    /// the absences in force.
    func scheduledConsoles(_ centre: Int, at time: Double) -> Int {
        var count = staffing[centre].onShift(hour: hourOfDay(time))
        for absence in absences[centre] where absence.from <= time && time < absence.to { count -= absence.consoles }
        return max(0, count)
    }

    /// Puts the centre's consoles on or off shift as its plan and absences say now, and schedules
    /// the next change: the next hour (with a plan) or the next start or end of an absence.
    mutating func shiftChanges(_ centre: Int) {
        let now = calendar.now
        let count = scheduledConsoles(centre, at: now)
        if count != board.onShift[centre] {
            closeConsoleTime(centre, at: now)
            for (from, to, sign) in board.setOnShift(centre, count: count, at: now) {
                consoleTime[centre] += sign * Self.spread(
                    from: from, to: to, within: (windowStart, windowEnd), into: &consoleTimeByHour, weight: sign)
            }
            if needsConsoleEvent(centre) {
                consoleEventPending[centre] = false  // the pending event may be for a console now off shift
                scheduleConsoleEvent(centre)
            }
        }
        var next = Double.infinity
        if staffing[centre].changesDuringTheDay { next = ((now / ArrivalPattern.hour).rounded(.down) + 1) * ArrivalPattern.hour }
        for absence in absences[centre] {
            if absence.from > now { next = min(next, absence.from) }
            if absence.to > now { next = min(next, absence.to) }
        }
        if next.isFinite { calendar.schedule(UInt64(centre) | Self.shiftFlag, at: next, rank: Rank.consoleFree) }
    }

    /// Adds the console time on shift since the last change, up to `time`.
    mutating func closeConsoleTime(_ centre: Int, at time: Double) {
        let weight = Double(board.onShift[centre])
        if weight > 0 {
            consoleTime[centre] += weight * Self.spread(
                from: shiftSince[centre], to: time, within: (windowStart, windowEnd), into: &consoleTimeByHour, weight: weight)
        }
        shiftSince[centre] = time
    }

    mutating func patienceEnds(_ entry: UInt64) {
        let slot = Int(entry & 0xFFFF_FFFF)
        guard callers[slot].id == UInt32(entry >> 32) else { return }  // answered earlier
        let caller = unqueue(slot)
        let centre = Int(caller.centre)
        let lost = giveUp(caller)
        guard caller.counted else { return }
        unresolved -= 1
        let wait = calendar.now - caller.arrival
        func count(_ tally: inout CallTally) {
            tally.abandoned += 1
            tally.waitSum += wait
            if lost { tally.urgentLost += 1 }
        }
        count(&centreTallies[centre])
        count(&typeTallies[Int(caller.type)])
        if let index = hourlyIndex(centre, at: caller.arrival) { count(&centreHourTallies[index]) }
        hours.abandoned[hourOfDay(caller.arrival)] += 1
    }

    /// The first free console of centre `console` takes the call now (another centre's: overflowed).
    mutating func answer(_ caller: Caller, by console: Int) {
        let now = calendar.now
        let centre = Int(caller.centre)
        assert(board.earliestFree(console) <= now)
        board.occupyEarliest(console, until: now + caller.busy)
        addBusyTime(console, from: now, to: now + caller.busy)
        guard caller.counted else { return }
        unresolved -= 1
        let wait = now - caller.arrival
        let within = wait <= threshold
        let alertDelay = now + caller.alertDelay - caller.firstArrival
        func count(_ tally: inout CallTally) {
            tally.answered += 1
            tally.answeredWaitSum += wait
            tally.waitSum += wait
            tally.waits.record(wait)
            if console != centre { tally.overflowed += 1 }
            if within { tally.answeredWithinThreshold += 1 }
            if caller.urgent {
                tally.escalated += 1
                tally.escalationDelays.record(alertDelay)
            }
        }
        count(&centreTallies[centre])
        count(&typeTallies[Int(caller.type)])
        let hour = hourOfDay(caller.arrival)
        if let index = hourlyIndex(centre, at: caller.arrival) { count(&centreHourTallies[index]) }
        hours.answered[hour] += 1
        hours.answeredWaitSum[hour] += wait
        if within { hours.answeredWithinThreshold[hour] += 1 }
    }

    mutating func block(_ caller: Caller) {
        let lost = giveUp(caller)
        guard caller.counted else { return }
        unresolved -= 1
        func count(_ tally: inout CallTally) {
            tally.blocked += 1
            if lost { tally.urgentLost += 1 }
        }
        count(&centreTallies[Int(caller.centre)])
        count(&typeTallies[Int(caller.type)])
        if let index = hourlyIndex(Int(caller.centre), at: caller.arrival) { count(&centreHourTallies[index]) }
    }

    // MARK: - Bookkeeping

    /// A caller id not in use (0 marks a free slot).
    mutating func newID() -> UInt32 {
        lastID &+= 1
        if lastID == 0 { lastID = 1 }
        return lastID
    }

    /// Keeps a waiting caller in a free slot and returns the slot.
    mutating func park(_ caller: Caller) -> Int {
        if let slot = freeSlots.popLast() {
            callers[Int(slot)] = caller
            return Int(slot)
        }
        callers.append(caller)
        return callers.count - 1
    }

    mutating func release(_ slot: Int) {
        callers[slot].id = 0
        freeSlots.append(Int32(slot))
    }

    func hourOfDay(_ time: Double) -> Int { Int(time / ArrivalPattern.hour) % 24 }

    /// Where a call of `centre` arriving at `time` is tallied by hour, if its centre is tallied so.
    @inline(__always)
    func hourlyIndex(_ centre: Int, at time: Double) -> Int? {
        guard !centreHourTallies.isEmpty, hourlySlot[centre] >= 0 else { return nil }
        return hourlySlot[centre] * 24 + hourOfDay(time)
    }

    /// Adds a console's busy interval [start, end), clipped to the window, to its centre and to
    /// the clock hours it covers.
    mutating func addBusyTime(_ centre: Int, from start: Double, to end: Double) {
        centreTallies[centre].busyTime += Self.spread(from: start, to: end, within: (windowStart, windowEnd), into: &hours.busyTime, weight: 1)
    }

    /// Adds `weight` × the seconds of [start, end) within the window to each clock hour they cover,
    /// and returns those seconds.
    /// (Static, so that it can add into a property of the replication without copying it.)
    static func spread(
        from start: Double, to end: Double, within window: (Double, Double), into byHour: inout [Double], weight: Double
    ) -> Double {
        var time = max(start, window.0)
        let stop = min(end, window.1)
        guard time < stop else { return 0 }
        let total = stop - time
        var hourIndex = (time / ArrivalPattern.hour).rounded(.down)
        var hourEnd = (hourIndex + 1) * ArrivalPattern.hour
        while hourEnd < stop {
            byHour[Int(hourIndex) % 24] += weight * (hourEnd - time)
            time = hourEnd
            hourIndex += 1
            hourEnd += ArrivalPattern.hour
        }
        byHour[Int(hourIndex) % 24] += weight * (stop - time)
        return total
    }

    mutating func summary() -> ReplicationSummary {
        for centre in consoles.indices { closeConsoleTime(centre, at: windowEnd) }
        var total = CallTally()
        for tally in centreTallies { total.add(tally) }
        return ReplicationSummary(
            total: total.figures(consoleTime: consoleTime.reduce(0, +)),
            centres: zip(centreTallies, consoleTime).map { $0.figures(consoleTime: $1) },
            types: typeTallies.map { $0.figures(consoleTime: nil) },
            hours: hours.figures(consoleTime: consoleTimeByHour),
            hourlyCentres: hourlyCentres, centreHours: centreHourTallies.map { $0.figures(consoleTime: nil) },
            waitSurvival: total.waits.sharesAbove(Curves.waitPoints(threshold: threshold)),
            escalationDelays: ([total] + typeTallies).map(\.escalationDelays),
            events: calendar.processed, arrivals: arrivals)
    }
}

/// One replication's figures: for the total, each centre and each call type in `KPI.allCases`
/// order, and for each hour of the day in `HourKPI.allCases` order.
public struct ReplicationSummary: Sendable {
    public let total: [Double?]
    public let centres: [[Double?]]
    public let types: [[Double?]]
    public let hours: [[Double?]]
    /// The centres whose callers were tallied by the hour of day they arrived, and their figures
    /// (`slot × 24 + hour`, in `KPI.allCases` order, utilisation `nil`).
    public let hourlyCentres: [Int]
    public let centreHours: [[Double?]]
    /// The share of answered callers who waited longer than each of `Curves.waitPoints`.
    public let waitSurvival: [Double?]
    /// Delays to 112 of escalated calls, for the total and then each call type.
    public let escalationDelays: [WaitHistogram]
    /// Events processed.
    public let events: Int
    /// Calls simulated, counted or not (warm-up and drain included).
    public let arrivals: Int
}
