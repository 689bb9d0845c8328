import DequeModule
import SimEngine

/// The callers waiting to be answered: lines (one per centre, or one national line under pooled
/// routing — the routing policy says which line a centre's callers join), each first come, first
/// served within a priority level, the most urgent level first (docs/model.md, "Priority"); and how
/// many callers of each centre wait, in all and eligible for overflow.
///
/// A line is a queue per priority level (one, without priorities). A caller who leaves a line
/// early (hangs up, or is answered by a neighbour) leaves a stale entry behind, dropped when it
/// reaches the head: leaving costs O(1), and the counts stay exact.
struct WaitingLines {
    /// The queue of line `l` at level `k` is `queues[l * levels + k]`.
    private let queues: Table<Deque<CallerRef>>
    /// Priority levels (1: first come, first served).
    let levels: Int
    /// Live entries in each line.
    let queued: Table<Int>
    /// Callers of each centre waiting, and those of them who may be answered by a neighbour.
    let waiting: Table<Int>
    let eligible: Table<Int>

    /// Empty lines for `centres` centres (at most one line each), with `levels` priority levels.
    init(centres: Int, levels: Int = 1) {
        precondition(levels >= 1)
        self.levels = levels
        queues = Table(repeating: Deque(), count: centres * levels)
        queued = Table(repeating: 0, count: centres)
        waiting = Table(repeating: 0, count: centres)
        eligible = Table(repeating: 0, count: centres)
    }

    /// Puts a caller of `centre` at the back of `line`, in priority level `level`.
    mutating func join(_ caller: CallerRef, line: Int, centre: Int, level: Int = 0) {
        queues[line &* levels &+ level].append(caller)
        queued[line] &+= 1
        waiting[centre] &+= 1
    }

    /// The live caller at the head of `line` (his slot): the longest-waiting of the most urgent
    /// level present. Drops the entries of callers who left on the way.
    mutating func head(of line: Int, in callers: CallerPool) -> Int? {
        if levels == 1 { return head(ofQueue: line, in: callers) }
        let first = line &* levels
        for queue in first..<(first &+ levels) {
            if let slot = head(ofQueue: queue, in: callers) { return slot }
        }
        return nil
    }

    /// The live caller at the head of `line` who may be answered by a neighbour, with his level:
    /// the longest-waiting eligible caller of the most urgent level that has one. Within a level the
    /// eligible callers stand at the front (one overflow delay for all), so only heads are looked at.
    mutating func eligibleHead(of line: Int, in callers: CallerPool) -> (slot: Int, level: Int)? {
        let first = line &* levels
        for level in 0..<levels {
            if let slot = head(ofQueue: first &+ level, in: callers), callers[slot].eligible { return (slot, level) }
        }
        return nil
    }

    private mutating func head(ofQueue queue: Int, in callers: CallerPool) -> Int? {
        while let entry = queues[queue].first {
            if callers.isCurrent(entry) { return Int(entry.slot) }
            queues[queue].removeFirst()
        }
        return nil
    }

    /// Takes the caller in `slot` out of the books of `line` (his entry goes stale) and out of the pool.
    mutating func leave(_ slot: Int, line: Int, callers: inout CallerPool) -> Caller {
        let caller = callers.release(slot)
        let centre = Int(caller.centre)
        queued[line] &-= 1
        waiting[centre] &-= 1
        if caller.eligible { eligible[centre] &-= 1 }
        assert(queued[line] >= 0 && waiting[centre] >= 0 && eligible[centre] >= 0)
        return caller
    }

    /// Marks the waiting caller in `slot` eligible to be answered by a neighbour.
    mutating func makeEligible(_ slot: Int, callers: inout CallerPool) {
        assert(!callers[slot].eligible)
        callers[slot].eligible = true
        eligible[Int(callers[slot].centre)] &+= 1
    }

    /// The slots of the callers waiting, line by line, each line in order.
    func waitingSlots(callers: CallerPool) -> [Int] {
        queues.flatMap { queue in queue.lazy.filter { callers.isCurrent($0) }.map { Int($0.slot) } }
    }

    /// `true` when the counts match the callers in the lines (walks every line: for debug checks
    /// and tests).
    func countsAreExact(callers: CallerPool) -> Bool {
        var queued = Array(repeating: 0, count: self.queued.count)
        var waiting = queued, eligible = queued
        for (index, queue) in queues.enumerated() {
            for entry in queue where callers.isCurrent(entry) {
                let caller = callers[Int(entry.slot)]
                queued[index / levels] += 1
                waiting[Int(caller.centre)] += 1
                if caller.eligible { eligible[Int(caller.centre)] += 1 }
            }
        }
        return queued == self.queued.elements && waiting == self.waiting.elements && eligible == self.eligible.elements
    }

    /// Lays the waiting callers out anew, in order of arrival, in the lines `line(centre)` gives
    /// (at a routing switch), each in his level `level(type)`, every one not eligible for overflow
    /// until the new policy says so. Returns their slots in that order.
    mutating func relay(callers: inout CallerPool, line: (Int) -> Int, level: (Int) -> Int) -> [Int] {
        var present: [(arrival: Double, order: Int, entry: CallerRef)] = []
        for index in queues.indices {
            for entry in queues[index] where callers.isCurrent(entry) {
                present.append((callers[Int(entry.slot)].arrival, present.count, entry))
            }
            queues[index].removeAll(keepingCapacity: true)
        }
        for index in queued.indices { queued[index] = 0 }
        present.sort { ($0.arrival, $0.order) < ($1.arrival, $1.order) }
        for index in eligible.indices { eligible[index] = 0 }
        for (_, _, entry) in present {
            let slot = Int(entry.slot)
            callers[slot].eligible = false
            let target = line(Int(callers[slot].centre))
            queues[target * levels + level(Int(callers[slot].type))].append(entry)
            queued[target] += 1
        }
        return present.map { Int($0.entry.slot) }
    }
}
