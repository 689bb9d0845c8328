import CGSL
import Foundation
import SimEngine

/// One replication's figure for a KPI as the two sums it is made of: a share of calls (abandoned
/// of offered), a mean wait (seconds waited over calls answered) or a count (`whole` 1). Over
/// replications the parts and the wholes add up, so a rate is a ratio of sums: busy days weigh
/// more, as they do for a planner counting calls.
public struct Ratio: Sendable, Equatable {
    public let part: Double
    /// What the part is a share or a mean of; 0 when there was nothing to measure.
    public let whole: Double

    public init(_ part: Double, of whole: Double) {
        self.part = part
        self.whole = whole
    }

    /// A count or total of its own (`whole` 1).
    public init(count: Double) { self.init(count, of: 1) }

    /// Nothing to measure.
    public static let none = Ratio(0, of: 0)

    /// The figure, `nil` when there was nothing to measure.
    public var value: Double? { whole > 0 ? part / whole : nil }
}

/// A KPI's estimate over independent replications: the figure, the half-width of its 95 %
/// confidence interval, and the one-sided bounds targets are decided on (docs/model.md,
/// "Estimators" and "Targets and how they are decided").
///
/// The bounds hold however few events the replications saw: a share is never more certain than
/// a binomial count of its events allows, a count of rare losses than a Poisson count, a
/// percentile than its order statistics; where no such bound applies and every replication
/// agrees, there are no bounds at all (an interval of zero width is never certainty).
public struct Estimate: Sendable, Equatable {
    /// The figure: a ratio of sums over the replications that measured the KPI (for a count, the
    /// mean; for a percentile, the percentile of all replications' observations pooled); `nil`
    /// when none did.
    public let mean: Double?
    /// The half-width of the 95 % confidence interval, never narrower than the exact bounds allow;
    /// `nil` when there is no interval (one replication, or too few observations for a percentile).
    public let ci95: Double?
    /// The number of replications that measured the KPI.
    public let n: Int
    /// Each replication's figure, in replication order (`nil` where it measured nothing); for a
    /// percentile, each section's figure.
    public let values: [Double?]
    /// The degrees of freedom of the t factor: replications − 1, or sections − 1 for a percentile.
    public let degreesOfFreedom: Int
    /// The one-sided bounds at the run's `Confidence`: the figure is at least `lower` with that
    /// confidence, and at most `upper`; infinite where nothing can be said.
    public let lower: Double
    public let upper: Double

    /// The mean of each replication's figure over the replications that measured it (`nil` where
    /// one measured nothing), with its t interval.
    public init(values: [Double?], confidence: Confidence = .single) {
        let spread = Spread(values.compactMap { $0.map(Ratio.init(count:)) })
        let bounds = spread.bounds(confidence)
        self.init(
            mean: spread.mean, ci95: spread.halfWidth95, n: spread.measured, values: values,
            degreesOfFreedom: spread.degreesOfFreedom, lower: bounds.lower, upper: bounds.upper)
    }

    /// A ratio of sums over the replications, with a delta-method interval (the replications are
    /// the independent units); with `events`, the parts count events among the wholes (calls
    /// abandoned of calls offered), and the interval is never narrower than Clopper–Pearson's.
    ///
    /// With `noneWaitedScale`, a mean wait whose every part is 0 (no caller waited, in any
    /// replication) is bounded by the Clopper–Pearson bound of the share of callers who waited
    /// (none of Σ whole) times that scale: a caller who waits where nobody else does waits for about
    /// one call to end, so the scale is the mean time a console is busy with a call.
    public init(ratios: [Ratio], events: Bool = false, noneWaitedScale: Double? = nil, confidence: Confidence = .single) {
        self.init(
            spread: Spread(ratios), parts: ratios.reduce(0) { $0 + $1.part }, wholes: ratios.reduce(0) { $0 + $1.whole },
            values: ratios.map(\.value), events: events, noneWaitedScale: noneWaitedScale, confidence: confidence)
    }

    /// `init(ratios:events:noneWaitedScale:confidence:)` from the replications' running sums
    /// (figures streamed over many replications); `values` is empty.
    public init(sums: RatioSums, events: Bool = false, noneWaitedScale: Double? = nil, confidence: Confidence = .single) {
        self.init(
            spread: Spread(sums), parts: sums.parts, wholes: sums.wholes, values: [], events: events,
            noneWaitedScale: noneWaitedScale, confidence: confidence)
    }

    /// A ratio of sums: `parts` over `wholes`, with the replications' `spread`.
    private init(
        spread: Spread, parts: Double, wholes: Double, values: [Double?], events: Bool, noneWaitedScale: Double?,
        confidence: Confidence
    ) {
        var bounds = spread.bounds(confidence)
        var ci95 = spread.halfWidth95
        // Parts are never negative: no part at all means every replication's was 0.
        if let scale = noneWaitedScale, spread.standardError == 0, parts == 0 {
            bounds = (0, scale * ExactBounds.share(events: 0, trials: wholes, alpha: confidence.alpha).upper)
            ci95 = scale * ExactBounds.share(events: 0, trials: wholes, alpha: 0.025).upper
        }
        if events, let mean = spread.mean {
            let count = min(parts.rounded(), wholes)
            if let exact = ExactBounds.share(events: count, trials: wholes, alpha: confidence.alpha, unlessWithin: bounds) {
                bounds = spread.widened(bounds, to: exact)
            }
            if let halfWidth = ci95,
               let exact = ExactBounds.share(
                   events: count, trials: wholes, alpha: 0.025, unlessWithin: (mean - halfWidth, mean + halfWidth)) {
                ci95 = max(halfWidth, exact.upper - mean, mean - exact.lower)
            }
        }
        self.init(
            mean: spread.mean, ci95: ci95, n: spread.measured, values: values,
            degreesOfFreedom: spread.degreesOfFreedom, lower: bounds.lower, upper: bounds.upper)
    }

    /// A sum of weights of rare events a replication (each caller lost for good adds the
    /// probability that he was urgent): the mean of `values` with its t interval, never narrower
    /// than the exact Poisson bounds of the `events` behind it, each weighing their mean weight (or
    /// `largestWeight` when there was none).
    public init(values: [Double], events: Int, largestWeight: Double, confidence: Confidence = .single) {
        self.init(
            spread: Spread(values.map(Ratio.init(count:))), replications: values.count, values: values, events: events,
            largestWeight: largestWeight, confidence: confidence)
    }

    /// `init(values:events:largestWeight:confidence:)` from the replications' running sums of the
    /// weights (each replication's figure a count: whole 1); `values` is empty.
    public init(sums: RatioSums, events: Int, largestWeight: Double, confidence: Confidence = .single) {
        self.init(
            spread: Spread(sums), replications: sums.count, values: [], events: events, largestWeight: largestWeight,
            confidence: confidence)
    }

    private init(
        spread: Spread, replications count: Int, values: [Double], events: Int, largestWeight: Double, confidence: Confidence
    ) {
        var bounds = spread.bounds(confidence)
        var ci95 = spread.halfWidth95
        if let mean = spread.mean {
            let replications = Double(count)
            let weight = events > 0 ? mean * replications / Double(events) : largestWeight
            let exact = ExactBounds.poisson(events: Double(events), alpha: confidence.alpha)
            bounds = spread.widened(bounds, to: (weight * exact.lower / replications, weight * exact.upper / replications))
            let exact95 = ExactBounds.poisson(events: Double(events), alpha: 0.025)
            ci95 = ci95.map { max($0, weight * exact95.upper / replications - mean, mean - weight * exact95.lower / replications) }
        }
        self.init(
            mean: spread.mean, ci95: ci95, n: spread.measured, values: values, degreesOfFreedom: spread.degreesOfFreedom,
            lower: bounds.lower, upper: bounds.upper)
    }

    /// An estimate whose figures are already known (a percentile, or a change of unit).
    public init(
        mean: Double?, ci95: Double?, n: Int, values: [Double?], degreesOfFreedom: Int, lower: Double, upper: Double
    ) {
        self.mean = mean
        self.ci95 = ci95
        self.n = n
        self.values = values
        self.degreesOfFreedom = degreesOfFreedom
        self.lower = lower
        self.upper = upper
    }

    /// The estimate with every figure multiplied by `factor` (> 0: a change of unit or of period).
    public func scaled(by factor: Double) -> Estimate {
        precondition(factor > 0)
        return Estimate(
            mean: mean.map { $0 * factor }, ci95: ci95.map { $0 * factor }, n: n,
            values: values.map { $0.map { $0 * factor } }, degreesOfFreedom: degreesOfFreedom,
            lower: lower * factor, upper: upper * factor)
    }
}

/// One KPI's figures of many replications as running sums: what a ratio of sums and its
/// delta-method interval need (`Spread`), in memory that does not grow with the replications. The
/// squares are co-moments about the running means (Welford), which keeps them accurate however many
/// replications are added.
public struct RatioSums: Sendable {
    /// Replications added, and those that measured something (whole > 0).
    public private(set) var count = 0
    public private(set) var measured = 0
    /// Σ part and Σ whole.
    public private(set) var parts = 0.0
    public private(set) var wholes = 0.0
    private var meanPart = 0.0, meanWhole = 0.0
    /// Σ (part − mean part)², Σ (whole − mean whole)² and Σ (part − mean part)(whole − mean whole).
    private(set) var partSquares = 0.0, wholeSquares = 0.0, crossProducts = 0.0

    public init() {}

    /// Adds one replication's figure.
    public mutating func add(_ ratio: Ratio) {
        count += 1
        if ratio.whole > 0 { measured += 1 }
        parts += ratio.part
        wholes += ratio.whole
        let n = Double(count)
        let partStep = ratio.part - meanPart, wholeStep = ratio.whole - meanWhole
        meanPart += partStep / n
        meanWhole += wholeStep / n
        partSquares += partStep * (ratio.part - meanPart)
        wholeSquares += wholeStep * (ratio.whole - meanWhole)
        crossProducts += partStep * (ratio.whole - meanWhole)
    }
}

/// The ratio of sums over replications and its delta-method standard error: with R = Σ part / Σ
/// whole over all N replications, se = √(Σ (partᵢ − R·wholeᵢ)² / (N − 1) · N) / Σ whole, the
/// replications being the independent units (for counts, whole = 1: the usual s/√N).
struct Spread {
    let mean: Double?
    let standardError: Double?
    let measured: Int
    let degreesOfFreedom: Int

    init(_ ratios: [Ratio]) {
        measured = ratios.reduce(0) { $0 + ($1.whole > 0 ? 1 : 0) }
        degreesOfFreedom = max(ratios.count - 1, 0)
        let wholes = ratios.reduce(0) { $0 + $1.whole }
        guard wholes > 0 else { mean = nil; standardError = nil; return }
        let ratio = ratios.reduce(0) { $0 + $1.part } / wholes
        mean = ratio
        guard measured > 1 else { standardError = nil; return }
        let squares = ratios.reduce(0) { sum, figure in
            let residual = figure.part - ratio * figure.whole
            return sum + residual * residual
        }
        let count = Double(ratios.count)
        standardError = (squares / (count - 1) * count).squareRoot() / wholes
    }

    /// The same from running sums: Σ (partᵢ − R·wholeᵢ)² is the sums' co-moments combined (R is
    /// the ratio of the means, so the means' own residual is 0).
    init(_ sums: RatioSums) {
        measured = sums.measured
        degreesOfFreedom = max(sums.count - 1, 0)
        guard sums.wholes > 0 else { mean = nil; standardError = nil; return }
        let ratio = sums.parts / sums.wholes
        mean = ratio
        guard measured > 1 else { standardError = nil; return }
        let squares = max(0, sums.partSquares - 2 * ratio * sums.crossProducts + ratio * ratio * sums.wholeSquares)
        let count = Double(sums.count)
        standardError = (squares / (count - 1) * count).squareRoot() / sums.wholes
    }

    /// The half-width of the two-sided 95 % interval.
    var halfWidth95: Double? {
        standardError.map { StudentT.quantile975(degreesOfFreedom: degreesOfFreedom) * $0 }
    }

    /// `bounds` widened to hold `exact` too (exact bounds of the events behind the figure), or
    /// `exact` alone where the replications agree exactly; none with no interval at all.
    func widened(_ bounds: (lower: Double, upper: Double), to exact: (lower: Double, upper: Double)) -> (lower: Double, upper: Double) {
        guard let standardError else { return bounds }
        guard standardError > 0 else { return exact }
        return (min(bounds.lower, exact.lower), max(bounds.upper, exact.upper))
    }

    /// The one-sided bounds at `confidence`: infinite with no interval or none of any width (every
    /// replication alike: never certainty).
    func bounds(_ confidence: Confidence) -> (lower: Double, upper: Double) {
        guard let mean, let standardError, standardError > 0 else { return (-.infinity, .infinity) }
        let t = StudentT.oneSided(confidence, degreesOfFreedom: degreesOfFreedom) * standardError
        return (mean - t, mean + t)
    }
}

/// Student's t distribution, from GSL.
public enum StudentT {
    /// The 0.975-quantile (the 95 % two-sided factor), looked up for up to 1,000 degrees of freedom:
    /// every estimate needs one, and sizing makes hundreds of thousands.
    public static func quantile975(degreesOfFreedom: Int) -> Double {
        degreesOfFreedom < quantiles975.count
            ? quantiles975[degreesOfFreedom] : quantile(0.975, degreesOfFreedom: degreesOfFreedom)
    }

    private static let quantiles975 = [Double.nan] + (1..<1_000).map { quantile(0.975, degreesOfFreedom: $0) }

    /// The 0.95-quantile (the one-sided 95 % factor), looked up the same way.
    public static func quantile95(degreesOfFreedom: Int) -> Double {
        degreesOfFreedom < quantiles95.count
            ? quantiles95[degreesOfFreedom] : quantile(0.95, degreesOfFreedom: degreesOfFreedom)
    }

    private static let quantiles95 = [Double.nan] + (1..<1_000).map { quantile(0.95, degreesOfFreedom: $0) }

    /// The one-sided factor at `confidence` (the 1 − α quantile), looked up for up to 1,000 degrees
    /// of freedom in a table made the first time a number of looks is asked for.
    public static func oneSided(_ confidence: Confidence, degreesOfFreedom: Int) -> Double {
        if confidence.looks == 1 { return quantile95(degreesOfFreedom: degreesOfFreedom) }
        guard degreesOfFreedom < 1_000 else { return quantile(1 - confidence.alpha, degreesOfFreedom: degreesOfFreedom) }
        return tables.withLock { tables in
            if tables[confidence.looks] == nil {
                tables[confidence.looks] = [Double.nan] + (1..<1_000).map { quantile(1 - confidence.alpha, degreesOfFreedom: $0) }
            }
            return tables[confidence.looks]![degreesOfFreedom]
        }
    }

    private static let tables = LockedTables()

    /// The `p`-quantile of Student's t with the given degrees of freedom (≥ 1).
    public static func quantile(_ p: Double, degreesOfFreedom: Int) -> Double {
        precondition(degreesOfFreedom >= 1 && p > 0 && p < 1)
        GSL.setUp()
        let q = gsl_cdf_tdist_Pinv(p, Double(degreesOfFreedom))
        precondition(q.isFinite, "GSL returned \(q) for a t quantile")
        return q
    }
}

/// The one-sided t tables by number of looks, shared by every thread behind a lock.
private final class LockedTables: @unchecked Sendable {
    // Safe to share: `tables` is read and written only while `lock` is held.
    private let lock = NSLock()
    private var tables: [Int: [Double]] = [:]

    func withLock<T>(_ body: (inout [Int: [Double]]) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&tables)
    }
}
