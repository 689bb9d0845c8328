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
    }

    /// The owner of every stream's generator (the streams are handles into it).
    let randomness: RandomStreams
    let streams: [CentreStreams]
    let typeChoice: DiscreteChoice?
    let typeCount: Int
    /// What applies to each call type at each centre, at `centre * typeCount + type`.
    let profiles: [CallProfile]
    let patience: [Distribution?]
    let redial: Redial?

    init(_ scenario: Scenario, replication: Int) {
        randomness = RandomStreams(seed: scenario.seed, replication: replication)
        streams = scenario.centres.indices.map { [randomness] in CentreStreams(randomness, centre: $0) }
        typeCount = scenario.callTypes.count
        typeChoice = typeCount > 1 ? DiscreteChoice(weights: scenario.callTypes.map(\.share)) : nil
        profiles = scenario.centres.flatMap(\.profiles)
        patience = scenario.centres.map(\.patience)
        redial = scenario.redial
    }

    /// A new caller at `centre`, arriving `now`, with `id`.
    func newCaller(_ centre: Int, id: UInt32, at now: Double, counted: Bool) -> Caller {
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
            id: id, centre: Int32(centre), type: Int32(type), urgent: urgent, counted: counted, arrival: now,
            firstArrival: now, redialDelay: .infinity, isRedial: false, eligible: false, patience: .infinity, busy: busy,
            alertDelay: alertDelay)
        drawAttempt(&caller)
        return caller
    }

    /// What is drawn anew for each attempt: patience, and whether and when he would call again —
    /// from the first-attempt streams, or the redial streams for a redial.
    func drawAttempt(_ caller: inout Caller) {
        let centre = Int(caller.centre)
        let streams = streams[centre]
        let (patienceStream, choice, delayStream) = caller.isRedial
            ? (streams.retryPatience, streams.retryChoice, streams.retryDelay)
            : (streams.patience, streams.redialChoice, streams.redialDelay)
        caller.patience = patience[centre]?.sample(patienceStream) ?? .infinity
        caller.redialDelay = .infinity
        if let redial, redial.probability > 0 {
            let again = choice.bernoulli(redial.probability)
            let delay = redial.delay.sample(delayStream)
            if again { caller.redialDelay = delay }
        }
    }

    /// The escalation probability that applies to `caller` (his call type at his centre).
    func escalationProbability(of caller: Caller) -> Double {
        profiles[Int(caller.centre) * typeCount + Int(caller.type)].escalation.probability
    }
}
