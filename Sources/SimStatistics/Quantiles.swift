import CGSL
import SimEngine

/// Quantiles of the beta and chi-square distributions that hold where GSL 2.7's own inversions do
/// not: `gsl_cdf_beta_Pinv`/`Qinv` return NaN for some counts (2 events of 260 trials is the first
/// pair of many), and `gsl_cdf_chisq_Pinv` NaN, `Qinv` a wrong value, for many degrees of freedom
/// above about 2,300. GSL's answer is kept when its own cdf confirms it (to a relative 10⁻⁸);
/// otherwise the quantile is found by bisecting GSL's cdf, which is reliable.
public enum Quantiles {
    /// The x with P(X ≤ x) = `p` (`upper` false) or P(X > x) = `p` (`upper` true), X ~ Beta(a, b).
    public static func beta(_ p: Double, _ a: Double, _ b: Double, upper: Bool = false) -> Double {
        GSL.setUp()
        let tail = { (x: Double) in upper ? gsl_cdf_beta_Q(x, a, b) : gsl_cdf_beta_P(x, a, b) }
        let direct = upper ? gsl_cdf_beta_Qinv(p, a, b) : gsl_cdf_beta_Pinv(p, a, b)
        if direct >= 0, direct <= 1, confirms(tail(direct), p) { return direct }
        return bisect(tail, p, decreasing: upper, low: 0, high: 1)
    }

    /// The x with P(X ≤ x) = `p` (`upper` false) or P(X > x) = `p` (`upper` true), X ~ χ²(freedom).
    public static func chiSquare(_ p: Double, freedom: Double, upper: Bool = false) -> Double {
        GSL.setUp()
        let tail = { (x: Double) in upper ? gsl_cdf_chisq_Q(x, freedom) : gsl_cdf_chisq_P(x, freedom) }
        let direct = upper ? gsl_cdf_chisq_Qinv(p, freedom) : gsl_cdf_chisq_Pinv(p, freedom)
        if direct.isFinite, direct >= 0, confirms(tail(direct), p) { return direct }
        var high = max(1, 2 * freedom)
        while (upper ? tail(high) > p : tail(high) < p), high < 1e300 { high *= 2 }
        return bisect(tail, p, decreasing: upper, low: 0, high: high)
    }

    static func confirms(_ value: Double, _ p: Double) -> Bool { abs(value - p) <= 1e-8 * p }

    /// The x in [low, high] where the monotone `f` crosses `p`, to the last bit of a double.
    static func bisect(_ f: (Double) -> Double, _ p: Double, decreasing: Bool, low: Double, high: Double) -> Double {
        var (low, high) = (low, high)
        for _ in 0..<200 {
            let middle = (low + high) / 2
            guard middle > low, middle < high else { break }
            if (f(middle) < p) != decreasing { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
