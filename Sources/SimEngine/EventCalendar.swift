/// A pending event: when it happens, its precedence among events at the same instant, and
/// what the model needs in order to handle it.
public struct Event<Payload: Sendable>: Sendable {
    /// The simulated time, in seconds since time 0, at which the event happens.
    public let time: Double
    /// `rank` in the top byte, the scheduling sequence number below it: one integer that orders
    /// events at the same instant by rank, then in the order they were scheduled.
    @usableFromInline let order: UInt64
    /// What the model put in the event when it scheduled it.
    public let payload: Payload

    @inlinable
    init(time: Double, order: UInt64, payload: Payload) {
        self.time = time
        self.order = order
        self.payload = payload
    }

    /// Precedence among events at the same instant: lower ranks happen first.
    @inlinable public var rank: UInt8 { UInt8(truncatingIfNeeded: order >> 56) }

    @inlinable
    func happensBefore(_ other: Event) -> Bool {
        time < other.time || (time == other.time && order < other.order)
    }
}

/// The simulation's one event calendar and its clock.
///
/// A 4-ary min-heap of pending events ordered by `(time, rank, sequence)`: events at the same
/// instant happen in rank order, and events of one rank in the order they were scheduled, so a
/// run never depends on how the heap happens to store ties. `next()` hands out the earliest event
/// and moves the clock to it; the clock never goes back, and scheduling in the past is a
/// programming error (checked in debug builds, together with the heap property).
///
/// The event `next()` hands out leaves the heap lazily: the next `schedule` overwrites it and
/// sifts once, instead of removing it and inserting anew. Handling an event usually schedules
/// one (the next arrival, the end of a call), so most events cost one sift instead of two.
///
/// Events of **standing sources** — each with at most one pending event, scheduling its next when
/// that one happens (a centre's next arrival) — are kept apart, in a loser tree
/// (`StandingEvents`): a source's next event replaces the one just handed out and climbs one path,
/// one comparison per level, instead of sinking through the heap. Order is the same `(time, rank,
/// sequence)` either way, with one sequence for both, so where an event is kept changes nothing.
///
/// It knows nothing about the model: the model chooses the ranks and the payload, and runs the
/// loop `while let event = calendar.next() { … }`.
///
/// - Complexity: `schedule` and `next` are O(log n) in the number of pending events;
///   `scheduleStanding` O(log sources) for the source whose event was just handed out, O(sources)
///   for another.
///
/// **Copies are not supported** once a standing source is used. A copy gets its own heap
/// (copy-on-write), clock and sequence, but shares the standing events with the original: they live
/// in `Table`s, which are references. Scheduling or taking a standing event through either then
/// changes the other's standing sources behind its back (an arrival handed out twice, or lost),
/// while their heaps go separate ways. So a calendar belongs to one replication, kept in one place
/// and used through `mutating` calls only; the replications never copy theirs. (A copy-on-write
/// check on each standing event would make copies safe, at a cost in the hot loop that nothing
/// needs.) A calendar with no standing sources copies as a value.
public struct EventCalendar<Payload: Sendable>: Sendable {
    @usableFromInline var heap: ContiguousArray<Event<Payload>> = []
    /// `true` while `heap[0]` is the event last handed out, which has not left the heap yet.
    @usableFromInline var rootTaken = false
    @usableFromInline var standing: StandingEvents<Payload>
    /// The standing source whose event was handed out last and not yet replaced, or −1.
    @usableFromInline var standingTaken = -1
    @usableFromInline var sequence: UInt64 = 0
    @usableFromInline var clock: Double = 0
    @usableFromInline var taken: Int = 0

    /// An empty calendar with the clock at time 0, and `standingSources` standing sources
    /// (`scheduleStanding`), numbered from 0.
    public init(standingSources: Int = 0) {
        standing = StandingEvents(sources: standingSources)
    }

    /// The current simulated time: the time of the last event taken from the calendar.
    @inlinable public var now: Double { clock }

    /// How many events have been taken from the calendar.
    @inlinable public var processed: Int { taken }

    /// The number of pending events (O(standing sources)).
    public var count: Int {
        let pendingStanding = standing.times.indices.filter { standing.times[$0].isFinite && $0 != standingTaken }.count
        return heap.count - (rootTaken ? 1 : 0) + pendingStanding
    }

    /// Schedules an event.
    /// - Parameters:
    ///   - payload: what the model needs to handle the event.
    ///   - time: when it happens; not before `now`.
    ///   - rank: its precedence among events at the same instant (0 first, at most 255).
    @inlinable
    public mutating func schedule(_ payload: Payload, at time: Double, rank: UInt8) {
        assert(time >= clock, "event scheduled in the past: \(time) < \(clock)")
        sequence &+= 1
        let event = Event(time: time, order: UInt64(rank) << 56 | sequence, payload: payload)
        if rootTaken {
            rootTaken = false
            siftDown(event)
        } else {
            heap.append(event)
            siftUp(from: heap.count - 1)
        }
    }

    /// Schedules standing source `source`'s next event (it has none pending: the last was handed
    /// out, or it never had one).
    /// - Parameters: as for `schedule`.
    @inlinable
    public mutating func scheduleStanding(_ payload: Payload, source: Int, at time: Double, rank: UInt8) {
        assert(time >= clock, "event scheduled in the past: \(time) < \(clock)")
        sequence &+= 1
        let order = UInt64(rank) << 56 | sequence
        if source == standingTaken {
            standing.set(source, time: time, order: order, payload: payload)
            standing.replaceWinner()
        } else {
            assert(!standing.times[source].isFinite, "source \(source) already has a pending event")
            if standingTaken >= 0 { standing.set(standingTaken, time: .infinity, order: .max, payload: nil) }
            standing.set(source, time: time, order: order, payload: payload)
            standing.rebuild()
        }
        standingTaken = -1
    }

    /// Hands out the earliest pending event and moves the clock to its time; `nil` when nothing
    /// is pending.
    @inlinable
    public mutating func next() -> Event<Payload>? {
        if rootTaken {
            rootTaken = false
            let last = heap.removeLast()
            if !heap.isEmpty { siftDown(last) }
        }
        if standingTaken >= 0 {  // handed out and not replaced: the source has nothing pending
            standing.set(standingTaken, time: .infinity, order: .max, payload: nil)
            standing.replaceWinner()
            standingTaken = -1
        }
        let source = standing.winner
        let standingTime = standing.times[source]  // +∞ when no source has an event (or there is none)
        if let first = heap.first,
            first.time < standingTime || (first.time == standingTime && first.order < standing.orders[source]) {
            rootTaken = true
            clock = first.time
            taken &+= 1
            assert(isHeap())
            return first
        }
        guard standingTime.isFinite, let payload = standing.payloads[source] else { return nil }
        standingTaken = source
        clock = standingTime
        taken &+= 1
        return Event(time: standingTime, order: standing.orders[source], payload: payload)
    }

    @inlinable
    mutating func siftUp(from start: Int) {
        heap.withUnsafeMutableBufferPointer { heap in
            let moving = heap[start]
            var hole = start
            while hole > 0 {
                let parent = (hole - 1) >> 2
                guard moving.happensBefore(heap[parent]) else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = moving
        }
    }

    /// Puts `moving` in the hole at the root and sifts it down to its place.
    @inlinable
    mutating func siftDown(_ moving: Event<Payload>) {
        heap.withUnsafeMutableBufferPointer { heap in
            let count = heap.count
            var hole = 0
            while true {
                let first = 4 &* hole &+ 1
                if first >= count { break }
                var child = first
                var best = heap[first]
                var index = first &+ 1
                let end = Swift.min(first &+ 4, count)
                while index < end {
                    let candidate = heap[index]
                    if candidate.happensBefore(best) {
                        best = candidate
                        child = index
                    }
                    index &+= 1
                }
                guard best.happensBefore(moving) else { break }
                heap[hole] = best
                hole = child
            }
            heap[hole] = moving
        }
    }

    /// Whether every event comes after its parent (checked in builds with assertions, at each
    /// `next`). Inlinable and on the buffer, so that it is specialised and reads the heap in place:
    /// the generic version copied the calendar, which made the next change to the heap copy it.
    @inlinable
    func isHeap() -> Bool {
        heap.withUnsafeBufferPointer { heap in
            var index = 1
            while index < heap.count {
                if heap[index].happensBefore(heap[(index - 1) >> 2]) { return false }
                index += 1
            }
            return true
        }
    }
}
