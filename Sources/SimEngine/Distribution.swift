import CGSL
import Foundation

/// A distribution of durations (in seconds) or of other non-negative quantities, as a scenario
/// names it, ready to sample.
///
/// Made with the static functions named after each distribution; parameters are checked by whoever
/// makes one (the scenario reader), and converted here to GSL's parameterisation once. A value type
/// whose fields are plain numbers (and, for `empirical`, the values to resample), so sampling reads
/// it in place.
public struct Distribution: Sendable, Equatable {
    /// The family of the distribution.
    public enum Kind: Sendable, Equatable {
        case constant, exponential, lognormal, gamma, weibull, uniform, empirical
    }

    public let kind: Kind
    /// The parameters as the scenario gave them (value; mean; mean and sd; shape and scale; min and max).
    public let first: Double, second: Double
    /// GSL's parameters for the draw (lognormal: zeta and sigma; gamma: shape and scale).
    @usableFromInline let a: Double, b: Double
    /// The values an empirical distribution resamples; empty for the others.
    public let values: [Double]

    init(_ kind: Kind, _ first: Double, _ second: Double = 0, a: Double = 0, b: Double = 0, values: [Double] = []) {
        self.kind = kind
        self.first = first
        self.second = second
        self.a = a
        self.b = b
        self.values = values
    }

    /// Always `value`; draws nothing.
    public static func constant(_ value: Double) -> Distribution { Distribution(.constant, value) }

    /// Exponential with the given mean.
    public static func exponential(mean: Double) -> Distribution { Distribution(.exponential, mean) }

    /// Lognormal with the given mean and standard deviation.
    public static func lognormal(mean: Double, sd: Double) -> Distribution {
        let sigma2 = log1p(sd * sd / (mean * mean))
        return Distribution(.lognormal, mean, sd, a: log(mean) - sigma2 / 2, b: sigma2.squareRoot())
    }

    /// Gamma with the given mean and standard deviation (`sd` > 0).
    public static func gamma(mean: Double, sd: Double) -> Distribution {
        Distribution(.gamma, mean, sd, a: mean * mean / (sd * sd), b: sd * sd / mean)
    }

    /// Weibull with the given shape (a number) and scale (a duration).
    public static func weibull(shape: Double, scale: Double) -> Distribution { Distribution(.weibull, shape, scale) }

    /// Uniform on [min, max).
    public static func uniform(min: Double, max: Double) -> Distribution { Distribution(.uniform, min, max) }

    /// Resamples `values` (at least one), each equally likely.
    public static func empirical(_ values: [Double]) -> Distribution {
        Distribution(.empirical, 0, values: values)
    }

    /// One draw from `stream`. A constant draws nothing.
    public func sample(_ stream: RandomStream) -> Double {
        values.withUnsafeBufferPointer { sampler(values: $0).sample(stream) }
    }

    /// The distribution ready for the hot loop, its empirical values (if any) read from `values`,
    /// which must hold `self.values` and outlive the sampler.
    public func sampler(values: UnsafeBufferPointer<Double>) -> Sampler {
        precondition(values.count == self.values.count)
        return Sampler(kind: kind, first: first, second: second, a: a, b: b, values: values)
    }

    /// The distribution's mean.
    public var mean: Double {
        switch kind {
        case .constant, .exponential, .lognormal, .gamma: return first
        case .weibull: return second * gsl_sf_gamma(1 + 1 / first)
        case .uniform: return (first + second) / 2
        case .empirical: return values.reduce(0, +) / Double(values.count)
        }
    }

    /// The distribution's second moment E[X²].
    public var secondMoment: Double {
        switch kind {
        case .constant: return first * first
        case .exponential: return 2 * first * first
        case .lognormal, .gamma: return second * second + first * first
        case .weibull: return second * second * gsl_sf_gamma(1 + 2 / first)
        case .uniform: return (first * first + first * second + second * second) / 3
        case .empirical: return values.reduce(0) { $0 + $1 * $1 } / Double(values.count)
        }
    }
}

/// A `Distribution` ready for the hot loop: plain numbers, and for an empirical distribution a
/// pointer to its values, so a copy costs no reference counting (a `Distribution` holds an array).
/// Whoever makes one keeps the values alive as long as the sampler (a replication keeps them in a
/// `Table` beside its samplers).
public struct Sampler {
    @usableFromInline let kind: Distribution.Kind
    @usableFromInline let first: Double, second: Double, a: Double, b: Double
    @usableFromInline let values: UnsafeBufferPointer<Double>

    /// One draw from `stream`. A constant draws nothing. (Inlined where it is called, so that each
    /// attribute's choice of family is a branch of its own, which the processor predicts.)
    @inlinable @inline(__always)
    public func sample(_ stream: RandomStream) -> Double {
        switch kind {
        case .constant: return first
        case .exponential: return stream.exponential(mean: first)
        case .lognormal: return stream.lognormal(zeta: a, sigma: b)
        case .gamma: return stream.gamma(shape: a, scale: b)
        case .weibull: return stream.weibull(scale: second, shape: first)
        case .uniform: return stream.flat(min: first, max: second)
        case .empirical: return values[stream.index(below: values.count)]
        }
    }
}
