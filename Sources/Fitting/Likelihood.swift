import CGSL
import Foundation

/// The log-likelihood of one family on one sample, as a function of the unconstrained parameters θ
/// (see `Family`): log-densities of the observed values plus log-survivals of the censored ones.
struct Likelihood {
    let family: Family
    let sample: Sample

    private static let logRootTwoPi = 0.5 * log(2 * Double.pi)

    func value(_ theta: [Double]) -> Double {
        let s = sample, events = Double(s.events)
        switch family {
        case .exponential:
            return -events * theta[0] - s.total * exp(-theta[0])
        case .gamma:
            let shape = exp(theta[0]), scale = exp(theta[1])
            var sum = -events * (gsl_sf_lngamma(shape) + shape * theta[1])
            for (x, logX) in zip(s.observed, s.logObserved) { sum += (shape - 1) * logX - x / scale }
            for x in s.censored { sum += log(gsl_sf_gamma_inc_Q(shape, x / scale)) }
            return sum
        case .lognormal:
            let mu = theta[0], sigma = exp(theta[1])
            var sum = -events * (theta[1] + Self.logRootTwoPi)
            for logX in s.logObserved {
                let z = (logX - mu) / sigma
                sum -= logX + z * z / 2
            }
            for logX in s.logCensored { sum += gsl_sf_log_erfc((logX - mu) / sigma / 2.0.squareRoot()) - M_LN2 }
            return sum
        case .weibull:
            let shape = exp(theta[0]), logScale = theta[1]
            var sum = events * (theta[0] - logScale)
            for logX in s.logObserved { sum += (shape - 1) * (logX - logScale) - exp(shape * (logX - logScale)) }
            for logX in s.logCensored { sum -= exp(shape * (logX - logScale)) }
            return sum
        }
    }

    /// ∂ log-likelihood / ∂θ: analytic for the lognormal (through GSL's normal hazard φ/Q, exact far
    /// in the tail), by central differences for the others.
    func gradient(_ theta: [Double]) -> [Double] {
        guard family == .lognormal else { return centralGradient(of: value, at: theta) }
        let mu = theta[0], sigma = exp(theta[1])
        var dMu = 0.0, dLogSigma = -Double(sample.events)
        for logX in sample.logObserved {
            let z = (logX - mu) / sigma
            dMu += z
            dLogSigma += z * z
        }
        for logX in sample.logCensored {
            let z = (logX - mu) / sigma, hazard = gsl_sf_hazard(z)
            dMu += hazard
            dLogSigma += hazard * z
        }
        return [dMu / sigma, dLogSigma]
    }

    /// The matrix of second derivatives at θ, by central differences of the value (step 10⁻⁴ on the
    /// unconstrained scale: truncation and rounding errors near 10⁻⁸ relative).
    func hessian(_ theta: [Double]) -> [[Double]] {
        let h = 1e-4, n = theta.count, centre = value(theta)
        func at(_ steps: [(Int, Double)]) -> Double {
            var point = theta
            for (i, step) in steps { point[i] += step }
            return value(point)
        }
        var matrix = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        for i in 0..<n {
            matrix[i][i] = (at([(i, h)]) - 2 * centre + at([(i, -h)])) / (h * h)
            for j in 0..<i {
                let mixed = at([(i, h), (j, h)]) - at([(i, h), (j, -h)]) - at([(i, -h), (j, h)]) + at([(i, -h), (j, -h)])
                matrix[i][j] = mixed / (4 * h * h)
                matrix[j][i] = matrix[i][j]
            }
        }
        return matrix
    }
}

/// ∇f at θ by central differences, with steps of 10⁻⁶ (θ is on an unconstrained, log-like scale).
func centralGradient(of f: ([Double]) -> Double, at theta: [Double]) -> [Double] {
    let h = 1e-6
    return theta.indices.map { i in
        var up = theta, down = theta
        up[i] += h
        down[i] -= h
        return (f(up) - f(down)) / (2 * h)
    }
}
