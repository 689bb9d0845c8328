/// A caller who is, or was, waiting: his centre, type and urgency, and what was drawn for him.
struct Caller {
    /// Tells this attempt apart from earlier ones in the same slot (0 marks a free slot).
    var id: UInt32
    var centre: Int32
    var type: Int32
    var urgent: Bool
    /// Arrived within the measured window: his attempt counts in the figures.
    var counted: Bool
    /// When this attempt arrived, and the clock hour it arrived in (the hour it is tallied by).
    var arrival: Double {
        didSet { hour = Int32(ClockHours.hour(of: arrival)) }
    }
    var hour: Int32
    /// When the caller first called (his first attempt).
    var firstArrival: Double
    /// After hanging up or a busy tone, he calls again this long after; infinite: he does not.
    var redialDelay: Double
    var isRedial: Bool
    /// Has waited long enough to be answered by a neighbouring centre (overflow routing).
    var eligible: Bool
    /// How long he waits before hanging up (infinite: he never does).
    var patience: Double
    /// How long answering keeps a console busy: talk, wrap-up and any hand-off.
    var busy: Double
    /// From answer to the 112 alert being complete (urgent callers only).
    var alertDelay: Double
}

/// The callers who wait in a line or wait to call again, each in a slot that is reused once he
/// leaves: memory grows with the callers waiting at once, never with the horizon.
///
/// Events and waiting lines name a caller by `CallerRef`; a reference whose id no longer matches
/// the slot's is stale (that attempt was answered or ended), which is how events of a caller who
/// has gone are recognised and dropped without searching the calendar.
struct CallerPool {
    private var callers: ContiguousArray<Caller> = []
    private var freeSlots: [Int32] = []
    private var lastID: UInt32 = 0

    /// The caller in `slot`.
    subscript(slot: Int) -> Caller {
        get { callers[slot] }
        set { callers[slot] = newValue }
    }

    /// Callers held at once.
    var count: Int { callers.count - freeSlots.count }

    /// `true` while `ref` names the attempt in its slot.
    func isCurrent(_ ref: CallerRef) -> Bool { callers[Int(ref.slot)].id == ref.id }

    /// A caller id not in use (0 marks a free slot).
    mutating func newID() -> UInt32 {
        lastID &+= 1
        if lastID == 0 { lastID = 1 }
        return lastID
    }

    /// Keeps a caller in a free slot and returns his reference.
    mutating func park(_ caller: Caller) -> CallerRef {
        if let slot = freeSlots.popLast() {
            callers[Int(slot)] = caller
            return CallerRef(slot: UInt32(slot), id: caller.id)
        }
        callers.append(caller)
        assert(callers.count <= CallEvent.maxSlots)
        return CallerRef(slot: UInt32(callers.count - 1), id: caller.id)
    }

    /// Takes the caller out of his slot, which is free again.
    mutating func release(_ slot: Int) -> Caller {
        let caller = callers[slot]
        callers[slot].id = 0
        freeSlots.append(Int32(slot))
        return caller
    }
}
