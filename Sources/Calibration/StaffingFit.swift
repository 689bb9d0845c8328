import CallRecords

/// What the records say of each centre's consoles, queue and routing. Consoles are not in call
/// records; they show when a caller starts to wait: then every console on shift is busy, so the
/// consoles busy at such moments, at their most, are those on shift in that hour of the day. Where nobody
/// of a centre waited in an hour, it had the most it ever had busy at once.
public struct StaffingFit: Sendable {
    /// One centre's.
    public struct Centre: Sendable {
        /// Consoles on shift by local hour; all equal when the plan does not vary.
        public let consoles: [Int]
        /// The fewest callers found waiting when one got a busy tone (nil: nobody did).
        public let queueCapacity: Int?
        /// The centres whose consoles answered its callers (overflow), most often first.
        public let neighbours: [Int]
    }

    public let centres: [Centre]
    /// The shortest wait after which a caller was answered by another centre (nil: none was).
    public let overflowAfter: Double?

    init(_ records: [CallRecord], centres count: Int) {
        // Events per centre: consoles busy (at the answering centre) and callers waiting (at theirs);
        // a caller's joining carries his local hour (the clock's offset may change, as with summer time).
        enum Change: Int { case consoleFrees = 0, callerLeaves, consoleTakes, callerJoins, busyTone }
        var events = Array(repeating: [(time: Double, change: Change, hour: Int)](), count: count)
        var neighbourCounts = Array(repeating: [Int: Int](), count: count)
        var overflowAfter: Double?
        for record in records {
            let arrival = record.arrival.seconds
            if record.outcome == .blocked {
                events[record.centre].append((arrival, .busyTone, 0))
                continue
            }
            if record.wait > 0 {
                events[record.centre].append((arrival, .callerJoins, record.arrival.hour))
                events[record.centre].append((arrival + record.wait, .callerLeaves, 0))
            }
            guard record.outcome == .answered, let by = record.answeredBy, let handling = record.handling else { continue }
            let start = arrival + record.wait
            let busy = handling + (record.wrapup ?? 0) + (record.handoff ?? 0)
            events[by].append((start, .consoleTakes, 0))
            // Records round each duration to the millisecond: a console's end may seem to overlap the
            // next answer by a few; it is taken to free 10 ms early, which no count can notice.
            events[by].append((start + busy - 0.01, .consoleFrees, 0))
            if by != record.centre {
                neighbourCounts[record.centre][by, default: 0] += 1
                overflowAfter = min(overflowAfter ?? .infinity, record.wait)
            }
        }
        self.overflowAfter = overflowAfter
        centres = (0..<count).map { centre in
            // At one instant, what ends comes first (a console freeing and taking the next caller).
            let sorted = events[centre].sorted { ($0.time, $0.change.rawValue) < ($1.time, $1.change.rawValue) }
            var busy = 0, waiting = 0, most = 0
            var whileWaiting = Array(repeating: 0, count: 24)
            var capacity: Int?
            for event in sorted {
                switch event.change {
                case .consoleFrees: busy -= 1
                case .callerLeaves: waiting -= 1
                case .consoleTakes: busy += 1
                case .callerJoins:
                    // He has to wait: every console on shift is busy now.
                    waiting += 1
                    whileWaiting[event.hour] = max(whileWaiting[event.hour], busy)
                case .busyTone: capacity = min(capacity ?? .max, waiting)
                }
                most = max(most, busy)
            }
            let consoles = whileWaiting.map { $0 > 0 ? $0 : max(most, 1) }
            let neighbours = neighbourCounts[centre].sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
            return Centre(consoles: consoles, queueCapacity: capacity, neighbours: neighbours)
        }
    }
}
