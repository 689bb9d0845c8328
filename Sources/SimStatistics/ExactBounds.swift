import CGSL
import SimEngine

/// Exact one-sided confidence bounds for counts of events, which hold however few events there are
/// (an interval from the spread of replications says "0 ± 0" when no event happened).
public enum ExactBounds {
    /// The Clopper–Pearson bounds of a binomial share with `events` of `trials`: each side holds
    /// with probability at least 1 − `alpha`.
    public static func share(events: Double, trials: Double, alpha: Double) -> (lower: Double, upper: Double) {
        precondition(trials > 0 && events >= 0 && events <= trials && alpha > 0 && alpha < 1)
        GSL.setUp()
        let lower = events > 0 ? Quantiles.beta(alpha, events, trials - events + 1) : 0
        let upper = events < trials ? Quantiles.beta(alpha, events + 1, trials - events, upper: true) : 1
        return (lower, upper)
    }

    /// The Clopper–Pearson bounds of the share, or `nil` when they surely lie within `bounds`, which
    /// spares the incomplete beta function's inversion where many events make it moot: with at
    /// least 5 events and 5 non-events, Wilson's score bounds with continuity correction (closed
    /// form; Clopper–Pearson's distance from the share exceeds theirs by far less than a quarter)
    /// lie within `bounds` with a quarter to spare.
    public static func share(
        events: Double, trials: Double, alpha: Double, unlessWithin bounds: (lower: Double, upper: Double)
    ) -> (lower: Double, upper: Double)? {
        precondition(trials > 0 && events >= 0 && events <= trials && alpha > 0 && alpha < 1)
        let share = events / trials
        if events >= 5 && trials - events >= 5 && bounds.lower.isFinite && bounds.upper.isFinite {
            let wilson = wilsonBounds(events: events, trials: trials, alpha: alpha)
            if share - bounds.lower >= 1.25 * (share - wilson.lower) && bounds.upper - share >= 1.25 * (wilson.upper - share) {
                return nil
            }
        }
        return self.share(events: events, trials: trials, alpha: alpha)
    }

    /// Wilson's score bounds with continuity correction (Newcombe, 1998), each side at `alpha`.
    static func wilsonBounds(events: Double, trials n: Double, alpha: Double) -> (lower: Double, upper: Double) {
        GSL.setUp()
        let z = gsl_cdf_ugaussian_Qinv(alpha), p = events / n, z2 = z * z
        let lower = (2 * n * p + z2 - 1 - z * (z2 - 2 - 1 / n + 4 * p * (n * (1 - p) + 1)).squareRoot()) / (2 * (n + z2))
        let upper = (2 * n * p + z2 + 1 + z * (z2 + 2 - 1 / n + 4 * p * (n * (1 - p) - 1)).squareRoot()) / (2 * (n + z2))
        return (max(0, lower), min(1, upper))
    }

    /// The exact bounds of a Poisson mean from `events` observed: each side holds with probability
    /// at least 1 − `alpha` (about 3 at 95 % when none was seen).
    public static func poisson(events: Double, alpha: Double) -> (lower: Double, upper: Double) {
        precondition(events >= 0 && alpha > 0 && alpha < 1)
        GSL.setUp()
        let lower = events > 0 ? Quantiles.chiSquare(alpha, freedom: 2 * events) / 2 : 0
        return (lower, Quantiles.chiSquare(alpha, freedom: 2 * events + 2, upper: true) / 2)
    }

    /// The fewest of `trials` observations at or below a value for the `level`-quantile to lie at or
    /// below it with confidence 1 − `alpha` (order statistics): the smallest c with
    /// P(Binomial(trials, level) ≥ c) ≤ alpha; `trials + 1` when no count is enough.
    public static func countForUpperQuantileBound(trials: UInt64, level: Double, alpha: Double) -> UInt64 {
        GSL.setUp()
        let n = Double(trials), sd = (n * level * (1 - level)).squareRoot()
        // P(X ≥ c) = Q(c − 1), decreasing in c.
        return firstCount(trials: trials, guess: n * level + gsl_cdf_ugaussian_Qinv(alpha) * sd + 0.5) { c in
            c > 0 && gsl_cdf_binomial_Q(UInt32(c - 1), level, UInt32(trials)) <= alpha
        }
    }

    /// The fewest of `trials` observations at or below a value for the `level`-quantile to stand
    /// possibly at or below it, at confidence 1 − `alpha`: the smallest c with
    /// P(Binomial(trials, level) ≤ c) > alpha. Below it the quantile lies above the value.
    public static func countForLowerQuantileBound(trials: UInt64, level: Double, alpha: Double) -> UInt64 {
        GSL.setUp()
        let n = Double(trials), sd = (n * level * (1 - level)).squareRoot()
        return firstCount(trials: trials, guess: n * level - gsl_cdf_ugaussian_Qinv(alpha) * sd - 0.5) { c in
            gsl_cdf_binomial_P(UInt32(c), level, UInt32(trials)) > alpha
        }
    }

    /// The smallest c in 0…trials at which `holds` (monotone: false, then true), else trials + 1:
    /// searched from `guess` (the normal approximation), in steps that double, then halved.
    private static func firstCount(trials: UInt64, guess: Double, _ holds: (UInt64) -> Bool) -> UInt64 {
        precondition(trials < UInt64(UInt32.max), "a binomial count beyond GSL's range")
        let start = UInt64(min(max(guess.rounded(), 0), Double(trials)))
        // Bracket: `low` fails (or is −1), `high` holds (or is trials + 1).
        var low: Int64, high: Int64, step: Int64 = 1
        if holds(start) {
            high = Int64(start)
            low = high - 1
            while low >= 0 && holds(UInt64(low)) {
                high = low
                step *= 2
                low = max(high - step, -1)
            }
        } else {
            low = Int64(start)
            high = low + 1
            while high <= Int64(trials) && !holds(UInt64(high)) {
                low = high
                step *= 2
                high = min(low + step, Int64(trials) + 1)
            }
        }
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if holds(UInt64(middle)) { high = middle } else { low = middle }
        }
        return UInt64(high)
    }
}
