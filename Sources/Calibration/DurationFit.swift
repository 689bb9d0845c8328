import Fitting

/// A duration fitted from a sample: a constant when every value is the same (wrap-up often is),
/// else each family by maximum likelihood, the best by AIC first.
public enum DurationFit: Sendable {
    case constant(Double, sampleSize: Int)
    case fitted([FittedDistribution], sample: [Double])

    /// Fits `values` among `families`; nil when there is nothing to fit (no values, or none usable).
    init?(_ values: [Double], among families: [Family] = [.lognormal, .gamma, .exponential]) {
        guard let first = values.first else { return nil }
        if values.allSatisfy({ $0 == first }) {
            self = .constant(first, sampleSize: values.count)
            return
        }
        let ranked = CompleteFit.ranked(values, among: families).filter(Self.writable)
        guard !ranked.isEmpty else { return nil }
        self = .fitted(ranked, sample: values)
    }

    /// Whether a scenario file can say it, as `FittedScenarioText` writes it (to the millisecond):
    /// a mean from 1 ms to 100 years, an sd of at most 100 years and (gamma, lognormal) 100 times
    /// the mean, a Weibull shape from 0.1 to 100. A fit outside is passed over for the next best.
    static func writable(_ fit: FittedDistribution) -> Bool {
        let longest = 100 * 365 * 86_400.0
        let moment = fit.distribution.secondMoment
        let sd = fit.family == .exponential ? fit.mean : fit.family == .weibull ? max(0, moment - fit.mean * fit.mean).squareRoot() : fit.second
        guard fit.mean >= 0.001, fit.mean <= longest, sd <= longest, fit.first >= 0.0005 else { return false }
        switch fit.family {
        case .gamma, .lognormal: return fit.second <= 100 * fit.first && (fit.family == .lognormal || fit.second >= 0.0005)
        case .weibull: return (0.1...100).contains(fit.first) && fit.second >= 0.0005
        case .exponential: return true
        }
    }

    public var sampleSize: Int {
        switch self {
        case .constant(_, let size): return size
        case .fitted(_, let sample): return sample.count
        }
    }

    /// The chosen fit (nil for a constant).
    public var best: FittedDistribution? {
        if case .fitted(let ranked, _) = self { return ranked.first }
        return nil
    }

    public var mean: Double {
        switch self {
        case .constant(let value, _): return value
        case .fitted(let ranked, _): return ranked[0].mean
        }
    }
}

extension Family {
    /// The family a fit is rerun with to see whether the choice matters: gamma ↔ lognormal,
    /// Weibull ↔ exponential.
    public var rival: Family {
        switch self {
        case .gamma: return .lognormal
        case .lognormal: return .gamma
        case .weibull: return .exponential
        case .exponential: return .weibull
        }
    }
}

extension DurationFit {
    /// Every family's fit, best first (nil for a constant).
    public var ranked: [FittedDistribution]? {
        if case .fitted(let ranked, _) = self { return ranked }
        return nil
    }
}
