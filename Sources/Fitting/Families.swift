import CGSL
import SimStatistics
import Foundation

/// A family of distributions of positive durations that the fits know.
///
/// Internally each family is worked on unconstrained parameters θ, so that optimisers and delta-method
/// intervals never leave the family: exponential (log mean); gamma (log shape, log scale); lognormal
/// (μ, log σ) of the logarithm; Weibull (log shape, log scale).
public enum Family: String, Sendable, CaseIterable {
    case exponential, gamma, lognormal, weibull

    /// How many parameters a fit estimates.
    var parameterCount: Int { self == .exponential ? 1 : 2 }

    /// The parameters as the scenario file writes them, and the mean, at θ.
    func written(_ theta: [Double]) -> (first: Double, second: Double, mean: Double) {
        switch self {
        case .exponential:
            return (exp(theta[0]), 0, exp(theta[0]))
        case .gamma:
            let shape = exp(theta[0]), scale = exp(theta[1])
            return (shape * scale, shape.squareRoot() * scale, shape * scale)
        case .lognormal:
            let sigma = exp(theta[1]), mean = exp(theta[0] + sigma * sigma / 2)
            return (mean, mean * expm1(sigma * sigma).squareRoot(), mean)
        case .weibull:
            let shape = exp(theta[0]), scale = exp(theta[1])
            return (shape, scale, scale * gsl_sf_gamma(1 + 1 / shape))
        }
    }

    /// P(X ≤ x) at θ.
    func cdf(_ x: Double, _ theta: [Double]) -> Double {
        switch self {
        case .exponential: return gsl_cdf_exponential_P(x, exp(theta[0]))
        case .gamma: return gsl_cdf_gamma_P(x, exp(theta[0]), exp(theta[1]))
        case .lognormal: return gsl_cdf_lognormal_P(x, theta[0], exp(theta[1]))
        case .weibull: return gsl_cdf_weibull_P(x, exp(theta[1]), exp(theta[0]))
        }
    }

    /// P(X > x) at θ, accurate far in the tail.
    func survival(_ x: Double, _ theta: [Double]) -> Double {
        switch self {
        case .exponential: return gsl_cdf_exponential_Q(x, exp(theta[0]))
        case .gamma: return gsl_cdf_gamma_Q(x, exp(theta[0]), exp(theta[1]))
        case .lognormal: return gsl_cdf_lognormal_Q(x, theta[0], exp(theta[1]))
        case .weibull: return gsl_cdf_weibull_Q(x, exp(theta[1]), exp(theta[0]))
        }
    }

    /// The x with P(X ≤ x) = p at θ.
    func quantile(_ p: Double, _ theta: [Double]) -> Double {
        switch self {
        case .exponential: return gsl_cdf_exponential_Pinv(p, exp(theta[0]))
        // Gamma(k, θ) is θ/2 · χ²(2k): through `Quantiles`, as GSL's gamma inversion fails for some shapes.
        case .gamma: return Quantiles.chiSquare(p, freedom: 2 * exp(theta[0])) * exp(theta[1]) / 2
        case .lognormal: return gsl_cdf_lognormal_Pinv(p, theta[0], exp(theta[1]))
        case .weibull: return gsl_cdf_weibull_Pinv(p, exp(theta[1]), exp(theta[0]))
        }
    }
}
