/// Maximum-likelihood fits to right-censored samples, such as callers' patience: an abandoner's
/// wait is their patience, an answered caller's wait a lower bound on it.
public enum CensoredFit {
    /// MLE with right censoring: `observed` are exact values (e.g. abandoners' waits = their
    /// patience), `censored` are lower bounds (answered callers' waits: patience ≥ wait). Censored
    /// values of 0 carry no information but are allowed (and counted in `sampleSize`).
    ///
    /// Nil if the family cannot be fitted: a value that is not finite or is negative, an observed
    /// value of 0 for gamma/lognormal/weibull, fewer observed values than the family has parameters,
    /// or no maximum (e.g. all observed values equal and nothing censored above them).
    public static func fit(observed: [Double], censored: [Double], family: Family) -> FittedDistribution? {
        guard observed.count >= family.parameterCount, (observed + censored).allSatisfy({ $0.isFinite && $0 >= 0 }),
            family == .exponential || observed.allSatisfy({ $0 > 0 })
        else { return nil }
        let data = Sample(observed: observed, censored: censored)
        guard let theta = estimate(family, on: data) else { return nil }
        return FittedDistribution(Likelihood(family: family, sample: data), at: theta)
    }

    /// Each of `families` fitted; the best by AIC first. Families that cannot be fitted are left out.
    public static func ranked(
        observed: [Double], censored: [Double], among families: [Family] = [.weibull, .lognormal, .exponential]
    ) -> [FittedDistribution] {
        families.compactMap { fit(observed: observed, censored: censored, family: $0) }.sorted { $0.aic < $1.aic }
    }
}
