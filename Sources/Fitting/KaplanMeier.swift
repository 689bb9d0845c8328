import CGSL
import Foundation
import SimEngine

/// The Kaplan–Meier estimate of a survival function from right-censored data, with Greenwood 95 %
/// bands on the log-log scale: exp(−exp(log(−log S) ± z·σ)), σ² = Σ d/(n(n−d)) / (log S)², which stay
/// within [0, 1] (SciPy's `ecdf(...).sf.confidence_interval(method="log-log")`). Where the estimate
/// has reached 0 the band is [0, 0].
///
/// A value censored at t counts as at risk at t: events at a time come before losses at it.
public struct KaplanMeier: Sendable {
    /// The estimate just after one distinct event time.
    public struct Step: Sendable {
        public let time: Double
        /// S(time): the estimated probability of surviving beyond `time`.
        public let survival: Double
        /// The 95 % band around `survival`.
        public let lower: Double, upper: Double
        /// Values ≥ `time` (at risk just before it), and values observed exactly at it.
        public let atRisk: Int, events: Int
    }

    /// One per distinct observed (event) time, ascending.
    public let steps: [Step]

    /// The estimate from `observed` event times and `censored` lower bounds (all finite, ≥ 0).
    public init(observed: [Double], censored: [Double]) {
        precondition((observed + censored).allSatisfy { $0.isFinite && $0 >= 0 }, "durations are finite and ≥ 0")
        GSL.setUp()
        let events = observed.sorted(), losses = censored.sorted(), z = gsl_cdf_ugaussian_Pinv(0.975)
        var steps: [Step] = []
        var survival = 1.0, greenwood = 0.0, event = 0, loss = 0
        while event < events.count {
            let time = events[event]
            while loss < losses.count && losses[loss] < time { loss += 1 }
            let atRisk = events.count - event + losses.count - loss
            var dead = 0
            while event < events.count && events[event] == time {
                dead += 1
                event += 1
            }
            survival *= Double(atRisk - dead) / Double(atRisk)
            greenwood += Double(dead) / (Double(atRisk) * Double(atRisk - dead))
            var lower = 0.0, upper = 0.0
            if survival > 0 {
                let logLog = log(-log(survival)), spread = z * greenwood.squareRoot() / abs(log(survival))
                lower = exp(-exp(logLog + spread))
                upper = exp(-exp(logLog - spread))
            }
            steps.append(Step(time: time, survival: survival, lower: lower, upper: upper, atRisk: atRisk, events: dead))
        }
        self.steps = steps
    }

    /// S(t): 1 before the first event, then the last step at or before t.
    public func survival(at t: Double) -> Double {
        var low = 0, high = steps.count  // the first step after t
        while low < high {
            let middle = (low + high) / 2
            if steps[middle].time <= t { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? 1 : steps[low - 1].survival
    }

    /// ∫₀ᵗ S(u) du: the mean of min(X, t), which the estimate pins down even where it never reaches 0.
    public func restrictedMean(upTo t: Double) -> Double {
        var area = 0.0, from = 0.0, level = 1.0
        for step in steps where step.time < t {
            area += level * (step.time - from)
            from = step.time
            level = step.survival
        }
        return area + level * max(0, t - from)
    }
}
