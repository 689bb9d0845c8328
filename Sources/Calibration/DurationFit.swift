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
        let ranked = CompleteFit.ranked(values, among: families)
        guard !ranked.isEmpty else { return nil }
        self = .fitted(ranked, sample: values)
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
