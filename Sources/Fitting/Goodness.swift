import Foundation

/// How far a complete sample lies from the distribution fitted to it.
///
/// The parameters were estimated from the same sample, which pulls the fit towards it: both tests'
/// tabled distributions assume a distribution fixed in advance, so the p-value is approximate and
/// conservative (too large; a small one is still a clear misfit). It is the asymptotic one, from the
/// Kolmogorov distribution at √n·D, without a small-sample correction.
public struct Goodness: Sendable {
    /// Kolmogorov–Smirnov distance: the largest gap between the sample's ecdf and the fitted cdf.
    public let ks: Double
    /// P(K > √n·D) for the Kolmogorov distribution K.
    public let pValue: Double
    /// Anderson–Darling A², which weighs the tails more than D.
    public let andersonDarling: Double

    /// The statistics of `sorted` (ascending, not empty) against `cdf` and its complement `survival`.
    init(sorted: [Double], cdf: (Double) -> Double, survival: (Double) -> Double) {
        let n = Double(sorted.count), probabilities = sorted.map(cdf), survivals = sorted.map(survival)
        var distance = 0.0, sum = 0.0
        for (i, p) in probabilities.enumerated() {
            distance = max(distance, p - Double(i) / n, Double(i + 1) / n - p)
            let tiny = Double.leastNormalMagnitude
            sum += Double(2 * i + 1) * (log(max(p, tiny)) + log(max(survivals[survivals.count - 1 - i], tiny)))
        }
        ks = distance
        pValue = kolmogorovSurvival(n.squareRoot() * distance)
        andersonDarling = -n - sum / n
    }
}

/// P(K > λ) for the Kolmogorov distribution: 2 Σ (−1)^(k−1) e^(−2k²λ²) for λ ≥ 1, else one minus
/// the Jacobi-transformed series √(2π)/λ Σ e^(−(2k−1)²π²/(8λ²)); each converges within a few terms.
func kolmogorovSurvival(_ lambda: Double) -> Double {
    guard lambda > 0 else { return 1 }
    var sum = 0.0
    if lambda >= 1 {
        for k in 1...20 { sum += (k % 2 == 1 ? 2 : -2) * exp(-2 * Double(k * k) * lambda * lambda) }
        return min(1, max(0, sum))
    }
    for k in 1...20 {
        let odd = Double(2 * k - 1)
        sum += exp(-odd * odd * Double.pi * Double.pi / (8 * lambda * lambda))
    }
    return min(1, max(0, 1 - (2 * Double.pi).squareRoot() / lambda * sum))
}
