import Foundation

/// Durations, some right-censored, ready for the log-likelihoods: logarithms taken once, and
/// censored values of 0 left out of the sums (P(X > 0) = 1: they carry no information) but counted.
struct Sample {
    let observed: [Double], logObserved: [Double]
    /// The positive censored values.
    let censored: [Double], logCensored: [Double]
    /// Observed and censored values, those of 0 included.
    let size: Int
    /// Σ of all values, observed and censored.
    let total: Double

    init(observed: [Double], censored: [Double]) {
        self.observed = observed
        self.censored = censored.filter { $0 > 0 }
        logObserved = observed.map { log($0) }
        logCensored = self.censored.map { log($0) }
        size = observed.count + censored.count
        total = observed.reduce(0, +) + self.censored.reduce(0, +)
    }

    /// How many values are observed exactly (events).
    var events: Int { observed.count }
    /// True when nothing positive is censored: the likelihood is that of a complete sample.
    var isComplete: Bool { censored.isEmpty }
}
