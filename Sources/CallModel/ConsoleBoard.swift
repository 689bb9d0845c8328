/// When each console of each centre is next free: one small min-heap per centre, all in one array.
///
/// A console's state is just the time its current call (talk, wrap-up and any hand-off) ends, so a
/// console that frees while nobody waits needs no event: the next caller finds it free by looking
/// at the earliest time. The replication schedules a console event only while callers wait.
///
/// - Complexity: `earliestFree` O(1); `occupyEarliest` O(log consoles of the centre).
struct ConsoleBoard {
    private var freeAt: [Double]
    private let start: [Int]
    private let count: [Int]

    /// Every console free from time 0.
    init(consoles: [Int]) {
        count = consoles
        var offsets: [Int] = []
        var total = 0
        for n in consoles {
            offsets.append(total)
            total += n
        }
        start = offsets
        freeAt = Array(repeating: 0, count: total)
    }

    /// When the first console of `centre` is free; infinite for a centre with no consoles.
    func earliestFree(_ centre: Int) -> Double {
        count[centre] > 0 ? freeAt[start[centre]] : .infinity
    }

    /// Gives the centre's earliest-free console a call that keeps it busy until `end`.
    mutating func occupyEarliest(_ centre: Int, until end: Double) {
        let first = start[centre], n = count[centre]
        freeAt.withUnsafeMutableBufferPointer { heap in
            var hole = 0
            while true {
                var child = 2 &* hole &+ 1
                if child >= n { break }
                if child &+ 1 < n && heap[first &+ child &+ 1] < heap[first &+ child] { child &+= 1 }
                guard heap[first &+ child] < end else { break }
                heap[first &+ hole] = heap[first &+ child]
                hole = child
            }
            heap[first &+ hole] = end
        }
    }
}
