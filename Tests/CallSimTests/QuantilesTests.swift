import CGSL
import SimEngine
import SimStatistics
import Testing

/// `Quantiles` against SciPy 1.17 (`scipy.stats.beta.ppf`/`isf`, `chi2.ppf`/`isf`, values copied
/// here) exactly where GSL 2.7's own inversions fail: NaN from `gsl_cdf_beta_Pinv` for 2 events of
/// 260 and for shares near 1, NaN or a wrong value from the chi-square inversions above about
/// 2,300 degrees of freedom.
@Suite struct QuantilesTests {
    @Test func whereGSLFails() {
        GSL.setUp()
        #expect(gsl_cdf_beta_Pinv(0.025, 19_994, 7).isNaN, "GSL 2.7 fails here (if it no longer does, the test still checks ours)")
        let cases: [(ours: Double, scipy: Double)] = [
            (Quantiles.beta(0.025, 2, 259), 0.0009329355060647013),
            (Quantiles.beta(0.025, 3, 258, upper: true), 0.027509464774955895),
            (Quantiles.beta(0.025, 19_994, 7), 0.9993471415344145),
            (Quantiles.chiSquare(0.975, freedom: 2_320), 2455.3920280514003),
            (Quantiles.chiSquare(0.025, freedom: 3_472), 3310.577375498671),
            (Quantiles.chiSquare(0.025, freedom: 9_438, upper: true), 9709.168636223749),
        ]
        for (ours, scipy) in cases { #expect(abs(ours / scipy - 1) < 1e-9, "\(ours) vs SciPy \(scipy)") }
        // The Clopper–Pearson bounds built on them are finite and ordered.
        let bounds = ExactBounds.share(events: 19_994, trials: 20_000, alpha: 0.025)
        #expect(bounds.lower.isFinite && bounds.lower < 19_994.0 / 20_000 && bounds.upper <= 1)
    }
}
