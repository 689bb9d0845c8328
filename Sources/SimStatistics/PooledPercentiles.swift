import Foundation

/// Percentiles of one scope's observations (waits, delays to 112) pooled over the replications,
/// with intervals that keep their coverage when replications hold few observations
/// (docs/model.md, "Estimators").
///
/// The percentile is read from all observations pooled. Its interval is found on the distribution
/// function, where sections' figures are unbiased however small they are: the replications are
/// split, in order, into k = min(10, n) sections, and the share of observations beyond each value
/// gets an interval from the sections (the independent units), widened where few observations lie
/// beyond it (`bounds`). The percentile's bounds are the values where those intervals cross
/// 1 − level. (Section percentiles themselves read low when a section holds few observations, and
/// their spread is skewed: an interval from them covers the truth far less often than it says.)
public struct PooledPercentiles: Sendable {
    /// A percentile is `nil` when all replications together hold fewer observations than this.
    public static let minimumObservations: UInt64 = 20

    let pooled: WaitHistogram
    /// The k = min(10, n) sections, each pooled, in replication order.
    let sections: [WaitHistogram]
    /// Replications that held at least one observation.
    let measured: Int

    /// From each replication's observations, in replication order.
    public init(_ replications: [CompactHistogram]) {
        var pooled = WaitHistogram()
        for histogram in replications { pooled.merge(histogram) }
        self.pooled = pooled
        let n = replications.count, k = min(10, n)
        sections = (0..<k).map { section in
            var histogram = WaitHistogram()
            for part in replications[(section * n / k)..<((section + 1) * n / k)] { histogram.merge(part) }
            return histogram
        }
        measured = replications.filter { $0.count > 0 }.count
    }

    /// From sections already pooled (at most 10, each from a like share of the replications, the
    /// independent units) and the number of replications that held an observation.
    public init(sections: [CompactHistogram], measured: Int) {
        precondition(sections.count <= 10)
        self.sections = sections.map { section in
            var histogram = WaitHistogram()
            histogram.merge(section)
            return histogram
        }
        var pooled = WaitHistogram()
        for section in sections { pooled.merge(section) }
        self.pooled = pooled
        self.measured = measured
    }

    /// The `level`-percentile of all observations, its 95 % half-width and its one-sided bounds at
    /// `confidence`; `nil` with fewer than `minimumObservations` in all. Its `values` are the
    /// sections' percentiles.
    public func estimate(_ level: Double, confidence: Confidence) -> Estimate {
        estimates([level], confidence: confidence)[0]
    }

    /// `estimate` for each of `levels`, the observations walked once; with `bounded` false, only
    /// the percentiles and the sections' (no interval, no bounds: for figures nothing judges).
    public func estimates(_ levels: [Double], confidence: Confidence, bounded: Bool = true) -> [Estimate] {
        let cumulative = bounded && pooled.count >= Self.minimumObservations ? Cumulative(self) : nil
        return levels.map { level in
            let figures = sections.map { $0.quantile(level) }
            let k = sections.count
            guard pooled.count >= Self.minimumObservations, let mean = pooled.quantile(level) else {
                return Estimate(
                    mean: nil, ci95: nil, n: measured, values: figures, degreesOfFreedom: max(k - 1, 0),
                    lower: -.infinity, upper: .infinity)
            }
            guard let cumulative else {
                return Estimate(
                    mean: mean, ci95: nil, n: measured, values: figures, degreesOfFreedom: max(k - 1, 0),
                    lower: -.infinity, upper: .infinity)
            }
            let designEffect = cumulative.designEffect(level)
            let at95 = cumulative.bounds(
                level, designEffect: designEffect, alpha: 0.025,
                t: k > 1 ? StudentT.quantile975(degreesOfFreedom: k - 1) : .infinity)
            let decided = confidence.alpha == 0.025 ? at95 : cumulative.bounds(
                level, designEffect: designEffect, alpha: confidence.alpha,
                t: k > 1 ? StudentT.oneSided(confidence, degreesOfFreedom: k - 1) : .infinity)
            let ci95 = at95.upper.isFinite ? max(at95.upper - mean, mean - at95.lower) : nil
            return Estimate(
                mean: mean, ci95: ci95, n: measured, values: figures, degreesOfFreedom: max(k - 1, 0),
                lower: decided.lower, upper: decided.upper)
        }
    }
}

/// The observations of `PooledPercentiles` at each value they are reported as, pooled and by
/// section: what its bounds are read from.
struct Cumulative {
    /// The values observations are reported as, ascending: 0, then each non-empty bucket's midpoint.
    let values: [Double]
    /// Observations at or below each of `values`: pooled, and by section (`position × k + section`).
    let pooledBelow: [Double]
    let sectionBelow: [Double]
    /// Observations in each section.
    let sizes: [Double]

    init(_ percentiles: PooledPercentiles) {
        let pooled = percentiles.pooled, sections = percentiles.sections, k = sections.count
        var values = [0.0], pooledBelow = [Double(pooled.belowSmallest)]
        var running = sections.map { Double($0.belowSmallest) }
        var sectionBelow = running
        for (index, count) in pooled.buckets {
            values.append(WaitHistogram.midpoint(ofBucket: index))
            pooledBelow.append(pooledBelow[pooledBelow.count - 1] + Double(count))
            for section in 0..<k { running[section] += Double(sections[section].count(ofBucket: index)) }
            sectionBelow += running
        }
        self.values = values
        self.pooledBelow = pooledBelow
        self.sectionBelow = sectionBelow
        sizes = sections.map { Double($0.count) }
    }

    /// The standard error of the share of observations above `values[position]`, from the
    /// sections' counts (a ratio of sums, the sections being the independent units); infinite
    /// with one section.
    func spread(at position: Int) -> Double {
        let k = sizes.count
        guard k > 1 else { return .infinity }
        let total = pooledBelow[pooledBelow.count - 1]
        let share = pooledBelow[position] / total
        var squares = 0.0
        for section in 0..<k {
            let residual = sectionBelow[position * k + section] - share * sizes[section]
            squares += residual * residual
        }
        return (squares * Double(k) / Double(k - 1)).squareRoot() / total
    }

    /// How much wider than binomial the sections spread at a more frequent level than `level`,
    /// 1 − 4(1 − level) (at least the median): rare clumps of exceedances a sample missed do not
    /// make the spread at `level` look small there (at least 1).
    func designEffect(_ level: Double) -> Double {
        let total = pooledBelow[pooledBelow.count - 1]
        let reference = max(0.5, 1 - 4 * (1 - level))
        guard let position = pooledBelow.firstIndex(where: { $0 >= reference * total }) else { return 1 }
        let above = 1 - pooledBelow[position] / total
        guard above > 0 && above < 1 else { return 1 }
        let se = spread(at: position)
        return max(1, se * se * total / (above * (1 - above)))
    }

    /// The one-sided bounds of the `level`-percentile, each holding with confidence 1 − `alpha`
    /// (`t`: Student's one-sided factor at `alpha` for the sections' degrees of freedom).
    ///
    /// At each of `values` x, E(x) is the share of observations above x. Its bounds are the widest
    /// of: a delta-method interval on the log scale (E's spread is skewed when few observations
    /// lie beyond x: exceedances come in clumps, from long busy spells), its standard error from
    /// the sections but never below the binomial one times `designEffect`; and Clopper–Pearson's
    /// exact bounds on all observations. The percentile's upper bound is the first x at or above
    /// the estimate whose E's upper bound is at most 1 − level; its lower bound the lowest x of the
    /// run below the estimate whose E's lower bound is.
    func bounds(_ level: Double, designEffect: Double, alpha: Double, t: Double) -> (lower: Double, upper: Double) {
        let total = pooledBelow[pooledBelow.count - 1], trials = UInt64(total)
        let beyond = 1 - level
        let enoughBelow = Double(ExactBounds.countForUpperQuantileBound(trials: trials, level: level, alpha: alpha))
        let possiblyBelow = Double(ExactBounds.countForLowerQuantileBound(trials: trials, level: level, alpha: alpha))
        func standardError(_ position: Int) -> Double {
            let share = pooledBelow[position] / total
            return max(spread(at: position), (designEffect * share * (1 - share) / total).squareRoot())
        }
        let estimate = pooledBelow.firstIndex { $0 >= max(1, (level * total).rounded(.up)) } ?? values.count - 1
        var upper = Double.infinity
        for position in estimate..<values.count {
            let above = 1 - pooledBelow[position] / total
            let highest = above > 0 ? above * Foundation.exp(t * standardError(position) / above) : 0
            if highest <= beyond && pooledBelow[position] >= enoughBelow {
                upper = values[position]
                break
            }
        }
        var lower = values[estimate]
        for position in stride(from: estimate - 1, through: 0, by: -1) {
            let above = 1 - pooledBelow[position] / total
            guard above - t * standardError(position) <= beyond || pooledBelow[position] >= possiblyBelow else { break }
            lower = values[position]
        }
        return (lower, upper)
    }
}
