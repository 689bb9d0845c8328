/// A waiting or parked caller's place in the `CallerPool`: his slot, and the id he had when the
/// reference was made (a reference whose id no longer matches is stale: that attempt has ended).
struct CallerRef: Equatable {
    var slot: UInt32
    var id: UInt32
}

/// What happens at an event of a replication. Its rank orders events at the same instant
/// (docs/model.md, "Events at the same instant"): consoles first (a console frees, a shift changes),
/// then a routing switch, then patiences, then overflow eligibility, then arrivals. The window's
/// close comes before every other event at its instant.
///
/// It travels through the calendar packed into 8 bytes (`packed`, `init(packed:)`), so the typed
/// event costs nothing over raw bits: the kind in the top 3 bits, then 32 bits of id or token,
/// then 29 bits of slot or centre.
enum CallEvent: Equatable {
    /// The centre's first console frees while callers wait; `token` tells a stale event (a shift
    /// change rescheduled it) from the live one.
    case consoleFrees(centre: Int, token: UInt32)
    /// The centre's consoles on shift change (a shift plan's hour, an absence's start or end).
    case shiftChange(centre: Int)
    /// Another routing policy comes into force (routing by time of day).
    case routingSwitch
    /// A waiting caller's patience runs out.
    case patienceEnds(CallerRef)
    /// A waiting caller has waited long enough to be answered by a neighbour (overflow routing).
    case becomesEligible(CallerRef)
    /// A new caller calls the centre.
    case arrival(centre: Int)
    /// A caller who gave up calls again.
    case redial(CallerRef)
    /// The measured window closes: callers whose hanging up was left to be settled at the head of
    /// their line are settled now (docs/model.md, "Hanging up, settled at the head of the line").
    case windowCloses

    /// Precedence among events at the same instant: lower first.
    var rank: UInt8 {
        switch self {
        case .consoleFrees, .shiftChange, .windowCloses: return 0
        case .routingSwitch: return 1
        case .patienceEnds: return 2
        case .becomesEligible: return 3
        case .arrival, .redial: return 4
        }
    }

    private static let lowBits = 29
    private static let lowMask: UInt64 = 1 << lowBits - 1
    /// The most slots (and centres) an event can name.
    static let maxSlots = 1 << lowBits

    /// The event in 8 bytes.
    @inline(__always)
    var packed: UInt64 {
        func pack(_ kind: UInt64, _ low: Int, _ high: UInt32) -> UInt64 {
            assert(low >= 0 && low < Self.maxSlots)
            return kind << 61 | UInt64(high) << Self.lowBits | UInt64(low)
        }
        switch self {
        case .consoleFrees(let centre, let token): return pack(0, centre, token)
        case .shiftChange(let centre): return pack(1, centre, 0)
        case .routingSwitch: return pack(2, 0, 0)
        case .patienceEnds(let caller): return pack(3, Int(caller.slot), caller.id)
        case .becomesEligible(let caller): return pack(4, Int(caller.slot), caller.id)
        case .arrival(let centre): return pack(5, centre, 0)
        case .redial(let caller): return pack(6, Int(caller.slot), caller.id)
        case .windowCloses: return pack(7, 0, 0)
        }
    }

    /// The event `packed` holds.
    @inline(__always)
    init(packed: UInt64) {
        let low = Int(packed & Self.lowMask)
        let high = UInt32(truncatingIfNeeded: packed >> Self.lowBits)
        let caller = CallerRef(slot: UInt32(low), id: high)
        switch packed >> 61 {
        case 0: self = .consoleFrees(centre: low, token: high)
        case 1: self = .shiftChange(centre: low)
        case 2: self = .routingSwitch
        case 3: self = .patienceEnds(caller)
        case 4: self = .becomesEligible(caller)
        case 5: self = .arrival(centre: low)
        case 6: self = .redial(caller)
        default: self = .windowCloses
        }
    }
}
