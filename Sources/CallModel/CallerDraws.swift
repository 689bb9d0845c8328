import SimEngine

/// Everything random about a caller, drawn when he arrives: each attribute from his centre's
/// stream for that purpose (docs/model.md, "Draws and streams"), so two scenarios that differ only
/// in consoles or routing see exactly the same callers.
struct CallerDraws {
    /// The purposes that have a random stream of their own at each centre.
    enum Purpose: Int, CaseIterable {
        case arrivals, callType, escalation, handling, wrapup, patience, handoff, decision, dayFactor
        case redialChoice, redialDelay
        /// Redial attempts draw from streams of their own: how many redials happen depends on the
        /// consoles, and must not shift the draws of later first-time callers.
        case retryPatience, retryChoice, retryDelay
    }

    /// A centre's random streams, one per purpose.
    struct CentreStreams {
        let arrivals, callType, escalation, handling, wrapup, patience, handoff, decision, dayFactor: RandomStream
        let redialChoice, redialDelay: RandomStream
        let retryPatience, retryChoice, retryDelay: RandomStream

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
            retryPatience = make(.retryPatience)
            retryChoice = make(.retryChoice)
            retryDelay = make(.retryDelay)
        }

        /// The streams of a centre that has no callers of its own (no arrivals: sizing runs one
        /// centre's callers alone), which never draws — every draw is from the caller's own
        /// centre's streams: every purpose shares one stream, made but never drawn from.
        init(idle streams: RandomStreams, centre: Int) {
            let idle = streams.stream(group: centre, purpose: Purpose.arrivals.rawValue)
            (arrivals, callType, escalation, handling, wrapup, patience, handoff) = (idle, idle, idle, idle, idle, idle, idle)
            (decision, dayFactor, redialChoice, redialDelay, retryPatience, retryChoice, retryDelay) = (idle, idle, idle, idle, idle, idle, idle)
        }
    }

    /// The owner of every stream's generator (the streams are handles into it).
    let randomness: RandomStreams
    let streams: Table<CentreStreams>
    /// The owner of the call-type table that `typeChoice` draws from.
    let typeOwner: DiscreteChoice?
    let typeChoice: DiscreteChoice.Handle?
    let typeCount: Int

    /// What is drawn for one call type at one centre (`CallProfile`), ready for the hot loop.
    struct ProfileDraws {
        let urgency: Double
        let handling, wrapup, handoff, decision: Sampler
    }

    /// The values of every empirical distribution below, which their samplers read.
    let empiricalValues: Table<Double>
    /// What applies to each call type at each centre, at `centre * typeCount + type`.
    let profiles: Table<ProfileDraws>
    let patience: Table<Sampler?>
    /// The redial probability (0: nobody calls again), and the delay.
    let redialProbability: Double
    let redialDelay: Sampler

    init(_ scenario: Scenario, replication: Int) {
        randomness = RandomStreams(seed: scenario.seed, replication: replication)
        streams = Table(scenario.centres.indices.map { [randomness] centre in
            let group = scenario.centres[centre].streamGroup ?? centre
            return scenario.centres[centre].callsPerDay > 0
                ? CentreStreams(randomness, centre: group) : CentreStreams(idle: randomness, centre: group)
        })
        typeCount = scenario.callTypes.count
        typeOwner = typeCount > 1 ? DiscreteChoice(weights: scenario.callTypes.map(\.share)) : nil
        typeChoice = typeOwner?.handle
        let profiles = scenario.centres.flatMap(\.profiles)
        let patience = scenario.centres.map(\.patience)
        let redialDelay = scenario.redial?.delay ?? .constant(0)
        // Every distribution's empirical values in one table, in the order the samplers are made.
        let distributions = profiles.flatMap { [$0.handling, $0.wrapup, $0.escalation.handoff, $0.escalation.decision] }
            + patience.compactMap { $0 } + [redialDelay]
        let values = Table(distributions.flatMap(\.values))
        var offset = 0
        func sampler(_ distribution: Distribution) -> Sampler {
            defer { offset += distribution.values.count }
            return distribution.sampler(values: UnsafeBufferPointer(start: values.base + offset, count: distribution.values.count))
        }
        self.profiles = Table(profiles.map { profile in
            ProfileDraws(
                urgency: profile.escalation.probability, handling: sampler(profile.handling), wrapup: sampler(profile.wrapup),
                handoff: sampler(profile.escalation.handoff), decision: sampler(profile.escalation.decision))
        })
        self.patience = Table(patience.map { $0.map(sampler) })
        self.redialDelay = sampler(redialDelay)
        empiricalValues = values
        redialProbability = scenario.redial?.probability ?? 0
    }

    /// A new caller at `centre`, arriving `now`, with `id`; `observer` is told the parts of his call.
    @inline(__always)
    func newCaller(_ centre: Int, id: UInt32, at now: Double, counted: Bool, observer: inout some AttemptObserver) -> Caller {
        let type = typeChoice?.draw(streams[centre].callType) ?? 0
        // The profile is read in place (a table): copying it, or its distributions, would cost
        // more than the draws.
        let profile = centre * typeCount + type
        let probability = profiles[profile].urgency
        // The streams are read in place too (a centre's are 14 handles).
        let urgent = probability > 0 && streams[centre].escalation.bernoulli(probability)
        let handling = profiles[profile].handling.sample(streams[centre].handling)
        let wrapup = profiles[profile].wrapup.sample(streams[centre].wrapup)
        var busy = handling + wrapup
        var alertDelay = 0.0, handoff = 0.0
        if urgent {
            handoff = profiles[profile].handoff.sample(streams[centre].handoff)
            let decision = profiles[profile].decision.sample(streams[centre].decision)
            busy += handoff
            alertDelay = min(decision, handling) + handoff
        }
        observer.arrives(id: id, handling: handling, wrapup: wrapup, handoff: handoff)
        var caller = Caller(
            id: id, centre: Int32(centre), type: Int32(type), urgent: urgent, counted: counted, arrival: now, hour: Int32(ClockHours.hour(of: now)),
            firstArrival: now, redialDelay: .infinity, isRedial: false, eligible: false, patience: .infinity, busy: busy,
            alertDelay: alertDelay)
        drawAttempt(&caller)
        return caller
    }

    /// What is drawn anew for each attempt: patience, and whether and when he would call again —
    /// from the first-attempt streams, or the redial streams for a redial.
    @inline(__always)
    func drawAttempt(_ caller: inout Caller) {
        let centre = Int(caller.centre)
        let (patienceStream, choice, delayStream) = caller.isRedial
            ? (streams[centre].retryPatience, streams[centre].retryChoice, streams[centre].retryDelay)
            : (streams[centre].patience, streams[centre].redialChoice, streams[centre].redialDelay)
        caller.patience = patience[centre]?.sample(patienceStream) ?? .infinity
        caller.redialDelay = .infinity
        if redialProbability > 0 {
            let again = choice.bernoulli(redialProbability)
            let delay = redialDelay.sample(delayStream)
            if again { caller.redialDelay = delay }
        }
    }

    /// The escalation probability that applies to `caller` (his call type at his centre).
    func escalationProbability(of caller: Caller) -> Double {
        profiles[Int(caller.centre) * typeCount + Int(caller.type)].urgency
    }
}
