import CallModel
import Foundation
import SimStatistics
import Testing

/// Surges and day-to-day variation: the arrival process's volume and variance.
@Suite struct ArrivalTests {
    @Test("Surge volume equals the integral of the rate; surges multiply; a local surge stays local")
    func surgeVolume() async throws {
        let result = await simulate(try scenario("""
            name: Surges
            seed: 21
            horizon: 1d
            warmup: 2d
            replications: 40
            handling: 1m
            surges:
              - {from: 2d, to: 3d, factor: 3, centres: [A]}
              - {from: 2d12h, to: 4d, factor: 2}
            centres:
              - {code: A, calls_per_day: 100, consoles: 20}
              - {code: B, calls_per_day: 100, consoles: 20}
            """))
        // A: 100/day × (3 for half a day + 3 × 2 for half a day) = 450; B: 100 × (½ + 2 × ½) = 150.
        let a = result.centres[0].kpis[KPI.offered.index], b = result.centres[1].kpis[KPI.offered.index]
        #expect(abs((a.mean ?? 0) - 450) <= 3 * (a.ci95 ?? 0), "A offered \(a.mean ?? 0) ± \(a.ci95 ?? 0)")
        #expect(abs((b.mean ?? 0) - 150) <= 3 * (b.ci95 ?? 0), "B offered \(b.mean ?? 0) ± \(b.ci95 ?? 0)")
        #expect((a.ci95 ?? 1) < 0.05 * 450)
    }

    @Test("Day-to-day variation: daily counts have variance λ + λ²·CV²")
    func dayFactorVariance() async throws {
        let result = await simulate(try scenario("""
            name: Busy days
            seed: 5
            horizon: 1d
            replications: 1000
            handling: 1m
            arrivals: {day_to_day_cv: 0.3}
            centres:
              - {code: A, calls_per_day: 200, consoles: 30}
              - {code: B, calls_per_day: 200, consoles: 30}
            """))
        let counts = result.centres.flatMap { $0.kpis[KPI.offered.index].values.compactMap { $0 } }
        let n = Double(counts.count)
        let mean = counts.reduce(0, +) / n
        let variance = counts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let fourth = counts.reduce(0) { $0 + pow($1 - mean, 4) } / n
        let standardError = ((fourth - variance * variance * (n - 3) / (n - 1)) / n).squareRoot()
        let expected = 200 + 200 * 200 * 0.09
        #expect(abs(mean - 200) <= 3 * (variance / n).squareRoot())
        #expect(abs(variance - expected) <= 3 * standardError, "variance \(variance) ± \(standardError), expected \(expected)")
        // Without the day factor the counts are Poisson: the variance is far below.
        #expect(variance > 10 * 200)
    }
}
