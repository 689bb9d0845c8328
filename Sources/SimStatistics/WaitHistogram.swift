/// A streaming histogram of non-negative durations with bounded relative error, for percentiles
/// whose memory does not grow with the number of observations.
///
/// Buckets are log-linear: each power of two is split into 128 equal buckets, so a bucket is
/// at most 1/128 of its lower edge wide and the midpoint it reports is within 0.4 % of every value
/// in it. Values below 2⁻²⁰ s (about 1 µs), zero included, share one bucket reported as 0.
/// Buckets are allocated from the smallest to the largest value seen (a few hundred for waits of
/// seconds to minutes; about 5,000 at most, for waits from 1 µs to a day).
///
/// - Complexity: `record` is O(1) (amortised); `quantile` is O(buckets).
public struct WaitHistogram: Sendable {
    /// Bits of the mantissa that pick a bucket within its power of two.
    static let subBucketBits = 7
    static let shift = UInt64(52 - subBucketBits)
    /// The smallest value with a bucket of its own: 2⁻²⁰ s.
    @usableFromInline static let smallest = 0x1p-20
    static let firstIndex = Int(smallest.bitPattern >> shift)

    /// Counts by bucket, from bucket `base` (bucket 0 is that of 2⁻²⁰ s).
    private(set) var counts: [UInt64] = []
    /// The bucket of `counts[0]`.
    private(set) var base = 0
    @usableFromInline var belowSmallest: UInt64 = 0
    /// The number of values recorded.
    public var count: UInt64 { recorded }
    @usableFromInline var recorded: UInt64 = 0

    /// An empty histogram.
    public init() {}

    /// Records one value (seconds; negative values count as 0). A value below 2⁻²⁰ s — most
    /// waits of a centre that is not busy — is counted where it is recorded (inlined), the others
    /// in their bucket.
    @inlinable
    public mutating func record(_ value: Double) {
        guard value >= Self.smallest else {
            recorded &+= 1
            belowSmallest &+= 1
            return
        }
        recordInBucket(value)
    }

    @usableFromInline
    mutating func recordInBucket(_ value: Double) {
        recorded &+= 1
        let index = Int(value.bitPattern >> Self.shift) - Self.firstIndex
        cover(index, index)
        counts[index - base] &+= 1
    }

    /// Makes `counts` cover buckets `lowest ... highest`.
    private mutating func cover(_ lowest: Int, _ highest: Int) {
        if counts.isEmpty {
            base = lowest
            counts = Array(repeating: 0, count: highest - lowest + 1)
            return
        }
        if lowest < base {
            counts.insert(contentsOf: repeatElement(0, count: base - lowest), at: 0)
            base = lowest
        }
        if highest - base >= counts.count { counts.append(contentsOf: repeatElement(0, count: highest - base + 1 - counts.count)) }
    }

    /// The count of bucket `index` (0 outside the buckets allocated).
    func count(ofBucket index: Int) -> UInt64 {
        let slot = index - base
        return slot >= 0 && slot < counts.count ? counts[slot] : 0
    }

    /// The buckets with a count, ascending, and their counts.
    var buckets: some Sequence<(bucket: Int, count: UInt64)> {
        let base = base
        return counts.enumerated().lazy.filter { $0.element > 0 }.map { (base + $0.offset, $0.element) }
    }

    /// Adds every value recorded in `other`.
    public mutating func merge(_ other: WaitHistogram) {
        recorded += other.count
        belowSmallest += other.belowSmallest
        guard !other.counts.isEmpty else { return }
        cover(other.base, other.base + other.counts.count - 1)
        for (index, value) in other.counts.enumerated() { counts[other.base - base + index] += value }
    }

    /// The recorded values above each of `waits` (ascending), each value taken as its bucket's
    /// midpoint, in one pass over the buckets.
    public func countsAbove(_ waits: [Double]) -> [UInt64] {
        precondition(waits == waits.sorted())
        var above: [UInt64] = []
        var atOrBelow: UInt64 = 0  // values whose midpoint is at or below the current wait
        var index = 0, smallestCounted = false
        for wait in waits {
            if wait >= 0 && !smallestCounted { atOrBelow += belowSmallest; smallestCounted = true }
            while index < counts.count {
                guard Self.midpoint(ofBucket: base + index) <= wait else { break }
                atOrBelow += counts[index]
                index += 1
            }
            above.append(count - atOrBelow)
        }
        return above
    }

    /// The `p`-quantile (0 < p ≤ 1) by the nearest-rank rule: the smallest recorded value with at least
    /// `p · count` values at or below it, as its bucket's midpoint; `nil` when nothing was recorded.
    public func quantile(_ p: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = max(1, UInt64((p * Double(count)).rounded(.up)))
        var seen = belowSmallest
        if seen >= rank { return 0 }
        for (index, bucketCount) in counts.enumerated() where bucketCount > 0 {
            seen += bucketCount
            if seen >= rank { return Self.midpoint(ofBucket: base + index) }
        }
        return nil  // unreachable: the counts add up to `count`
    }

    /// The value a bucket's observations are reported as: its midpoint.
    static func midpoint(ofBucket index: Int) -> Double {
        let lower = Double(bitPattern: UInt64(index + Self.firstIndex) << Self.shift)
        let upper = Double(bitPattern: UInt64(index + 1 + Self.firstIndex) << Self.shift)
        return (lower + upper) / 2
    }

    /// The histogram's non-empty buckets only: how a replication carries its observations until
    /// they are pooled with the other replications'.
    public func compact() -> CompactHistogram {
        var buckets: [UInt32] = [], bucketCounts: [UInt64] = []
        for (index, value) in counts.enumerated() where value > 0 {
            buckets.append(UInt32(base + index))
            bucketCounts.append(value)
        }
        return CompactHistogram(count: count, belowSmallest: belowSmallest, buckets: buckets, counts: bucketCounts)
    }

    /// Adds every value recorded in `other`.
    public mutating func merge(_ other: CompactHistogram) {
        recorded += other.count
        belowSmallest += other.belowSmallest
        guard let first = other.buckets.first, let last = other.buckets.last else { return }
        cover(Int(first), Int(last))
        for (index, value) in zip(other.buckets, other.counts) { counts[Int(index) - base] += value }
    }
}

/// A `WaitHistogram` as its non-empty buckets: small to keep for every replication.
public struct CompactHistogram: Sendable {
    /// The number of values recorded.
    public let count: UInt64
    let belowSmallest: UInt64
    let buckets: [UInt32]
    let counts: [UInt64]

    /// Nothing recorded.
    public static let empty = CompactHistogram(count: 0, belowSmallest: 0, buckets: [], counts: [])

    /// Every value of this histogram and of `other`, still as non-empty buckets (one pass over both).
    public func adding(_ other: CompactHistogram) -> CompactHistogram {
        if other.count == 0 { return self }
        if count == 0 { return other }
        var buckets: [UInt32] = [], counts: [UInt64] = []
        buckets.reserveCapacity(max(self.buckets.count, other.buckets.count))
        counts.reserveCapacity(buckets.capacity)
        var (i, j) = (0, 0)
        while i < self.buckets.count || j < other.buckets.count {
            if j == other.buckets.count || (i < self.buckets.count && self.buckets[i] < other.buckets[j]) {
                buckets.append(self.buckets[i]); counts.append(self.counts[i]); i += 1
            } else if i == self.buckets.count || other.buckets[j] < self.buckets[i] {
                buckets.append(other.buckets[j]); counts.append(other.counts[j]); j += 1
            } else {
                buckets.append(self.buckets[i]); counts.append(self.counts[i] + other.counts[j]); i += 1; j += 1
            }
        }
        return CompactHistogram(
            count: count + other.count, belowSmallest: belowSmallest + other.belowSmallest, buckets: buckets, counts: counts)
    }
}
