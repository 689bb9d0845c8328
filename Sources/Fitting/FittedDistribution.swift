import CGSL
import Foundation
import SimEngine
import SimStatistics

/// One distribution fitted by maximum likelihood, with 95 % intervals from the observed
/// information (the numerical Hessian of the log-likelihood at the optimum) by the delta method,
/// taken on the log scale so that they stay positive; for a complete exponential sample the exact
/// chi-square interval instead.
public struct FittedDistribution: Sendable {
    public let family: Family
    /// exponential: (mean, 0); gamma, lognormal: (mean, sd); weibull: (shape, scale) — as the scenario file writes them.
    public let first: Double, second: Double
    /// The maximised log-likelihood (densities of observed values, survivals of censored ones).
    public let logLikelihood: Double
    /// Observations used (observed + censored).
    public let sampleSize: Int
    /// Uncensored observations (== sampleSize for complete samples).
    public let observedCount: Int
    /// The fitted mean.
    public let mean: Double
    /// 95 % interval for the mean.
    public let meanInterval: ClosedRange<Double>
    /// 95 % intervals for `first` and `second` (nil for the exponential, which has no second).
    public let firstInterval: ClosedRange<Double>, secondInterval: ClosedRange<Double>?
    /// How well the fit matches a complete sample; nil for censored ones.
    public let goodness: Goodness?
    /// The unconstrained parameters θ (see `Family`).
    let theta: [Double]

    /// The fit at `theta`, the maximum of `likelihood`; nil if the information matrix there is not
    /// positive definite (no proper maximum), or an interval is not finite (the maximum is too flat
    /// or too sharp for the numerical Hessian).
    init?(_ likelihood: Likelihood, at theta: [Double], goodnessOf sorted: [Double]? = nil) {
        let family = likelihood.family, sample = likelihood.sample
        guard let covariance = inverse(of: likelihood.hessian(theta).map { $0.map { -$0 } }) else { return nil }
        self.family = family
        self.theta = theta
        logLikelihood = likelihood.value(theta)
        sampleSize = sample.size
        observedCount = sample.events
        (first, second, mean) = family.written(theta)
        let z = gsl_cdf_ugaussian_Pinv(0.975)
        func interval(_ quantity: @escaping ([Double]) -> Double) -> ClosedRange<Double>? {
            let gradient = centralGradient(of: { log(quantity($0)) }, at: theta)
            var variance = 0.0
            for i in theta.indices { for j in theta.indices { variance += gradient[i] * covariance[i][j] * gradient[j] } }
            let centre = quantity(theta), spread = exp(z * variance.squareRoot())
            guard variance >= 0, spread.isFinite, centre.isFinite, centre > 0 else { return nil }
            return centre / spread...centre * spread
        }
        if family == .exponential && sample.isComplete {
            // 2·Σx / mean is chi-square with 2n degrees of freedom.
            let twice = 2 * sample.total, freedom = 2 * Double(sample.events)
            let high = Quantiles.chiSquare(0.975, freedom: freedom), low = Quantiles.chiSquare(0.025, freedom: freedom)
            guard low > 0, high > low else { return nil }
            meanInterval = twice / high...twice / low
        } else {
            guard let mean = interval({ family.written($0).mean }) else { return nil }
            meanInterval = mean
        }
        if family == .exponential {
            (firstInterval, secondInterval) = (meanInterval, nil)
        } else {
            guard let first = interval({ family.written($0).first }), let second = interval({ family.written($0).second }) else { return nil }
            (firstInterval, secondInterval) = (first, second)
        }
        goodness = sorted.map { Goodness(sorted: $0, cdf: { family.cdf($0, theta) }, survival: { family.survival($0, theta) }) }
    }

    /// 1 (exponential) or 2.
    public var parameterCount: Int { family.parameterCount }
    /// Akaike's information criterion, 2·parameters − 2·log-likelihood: smaller is better.
    public var aic: Double { 2 * Double(parameterCount) - 2 * logLikelihood }

    /// The fitted distribution as the simulator draws it.
    public var distribution: Distribution {
        switch family {
        case .exponential: return .exponential(mean: first)
        case .gamma: return .gamma(mean: first, sd: second)
        case .lognormal: return .lognormal(mean: first, sd: second)
        case .weibull: return .weibull(shape: first, scale: second)
        }
    }

    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double { family.cdf(x, theta) }
    /// P(X > x), accurate far in the tail.
    public func survival(_ x: Double) -> Double { family.survival(x, theta) }
    /// The x with P(X ≤ x) = p, for p in [0, 1).
    public func quantile(_ p: Double) -> Double { family.quantile(p, theta) }
}

/// The inverse of a symmetric positive definite 1×1 or 2×2 matrix; nil if it is not positive definite.
private func inverse(of m: [[Double]]) -> [[Double]]? {
    if m.count == 1 { return m[0][0] > 0 ? [[1 / m[0][0]]] : nil }
    let determinant = m[0][0] * m[1][1] - m[0][1] * m[1][0]
    guard m[0][0] > 0, determinant > 0 else { return nil }
    return [[m[1][1] / determinant, -m[0][1] / determinant], [-m[1][0] / determinant, m[0][0] / determinant]]
}
