/// Maximum-likelihood fits to complete samples (every value observed exactly).
public enum CompleteFit {
    /// MLE of one family on a complete sample of positive values (nil if the family cannot be
    /// fitted: fewer than 2 values, a value that is not finite, a negative one, any value ≤ 0 for
    /// gamma/lognormal/weibull, or all equal). With a goodness of fit.
    public static func fit(_ sample: [Double], family: Family) -> FittedDistribution? {
        guard sample.count >= 2, sample.allSatisfy({ $0.isFinite && $0 >= 0 }),
            family == .exponential || sample.allSatisfy({ $0 > 0 }),
            sample.contains(where: { $0 != sample[0] })
        else { return nil }
        let data = Sample(observed: sample, censored: [])
        guard let theta = estimate(family, on: data) else { return nil }
        return FittedDistribution(Likelihood(family: family, sample: data), at: theta, goodnessOf: sample.sorted())
    }

    /// Each of `families` fitted; the best by AIC first. Families that cannot be fitted are left out.
    public static func ranked(
        _ sample: [Double], among families: [Family] = [.lognormal, .gamma, .exponential]
    ) -> [FittedDistribution] {
        families.compactMap { fit(sample, family: $0) }.sorted { $0.aic < $1.aic }
    }
}
