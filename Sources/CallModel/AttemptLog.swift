/// One attempt of one caller as a switch would record it (the calls log, docs/model.md "The calls
/// log"): who called, which attempt, where, what happened and how long each part took. Times are
/// seconds from time 0; centres and types are indices into the scenario's lists.
public struct AttemptRecord: Sendable, Equatable {
    /// How an attempt ended.
    public enum Outcome: String, Sendable {
        case answered, abandoned, blocked
    }

    /// The caller's number in the replication (1, 2, … in the order of first attempts), the same
    /// across his redials.
    public let caller: Int
    /// 1 for his first attempt, 2 for his first redial, …
    public let attempt: Int
    public let centre: Int
    /// The centre whose console answered (another centre's when overflowed); nil unless answered.
    public let answeredBy: Int?
    public let type: Int
    public let arrival: Double
    public let outcome: Outcome
    /// Until answered or hanging up; 0 for a busy tone.
    public let wait: Double
    /// Talk and wrap-up of an answered attempt; nil otherwise.
    public let handling: Double?, wrapup: Double?
    /// The hand-off to the emergency service of an answered urgent call; nil otherwise (not escalated).
    public let handoff: Double?

    public var escalated: Bool { handoff != nil }
}

/// What a replication tells about its callers as their attempts end. The replication is generic
/// over it, so that `NoAttemptLog` costs nothing in the hot loop.
protocol AttemptObserver {
    /// A new caller `id`, with the parts of his call as drawn (`handoff` 0 unless urgent).
    mutating func arrives(id: UInt32, handling: Double, wrapup: Double, handoff: Double)
    /// One of his attempts ended at `time`; answered by a console of `answeredBy`, if any.
    mutating func attemptEnds(_ caller: Caller, outcome: AttemptRecord.Outcome, at time: Double, answeredBy: Int?)
    /// He will call again, under `newID`.
    mutating func callsAgain(_ caller: Caller, as newID: UInt32)
    /// He gives up for good.
    mutating func givesUp(_ caller: Caller)
}

/// The observer of every replication but the logged one: it keeps nothing.
struct NoAttemptLog: AttemptObserver {
    @inline(__always) func arrives(id: UInt32, handling: Double, wrapup: Double, handoff: Double) {}
    @inline(__always) func attemptEnds(_ caller: Caller, outcome: AttemptRecord.Outcome, at time: Double, answeredBy: Int?) {}
    @inline(__always) func callsAgain(_ caller: Caller, as newID: UInt32) {}
    @inline(__always) func givesUp(_ caller: Caller) {}
}

/// Hands a record of each counted attempt to `write` as it ends. It holds the callers who are in
/// the system (waiting, or waiting to call again) and nobody else: memory stays flat.
struct AttemptLog: AttemptObserver {
    private struct Entry {
        let number: Int
        var attempt: Int
        let handling, wrapup, handoff: Double
    }

    private var entries: [UInt32: Entry] = [:]
    private var callersSoFar = 0
    let write: (AttemptRecord) -> Void

    init(write: @escaping (AttemptRecord) -> Void) { self.write = write }

    mutating func arrives(id: UInt32, handling: Double, wrapup: Double, handoff: Double) {
        callersSoFar += 1
        entries[id] = Entry(number: callersSoFar, attempt: 1, handling: handling, wrapup: wrapup, handoff: handoff)
    }

    mutating func attemptEnds(_ caller: Caller, outcome: AttemptRecord.Outcome, at time: Double, answeredBy: Int?) {
        let entry = outcome == .answered ? entries.removeValue(forKey: caller.id) : entries[caller.id]
        guard caller.counted, let entry else { return }
        let answered = outcome == .answered
        write(AttemptRecord(
            caller: entry.number, attempt: entry.attempt, centre: Int(caller.centre), answeredBy: answeredBy,
            type: Int(caller.type), arrival: caller.arrival, outcome: outcome,
            wait: outcome == .blocked ? 0 : time - caller.arrival,
            handling: answered ? entry.handling : nil, wrapup: answered ? entry.wrapup : nil,
            handoff: answered && caller.urgent ? entry.handoff : nil))
    }

    mutating func callsAgain(_ caller: Caller, as newID: UInt32) {
        guard var entry = entries.removeValue(forKey: caller.id) else { return }
        entry.attempt += 1
        entries[newID] = entry
    }

    mutating func givesUp(_ caller: Caller) { entries.removeValue(forKey: caller.id) }
}

extension Replication where Observer == NoAttemptLog {
    /// A replication that logs nothing.
    init(_ scenario: Scenario, replication: Int, routing: Routing, hourlyCentres: [Int] = []) {
        self.init(scenario, replication: replication, routing: routing, observer: NoAttemptLog(), hourlyCentres: hourlyCentres)
    }
}
