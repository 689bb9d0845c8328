/// A pending event: when it happens, its precedence among events at the same instant, and
/// what the model needs in order to handle it.
public struct Event<Payload: Sendable>: Sendable {
    /// The simulated time, in seconds since time 0, at which the event happens.
    public let time: Double
    /// Precedence among events at the same instant: lower ranks happen first.
    public let rank: UInt8
    /// What the model put in the event when it scheduled it.
    public let payload: Payload
    /// `rank` in the top byte, the scheduling sequence number below it: one integer that orders
    /// events at the same instant by rank, then in the order they were scheduled.
    @usableFromInline let order: UInt64

    @inlinable
    init(time: Double, order: UInt64, payload: Payload) {
        self.time = time
        self.order = order
        self.rank = UInt8(truncatingIfNeeded: order >> 56)
        self.payload = payload
    }

    @inlinable
    func happensBefore(_ other: Event) -> Bool {
        time < other.time || (time == other.time && order < other.order)
    }
}

/// The simulation's one event calendar and its clock.
///
/// A binary min-heap of pending events ordered by `(time, rank, sequence)`: events at the same
/// instant happen in rank order, and events of one rank in the order they were scheduled, so a
/// run never depends on how the heap happens to store ties. `next()` removes the earliest event
/// and moves the clock to it; the clock never goes back, and scheduling in the past is a
/// programming error (checked in debug builds, together with the heap property).
///
/// It knows nothing about the model: the model chooses the ranks and the payload, and runs the
/// loop `while let event = calendar.next() { … }`.
///
/// - Complexity: `schedule` and `next` are O(log n) in the number of pending events.
public struct EventCalendar<Payload: Sendable>: Sendable {
    @usableFromInline var heap: ContiguousArray<Event<Payload>> = []
    @usableFromInline var sequence: UInt64 = 0
    /// The current simulated time: the time of the last event taken from the calendar.
    @inlinable public var now: Double { clock }
    @usableFromInline var clock: Double = 0
    /// How many events have been taken from the calendar.
    @inlinable public var processed: Int { taken }
    @usableFromInline var taken: Int = 0

    /// An empty calendar with the clock at time 0.
    public init() {}

    /// The number of pending events.
    @inlinable public var count: Int { heap.count }

    /// Schedules an event.
    /// - Parameters:
    ///   - payload: what the model needs to handle the event.
    ///   - time: when it happens; not before `now`.
    ///   - rank: its precedence among events at the same instant (0 first, at most 255).
    @inlinable
    public mutating func schedule(_ payload: Payload, at time: Double, rank: UInt8) {
        assert(time >= now, "event scheduled in the past: \(time) < \(now)")
        sequence &+= 1
        let event = Event(time: time, order: UInt64(rank) << 56 | sequence, payload: payload)
        heap.append(event)
        siftUp(from: heap.count - 1)
    }

    /// Removes the earliest pending event, moves the clock to its time and returns it;
    /// `nil` when nothing is pending.
    @inlinable
    public mutating func next() -> Event<Payload>? {
        guard let last = heap.popLast() else { return nil }
        var first = last
        if !heap.isEmpty {
            first = heap[0]
            siftDown(last)
        }
        clock = first.time
        taken &+= 1
        assert(isHeap())
        return first
    }

    @inlinable
    mutating func siftUp(from start: Int) {
        let moving = heap[start]
        var hole = start
        while hole > 0 {
            let parent = (hole - 1) >> 1
            guard moving.happensBefore(heap[parent]) else { break }
            heap[hole] = heap[parent]
            hole = parent
        }
        heap[hole] = moving
    }

    /// Puts `moving` in the hole at the root and sifts it down to its place.
    @inlinable
    mutating func siftDown(_ moving: Event<Payload>) {
        let count = heap.count
        var hole = 0
        while true {
            var child = 2 * hole + 1
            if child >= count { break }
            if child + 1 < count && heap[child + 1].happensBefore(heap[child]) { child += 1 }
            guard heap[child].happensBefore(moving) else { break }
            heap[hole] = heap[child]
            hole = child
        }
        heap[hole] = moving
    }

    @usableFromInline
    func isHeap() -> Bool {
        for index in heap.indices.dropFirst() where heap[index].happensBefore(heap[(index - 1) >> 1]) {
            return false
        }
        return true
    }
}
