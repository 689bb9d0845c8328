/// The level at which a run decides its targets: one-sided 95 % over every look the precision
/// rule may take (docs/model.md, "Targets and how they are decided").
///
/// The precision rule judges a run after a first batch of replications and again each time it
/// doubles them (n, 2n, 4n, … up to the cap). A test repeated at each look at 5 % would call a
/// target at its threshold `met` far more often than 5 % of the time (17 % over eight looks), so
/// each look spends an equal part of the 5 % (Bonferroni): with `looks` looks possible, each
/// decides at 5 % / `looks`, and whatever look a run stops at, a target whose truth is exactly
/// its threshold is called `met` (or `missed`) at most 5 % of the time.
public struct Confidence: Sendable, Equatable {
    /// The most looks the run may take.
    public let looks: Int

    public init(looks: Int) {
        precondition(looks >= 1)
        self.looks = looks
    }

    /// One look: a fixed number of replications.
    public static let single = Confidence(looks: 1)

    /// The looks of the precision rule from a first batch of `firstBatch` replications doubling up to
    /// `cap` (n, 2n, 4n, … capped: ⌈log₂(cap / n)⌉ + 1), or one when the run does not go on
    /// (`sequential` false: precision 0).
    public init(firstBatch: Int, cap: Int, sequential: Bool) {
        self.init(looks: Self.counts(firstBatch: firstBatch, cap: cap, sequential: sequential).count)
    }

    /// The replications the precision rule may stop at, one for each look: n, 2n, 4n, … capped
    /// (n alone when the run does not go on).
    public static func counts(firstBatch: Int, cap: Int, sequential: Bool) -> [Int] {
        var counts = [max(firstBatch, 1)]
        while sequential, let n = counts.last, n < cap { counts.append(min(2 * n, cap)) }
        return counts
    }

    /// Each look's one-sided error rate.
    public var alpha: Double { 0.05 / Double(looks) }
}
