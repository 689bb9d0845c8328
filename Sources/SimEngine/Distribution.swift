import Foundation

import CGSL

/// A distribution of durations (in seconds) or of other non-negative quantities, as a scenario
/// names it, ready to sample.
///
/// Parameters are checked by whoever builds one (the scenario reader); `init` only converts them to
/// GSL's parameterisation.
public enum Distribution: Sendable, Equatable {
    case constant(Double)
    case exponential(mean: Double)
    /// Stored as GSL's `zeta` and `sigma`, converted from the mean and standard deviation.
    case lognormal(mean: Double, sd: Double, zeta: Double, sigma: Double)
    /// Stored with GSL's shape and scale, converted from the mean and standard deviation.
    case gamma(mean: Double, sd: Double, shape: Double, scale: Double)
    case weibull(shape: Double, scale: Double)
    case uniform(min: Double, max: Double)
    case empirical([Double])

    /// A lognormal distribution with the given mean and standard deviation.
    public static func lognormal(mean: Double, sd: Double) -> Distribution {
        let sigma2 = log1p(sd * sd / (mean * mean))
        return .lognormal(mean: mean, sd: sd, zeta: log(mean) - sigma2 / 2, sigma: sigma2.squareRoot())
    }

    /// A gamma distribution with the given mean and standard deviation (`sd` > 0).
    public static func gamma(mean: Double, sd: Double) -> Distribution {
        .gamma(mean: mean, sd: sd, shape: mean * mean / (sd * sd), scale: sd * sd / mean)
    }

    /// One draw from `stream`. A constant draws nothing.
    @inlinable
    public func sample(_ stream: RandomStream) -> Double {
        switch self {
        case .constant(let value): return value
        case .exponential(let mean): return stream.exponential(mean: mean)
        case .lognormal(_, _, let zeta, let sigma): return stream.lognormal(zeta: zeta, sigma: sigma)
        case .gamma(_, _, let shape, let scale): return stream.gamma(shape: shape, scale: scale)
        case .weibull(let shape, let scale): return stream.weibull(scale: scale, shape: shape)
        case .uniform(let min, let max): return stream.flat(min: min, max: max)
        case .empirical(let values): return values[stream.index(below: values.count)]
        }
    }

    /// The distribution's mean.
    public var mean: Double {
        switch self {
        case .constant(let value): return value
        case .exponential(let mean), .lognormal(let mean, _, _, _), .gamma(let mean, _, _, _): return mean
        case .weibull(let shape, let scale): return scale * gsl_sf_gamma(1 + 1 / shape)
        case .uniform(let min, let max): return (min + max) / 2
        case .empirical(let values): return values.reduce(0, +) / Double(values.count)
        }
    }

    /// The distribution's second moment E[X²].
    public var secondMoment: Double {
        switch self {
        case .constant(let value): return value * value
        case .exponential(let mean): return 2 * mean * mean
        case .lognormal(let mean, let sd, _, _), .gamma(let mean, let sd, _, _): return sd * sd + mean * mean
        case .weibull(let shape, let scale): return scale * scale * gsl_sf_gamma(1 + 2 / shape)
        case .uniform(let min, let max): return (min * min + min * max + max * max) / 3
        case .empirical(let values): return values.reduce(0) { $0 + $1 * $1 } / Double(values.count)
        }
    }

    /// `true` when a draw is always 0.
    public var isZero: Bool { self == .constant(0) }
}
