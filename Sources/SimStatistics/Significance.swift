import CGSL
import SimEngine
import Foundation

/// Tests of whether one run is worse than another, for regression checks.
public enum Significance {
    /// One-sided p-value that the mean of `current` exceeds the mean of `baseline`: paired by
    /// replication over the replications both have (same seed: common random numbers make the pairs sharp), or
    /// Welch's unequal-variance t-test otherwise. `nil` with too few figures to test; 0 or 1 when
    /// the difference has no variance at all.
    public static func pValueHigher(current: [Double?], baseline: [Double?], paired: Bool) -> Double? {
        GSL.setUp()
        if paired {  // replication i with replication i, over the replications both have
            let differences = zip(current, baseline).compactMap { pair -> Double? in
                guard let a = pair.0, let b = pair.1 else { return nil }
                return a - b
            }
            guard differences.count >= 2 else { return nil }
            let (mean, variance) = moments(differences)
            if variance == 0 { return mean > 0 ? 0 : 1 }
            let t = mean / (variance / Double(differences.count)).squareRoot()
            return gsl_cdf_tdist_Q(t, Double(differences.count - 1))
        }
        let a = current.compactMap { $0 }, b = baseline.compactMap { $0 }
        guard a.count >= 2, b.count >= 2 else { return nil }
        let (meanA, varA) = moments(a), (meanB, varB) = moments(b)
        let seA = varA / Double(a.count), seB = varB / Double(b.count)
        if seA + seB == 0 { return meanA > meanB ? 0 : 1 }
        let t = (meanA - meanB) / (seA + seB).squareRoot()
        let df = (seA + seB) * (seA + seB) / (seA * seA / Double(a.count - 1) + seB * seB / Double(b.count - 1))
        return gsl_cdf_tdist_Q(t, df)
    }

    /// Holm's step-down procedure: which hypotheses are rejected at family-wise level `alpha`.
    public static func holm(_ pValues: [Double], alpha: Double = 0.05) -> [Bool] {
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var rejected = [Bool](repeating: false, count: pValues.count)
        for (rank, index) in order.enumerated() {
            guard pValues[index] <= alpha / Double(pValues.count - rank) else { break }
            rejected[index] = true
        }
        return rejected
    }

    static func moments(_ values: [Double]) -> (mean: Double, variance: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return (mean, variance)
    }
}
