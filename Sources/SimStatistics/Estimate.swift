import CGSL
import SimEngine

/// A KPI's estimate over independent replications: the mean of the replications that measured it,
/// the half-width of its 95 % confidence interval, and how many replications measured it.
public struct Estimate: Sendable, Equatable {
    /// The mean over the replications that measured the KPI (for a percentile: the percentile of
    /// all replications' observations pooled); `nil` when none did.
    public let mean: Double?
    /// The half-width of the 95 % confidence interval (Student t with `degreesOfFreedom`);
    /// `nil` with fewer than two figures.
    public let ci95: Double?
    /// The number of replications that measured the KPI.
    public let n: Int
    /// Each replication's figure, in replication order (`nil` where it measured nothing); for a
    /// percentile, each section's figure.
    public let values: [Double?]
    /// The degrees of freedom of `ci95`'s t factor: n − 1, or k − 1 for a percentile of k sections.
    public let degreesOfFreedom: Int

    /// The estimate from each replication's figure (`nil` where a replication measured nothing).
    public init(values: [Double?]) {
        self.values = values
        let measured = values.compactMap { $0 }
        n = measured.count
        degreesOfFreedom = max(n - 1, 0)
        guard n > 0 else { mean = nil; ci95 = nil; return }
        let mean = measured.reduce(0, +) / Double(n)
        self.mean = mean
        guard n > 1 else { ci95 = nil; return }
        let variance = measured.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        ci95 = StudentT.quantile975(degreesOfFreedom: n - 1) * (variance / Double(n)).squareRoot()
    }

    /// A percentile estimated by sectioning: `pooled`, the percentile of all replications'
    /// observations together, with the half-width t₀.₉₇₅,k−1 · s/√k of the k section figures
    /// around it (s² = Σ (figure − pooled)² / (k − 1)); `measured` replications held observations.
    public init(pooled: Double?, sections: [Double?], measured: Int) {
        values = sections
        n = measured
        mean = pooled
        let figures = sections.compactMap { $0 }
        degreesOfFreedom = max(figures.count - 1, 0)
        guard let pooled, figures.count > 1 else { ci95 = nil; return }
        let k = Double(figures.count)
        let variance = figures.reduce(0) { $0 + ($1 - pooled) * ($1 - pooled) } / (k - 1)
        ci95 = StudentT.quantile975(degreesOfFreedom: figures.count - 1) * (variance / k).squareRoot()
    }

    private init(mean: Double?, ci95: Double?, n: Int, values: [Double?], degreesOfFreedom: Int) {
        self.mean = mean
        self.ci95 = ci95
        self.n = n
        self.values = values
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// The estimate with every figure multiplied by `factor` (a change of unit or of period).
    public func scaled(by factor: Double) -> Estimate {
        Estimate(
            mean: mean.map { $0 * factor }, ci95: ci95.map { $0 * abs(factor) }, n: n,
            values: values.map { $0.map { $0 * factor } }, degreesOfFreedom: degreesOfFreedom)
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

    /// The `p`-quantile of Student's t with the given degrees of freedom (≥ 1).
    public static func quantile(_ p: Double, degreesOfFreedom: Int) -> Double {
        precondition(degreesOfFreedom >= 1 && p > 0 && p < 1)
        GSL.setUp()
        let q = gsl_cdf_tdist_Pinv(p, Double(degreesOfFreedom))
        precondition(q.isFinite, "GSL returned \(q) for a t quantile")
        return q
    }
}
