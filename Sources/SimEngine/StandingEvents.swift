/// The calendar's events from standing sources — sources that have at most one pending event each
/// and schedule the next when theirs happens, as each centre's next arrival does — kept in a loser
/// tree (Knuth, TAOCP vol. 3, §5.4.1) instead of the heap.
///
/// Most events of a scenario with many centres are arrivals, and a new arrival is usually far in
/// the future: in a heap it sinks to the bottom, comparing four children per level. In the tree a
/// source's next event replaces the one just handed out and climbs one path, one comparison per
/// level (⌈log₂ sources⌉ levels), and the earliest event sits at the top.
///
/// Leaves are the sources, at `leaves + s` in a tree of `2 × leaves` nodes, `leaves` the power of
/// two at or above the number of sources (the leaves past the sources stay empty), so every path
/// to the top has the same length and the replay's loop ends where the processor predicts. Each
/// inner node keeps the leaf that lost the match there, node 0 the winner. An empty leaf has time
/// +∞.
///
/// - Complexity: `replaceWinner` O(log sources); `set` of another source O(sources) (used when the
///   sources are first scheduled); `winner` O(1).
///
/// `@unchecked Sendable`: its `Table`s are references written without locks, so a value may cross
/// to another thread only with the calendar that owns it and never be used from two at once; each
/// replication builds its own calendar on the thread that runs it.
@usableFromInline
struct StandingEvents<Payload: Sendable>: @unchecked Sendable {
    /// The number of leaves: a power of two, at least `sources`.
    @usableFromInline let leaves: Int
    /// Each source's pending event: time (+∞ when none), order (rank and sequence), payload.
    @usableFromInline let times: Table<Double>
    @usableFromInline let orders: Table<UInt64>
    @usableFromInline let payloads: Table<Payload?>
    /// `losers[0]`: the source whose event is earliest; `losers[n]` for n ≥ 1: the loser at node n.
    @usableFromInline let losers: Table<Int>

    @usableFromInline
    init(sources: Int) {
        var leaves = 1
        while leaves < sources { leaves *= 2 }
        self.leaves = leaves
        times = Table(repeating: .infinity, count: leaves)
        orders = Table(repeating: .max, count: leaves)
        payloads = Table(repeating: nil, count: leaves)
        losers = Table(repeating: 0, count: leaves)
        rebuild()
    }

    /// The source whose event comes first (an empty one when none is pending).
    @inlinable var winner: Int { losers[0] }

    /// Whether source `a`'s event comes before `b`'s, without a branch (`&` and `|` evaluate both
    /// sides): which source wins a match is as good as random, so a branch would often be
    /// mispredicted.
    @inlinable
    func precedes(_ a: Int, _ b: Int) -> Bool { precedence(a, b) == 1 }

    /// 1 when source `a`'s event comes before `b`'s, else 0, computed without a branch.
    @inlinable @inline(__always)
    func precedence(_ a: Int, _ b: Int) -> Int {
        func bit(_ condition: Bool) -> Int { unsafeBitCast(condition, to: UInt8.self) == 0 ? 0 : 1 }
        return bit(times[a] < times[b]) | (bit(times[a] == times[b]) & bit(orders[a] < orders[b]))
    }

    /// Sets source `source`'s pending event (time +∞: none).
    @inlinable
    mutating func set(_ source: Int, time: Double, order: UInt64, payload: Payload?) {
        times[source] = time
        orders[source] = order
        payloads[source] = payload
    }

    /// After the winner's event was set anew: its path to the top is replayed.
    @inlinable
    mutating func replaceWinner() {
        var winner = losers[0]
        var node = (winner + leaves) >> 1
        while node > 0 {
            let other = losers[node]
            // All ones when `other` wins the match, else zero: the two swap without a branch.
            let mask = -precedence(other, winner)
            losers[node] = (winner & mask) | (other & ~mask)
            winner = (other & mask) | (winner & ~mask)
            node >>= 1
        }
        losers[0] = winner
    }

    /// Plays every match anew (after a source other than the winner was set).
    @usableFromInline
    mutating func rebuild() {
        guard leaves > 1 else { return }
        // winners[n]: the winner below node n; leaves at leaves ..< 2 × leaves.
        var winners = [Int](repeating: 0, count: 2 * leaves)
        for leaf in 0..<leaves { winners[leaves + leaf] = leaf }
        for node in stride(from: leaves - 1, through: 1, by: -1) {
            let (left, right) = (winners[2 * node], winners[2 * node + 1])
            let leftFirst = precedes(left, right)
            winners[node] = leftFirst ? left : right
            losers[node] = leftFirst ? right : left
        }
        losers[0] = winners[1]
    }
}
