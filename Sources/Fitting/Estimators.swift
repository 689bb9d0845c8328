import CGSL
import Foundation

/// The maximum-likelihood θ of `family` on `sample` (see `Family` for θ); nil where there is none.
///
/// Exponential: the total time over the events. Weibull: the root of the profile score in the shape
/// (the scale maximised out), censored or not. Gamma and lognormal: closed form or a root in one
/// variable for complete samples; with censoring, GSL's BFGS from the complete-sample estimate of
/// all values, censored ones taken as if observed.
func estimate(_ family: Family, on sample: Sample) -> [Double]? {
    switch family {
    case .exponential:
        guard sample.events >= 1, sample.total > 0 else { return nil }
        return [log(sample.total / Double(sample.events))]
    case .weibull:
        return weibull(sample)
    case .gamma, .lognormal:
        let all = sample.observed + sample.censored, logs = sample.logObserved + sample.logCensored
        guard let start = family == .gamma ? gamma(all, logs) : lognormal(logs) else { return nil }
        return sample.isComplete ? start : maximum(of: Likelihood(family: family, sample: sample), from: start)
    }
}

/// Gamma's complete-sample θ: the shape k solves log k − ψ(k) = log(mean) − mean(log x), and the
/// scale is mean / k.
private func gamma(_ values: [Double], _ logs: [Double]) -> [Double]? {
    let n = Double(values.count), mean = values.reduce(0, +) / n
    let gap = log(mean) - logs.reduce(0, +) / n
    guard gap > 0 else { return nil }
    let guess = (3 - gap + ((gap - 3) * (gap - 3) + 24 * gap).squareRoot()) / (12 * gap)  // Minka's approximation
    guard let shape = rootOfDecreasing({ log($0) - gsl_sf_psi($0) - gap }, from: guess) else { return nil }
    return [log(shape), log(mean / shape)]
}

/// Lognormal's complete-sample θ: the mean and (divisor n) variance of the logs.
private func lognormal(_ logs: [Double]) -> [Double]? {
    let n = Double(logs.count), mu = logs.reduce(0, +) / n
    let variance = logs.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / n
    guard variance > 0 else { return nil }
    return [mu, log(variance) / 2]
}

/// Weibull's θ, censored or not. With d events, u = log x − max log x over all positive values and
/// wᵢ = e^(k·uᵢ), the profile score d/k + Σ_observed u − d·Σwu/Σw decreases in k; at its root the
/// scale is e^(max log x)·(Σw / d)^(1/k).
private func weibull(_ sample: Sample) -> [Double]? {
    let logs = sample.logObserved + sample.logCensored
    guard sample.events >= 1, let top = logs.max() else { return nil }
    let all = logs.map { $0 - top }
    let events = Double(sample.events), observedSum = sample.logObserved.reduce(0) { $0 + $1 - top }
    func weights(_ shape: Double) -> (sum: Double, weighted: Double) {
        var sum = 0.0, weighted = 0.0
        for u in all {
            let w = exp(shape * u)
            sum += w
            weighted += w * u
        }
        return (sum, weighted)
    }
    let score = { (shape: Double) -> Double in
        let w = weights(shape)
        return events / shape + observedSum - events * w.weighted / w.sum
    }
    guard let shape = rootOfDecreasing(score, from: 1) else { return nil }
    return [log(shape), top + log(weights(shape).sum / events) / shape]
}
