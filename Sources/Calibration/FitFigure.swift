import SimStatistics

/// One estimate from call records: its value, its 95 % interval (nil when none is meaningful)
/// and how many observations it rests on, written beside it in the fitted scenario.
public struct FitFigure: Sendable {
    public let value: Double
    public let interval: ClosedRange<Double>?
    public let sampleSize: Int

    public init(_ value: Double, interval: ClosedRange<Double>?, sampleSize: Int) {
        self.value = value
        self.interval = interval
        self.sampleSize = sampleSize
    }

    /// A share of `events` in `trials`, with its exact (Clopper–Pearson) 95 % interval.
    static func share(_ events: Int, of trials: Int) -> FitFigure {
        guard trials > 0 else { return FitFigure(0, interval: nil, sampleSize: 0) }
        let bounds = ExactBounds.share(events: Double(events), trials: Double(trials), alpha: 0.025)
        return FitFigure(Double(events) / Double(trials), interval: bounds.lower...bounds.upper, sampleSize: trials)
    }

    /// The mean of `values` with Student's t 95 % interval.
    static func mean(of values: [Double]) -> FitFigure {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        guard values.count > 1 else { return FitFigure(mean, interval: nil, sampleSize: values.count) }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let half = StudentT.quantile(0.975, degreesOfFreedom: values.count - 1) * (variance / n).squareRoot()
        return FitFigure(mean, interval: (mean - half)...(mean + half), sampleSize: values.count)
    }
}
