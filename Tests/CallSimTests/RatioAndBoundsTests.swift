import CallModel
import Foundation
@testable import SimStatistics
import Testing

/// Rates as ratios of sums, and the exact bounds behind every share, count of losses and
/// percentile (docs/model.md, "Estimators").
@Suite struct RatioAndBoundsTests {
    @Test("Abandonment is calls abandoned of calls offered (a ratio of sums), with one-day replications and day-to-day variation")
    func ratioOfSums() async throws {
        // One console, 60 calls a day, busy days half as likely again: a mean of each day's own
        // rate reads 0.243 where the calls say 0.292.
        let result = await simulate(try scenario("""
            name: Day to day
            seed: 7
            horizon: 1d
            replications: 200
            consoles: 1
            handling: {distribution: exponential, mean: 20m}
            patience: {distribution: exponential, mean: 5m}
            arrivals: {day_to_day_cv: 0.5}
            centres:
              - {code: A, calls_per_day: 60}
            """))
        let rate = try #require(result[.abandonmentRate].mean)
        let abandoned = try #require(result[.abandoned].mean), offered = try #require(result[.offered].mean)
        #expect(abs(rate - abandoned / offered) <= 1e-12 * rate, "\(rate) against \(abandoned / offered)")
        // Each replication's own figure is kept, and their plain mean is lower: quiet days weigh as much as busy ones.
        let daily = result[.abandonmentRate].values.compactMap { $0 }
        #expect(daily.count == 200)
        #expect(daily.reduce(0, +) / Double(daily.count) < 0.95 * rate)
    }

    @Test("The delta-method interval of a ratio of sums: for counts, the usual t·s/√n")
    func deltaMethod() {
        let counts = Estimate(values: [3, 5, 4, 8, 6])
        let ratios = Estimate(ratios: [3, 5, 4, 8, 6].map { Ratio(count: $0) })
        #expect(abs((counts.ci95 ?? 0) - (ratios.ci95 ?? 1)) < 1e-12)
        // R = 12/40 = 0.3; residuals 1 − 3, 5 − 6, 6 − 3 = −2, −1, 3; se = √(14/2 · 3)/40.
        let rate = Estimate(ratios: [Ratio(1, of: 10), Ratio(5, of: 20), Ratio(6, of: 10)])
        #expect(abs((rate.mean ?? 0) - 0.3) < 1e-15)
        let se = (14.0 / 2 * 3).squareRoot() / 40
        #expect(abs((rate.ci95 ?? 0) - StudentT.quantile975(degreesOfFreedom: 2) * se) < 1e-12)
    }

    @Test("Clopper–Pearson is skipped only where it lies within the bounds: Wilson's with continuity correction are within a quarter of it (≥ 5 events and non-events)")
    func wilsonWithinAQuarter() {
        var worst = 0.0
        for trials in [10.0, 20, 50, 300, 10_000, 1_000_000] {
            for events in Set([5.0, 6, 10, 30, (trials / 2).rounded(), trials - 6, trials - 5]) where events >= 5 && trials - events >= 5 {
                for alpha in [0.025, 0.05, 0.05 / 9, 0.05 / 17] {
                    let share = events / trials
                    let exact = ExactBounds.share(events: events, trials: trials, alpha: alpha)
                    let wilson = ExactBounds.wilsonBounds(events: events, trials: trials, alpha: alpha)
                    worst = max(worst, (share - exact.lower) / (share - wilson.lower), (exact.upper - share) / (wilson.upper - share))
                }
            }
        }
        #expect(worst < 1.2, "Clopper–Pearson reaches \(worst) × Wilson's distance")
    }

    @Test("The order-statistic counts are the binomial's exact cut-offs, found from the normal guess", arguments: [30, 59, 200, 5_000] as [UInt64])
    func orderStatistics(trials: UInt64) {
        for level in [0.5, 0.9, 0.95, 0.99] {
            for alpha in [0.025, 0.05, 0.05 / 9] {
                let upper = ExactBounds.countForUpperQuantileBound(trials: trials, level: level, alpha: alpha)
                let lower = ExactBounds.countForLowerQuantileBound(trials: trials, level: level, alpha: alpha)
                // Brute force over every count.
                let n = Int(trials)
                var pmf = [Double](repeating: 0, count: n + 1)
                for k in 0...n { pmf[k] = Foundation.exp(lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1)) + Double(k) * Foundation.log(level) + Double(n - k) * Foundation.log1p(-level)) }
                var atLeast = [Double](repeating: 0, count: n + 2), atMost = [Double](repeating: 0, count: n + 1)
                for k in stride(from: n, through: 0, by: -1) { atLeast[k] = atLeast[k + 1] + pmf[k] }
                for k in 0...n { atMost[k] = (k > 0 ? atMost[k - 1] : 0) + pmf[k] }
                let expectedUpper = (1...(n + 1)).first { $0 > n || atLeast[$0] <= alpha * (1 + 1e-9) } ?? n + 1
                let expectedLower = (0...(n + 1)).first { $0 > n || atMost[$0] > alpha * (1 - 1e-9) } ?? n + 1
                #expect(Int(upper) == expectedUpper, "n \(n), level \(level), α \(alpha): upper \(upper) vs \(expectedUpper)")
                #expect(Int(lower) == expectedLower, "n \(n), level \(level), α \(alpha): lower \(lower) vs \(expectedLower)")
            }
        }
        // A p95 cannot be bounded above by fewer than 59 observations (0.95⁵⁹ < 5 %).
        #expect(ExactBounds.countForUpperQuantileBound(trials: 58, level: 0.95, alpha: 0.05) == 59)
        #expect(ExactBounds.countForUpperQuantileBound(trials: 59, level: 0.95, alpha: 0.05) == 59)
    }

    @Test("A percentile's interval is never narrower than its order statistics: every wait 0 in 40, a p95 of 0 is not bounded")
    func percentileNeedsObservations() {
        var histogram = WaitHistogram()
        for _ in 0..<40 { histogram.record(0) }
        let few = PooledPercentiles(Array(repeating: histogram.compact(), count: 10)).estimate(0.95, confidence: .single)
        #expect(few.mean == 0)
        #expect(few.upper == 0, "400 waits all 0: the p95 is 0 with confidence")
        var single = WaitHistogram()
        for _ in 0..<5 { single.record(0) }
        let scarce = PooledPercentiles(Array(repeating: single.compact(), count: 10)).estimate(0.95, confidence: .single)
        #expect(scarce.mean == 0)
        #expect(scarce.upper == .infinity && scarce.ci95 == nil, "50 waits: too few to bound a p95 (at least 59)")
    }
}
