import SimEngine

/// When each console of each centre is next free, and which consoles are on shift: per centre, a
/// small min-heap of its on-shift consoles followed by its off-shift ones, all in one array.
///
/// A console's state is just the time its current call (talk, wrap-up and any hand-off) ends, so a
/// console that frees while nobody waits needs no event: the next caller finds it free by looking
/// at the earliest time. The replication schedules a console event only while callers wait.
///
/// A console sent off shift while busy finishes its call first: it takes no new call, and its time
/// until the call ends is overtime (still on shift for utilisation).
///
/// - Complexity: `earliestFree` O(1); `occupyEarliest` O(log consoles of the centre); a shift change
///   O(log consoles of the centre) per console leaving, O(consoles of the centre) for one coming
///   back and O(n log n) for many (n off shift).
struct ConsoleBoard {
    private let freeAt: Table<Double>
    private let start: Table<Int>
    private let capacity: Table<Int>
    /// Consoles on shift per centre: the first `onShift[c]` entries of its segment form the heap.
    let onShift: Table<Int>

    /// Every console on shift and free from time 0.
    init(consoles: [Int]) {
        capacity = Table(consoles)
        onShift = Table(consoles)
        var offsets: [Int] = []
        var total = 0
        for n in consoles {
            offsets.append(total)
            total += n
        }
        start = Table(offsets)
        freeAt = Table(repeating: 0, count: total)
    }

    /// When the first on-shift console of `centre` is free; infinite when none is on shift.
    func earliestFree(_ centre: Int) -> Double {
        onShift[centre] > 0 ? freeAt[start[centre]] : .infinity
    }

    /// Gives the centre's earliest-free console a call that keeps it busy until `end`.
    mutating func occupyEarliest(_ centre: Int, until end: Double) {
        siftDown(centre, end)
    }

    /// Puts `count` consoles of `centre` on shift at `time` (at most its consoles). Consoles leave
    /// earliest-free first; a busy one finishes its call. Consoles come back earliest-free first.
    /// - Returns: overtime changes as (from, to, sign): +1 for a busy console leaving (on shift
    ///   until its call ends), −1 for one coming back before its call ended (counted already).
    mutating func setOnShift(_ centre: Int, count: Int, at time: Double) -> [(Double, Double, Double)] {
        let first = start[centre]
        var overtime: [(Double, Double, Double)] = []
        while onShift[centre] > count {
            let leaving = freeAt[first]
            let last = first + onShift[centre] - 1
            let moved = freeAt[last]
            freeAt[last] = leaving  // the first off-shift slot
            onShift[centre] -= 1
            if onShift[centre] > 0 { siftDown(centre, moved) }
            if leaving > time { overtime.append((time, leaving, 1)) }
        }
        // Consoles come back earliest-free first: one by a look over those off shift, many by
        // sorting them once (a plan of 100,000 consoles in one hour brings back that many).
        let comingBack = min(count, capacity[centre]) - onShift[centre]
        if comingBack > 1 {
            var offShift = UnsafeMutableBufferPointer(start: freeAt.base + first + onShift[centre], count: capacity[centre] - onShift[centre])
            offShift.sort()
        }
        while onShift[centre] < min(count, capacity[centre]) {
            let slot = first + onShift[centre]
            var best = slot
            if comingBack == 1 {
                for index in slot..<(first + capacity[centre]) where freeAt[index] < freeAt[best] { best = index }
            }
            let busyUntil = freeAt[best]
            freeAt[best] = freeAt[slot]
            if busyUntil > time { overtime.append((time, busyUntil, -1)) }
            onShift[centre] += 1
            siftUp(centre, from: onShift[centre] - 1, value: max(busyUntil, time))
        }
        return overtime
    }

    private mutating func siftDown(_ centre: Int, _ value: Double) {
        let heap = freeAt.base + start[centre], n = onShift[centre]
        var hole = 0
        while true {
            var child = 2 &* hole &+ 1
            if child >= n { break }
            if child &+ 1 < n && heap[child &+ 1] < heap[child] { child &+= 1 }
            guard heap[child] < value else { break }
            heap[hole] = heap[child]
            hole = child
        }
        heap[hole] = value
    }

    private mutating func siftUp(_ centre: Int, from position: Int, value: Double) {
        let first = start[centre]
        var hole = position
        while hole > 0 {
            let parent = (hole - 1) / 2
            guard value < freeAt[first + parent] else { break }
            freeAt[first + hole] = freeAt[first + parent]
            hole = parent
        }
        freeAt[first + hole] = value
    }
}
