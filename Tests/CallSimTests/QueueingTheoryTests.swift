import CallModel
import Foundation
import SimEngine
import SimStatistics
import Testing

/// The simulator against exact steady-state results of queueing theory, with fixed seeds and
/// tolerances from the confidence intervals.
@Suite struct QueueingTheoryTests {
    /// P(wait) from a run whose service-level threshold is 0 s: the share not answered at once.
    func probabilityOfWaiting(_ result: RunResult) -> Estimate {
        Estimate(values: result[.serviceLevel].values.map { $0.map { 1 - $0 } })
    }

    /// A single centre with exponential handling and nobody hanging up: the M/M/c queue.
    func markovian(consoles: Int, callsPerHour: Double, meanHandling: String, threshold: String, seed: Int) throws -> Scenario {
        try scenario("""
            name: M/M/\(consoles)
            seed: \(seed)
            horizon: 60d
            warmup: 2d
            replications: 20
            service_level_threshold: \(threshold)
            handling: {distribution: exponential, mean: \(meanHandling)}
            centres:
              - {code: Q, calls_per_hour: \(callsPerHour), consoles: \(consoles)}
            """)
    }

    @Test("M/M/1 at 70 % load: P(wait), mean wait, service level, utilisation, p90")
    func mm1() async throws {
        // λ = 10.5 calls/h, 4-minute calls: ρ = 0.7.
        let exact = ErlangC(consoles: 1, callsPerSecond: 10.5 / 3_600, meanHandling: 240)
        #expect(abs(exact.pWait - 0.7) < 1e-12)  // M/M/1: P(wait) = ρ
        let atZero = await simulate(try markovian(consoles: 1, callsPerHour: 10.5, meanHandling: "4m", threshold: "0s", seed: 11))
        expectAgrees(probabilityOfWaiting(atZero), exact.pWait, "P(wait)")
        let result = await simulate(try markovian(consoles: 1, callsPerHour: 10.5, meanHandling: "4m", threshold: "20s", seed: 11))
        expectAgrees(result[.asa], try #require(exact.meanWait), precision: 0.06, "mean wait")
        expectAgrees(result[.serviceLevel], exact.serviceLevel(within: 20), "service level within 20 s")
        expectAgrees(result[.utilisation], exact.occupancy, "utilisation")
        expectAgrees(result[.waitP90], try #require(exact.waitQuantile(0.9)), precision: 0.06, "p90 wait")
        #expect(result[.abandoned].mean == 0)
    }

    @Test("M/M/c (Erlang C): 10 Erlangs on 12 consoles")
    func erlangC() async throws {
        // 200 calls an hour, 3-minute calls: 10 Erlangs; with 12 consoles P(wait) = 0.4494.
        let exact = ErlangC(consoles: 12, callsPerSecond: 200.0 / 3_600, meanHandling: 180)
        #expect(abs(exact.pWait - 0.4493882) < 1e-6)
        let atZero = await simulate(try markovian(consoles: 12, callsPerHour: 200, meanHandling: "3m", threshold: "0s", seed: 3))
        expectAgrees(probabilityOfWaiting(atZero), exact.pWait, "P(wait)")
        let result = await simulate(try markovian(consoles: 12, callsPerHour: 200, meanHandling: "3m", threshold: "20s", seed: 3))
        expectAgrees(result[.asa], try #require(exact.meanWait), "mean wait")
        expectAgrees(result[.meanWait], try #require(exact.meanWait), "mean wait of all callers")
        expectAgrees(result[.serviceLevel], exact.serviceLevel(within: 20), "service level within 20 s")
        expectAgrees(result[.utilisation], exact.occupancy, "utilisation")
        expectAgrees(result[.waitP95], try #require(exact.waitQuantile(0.95)), "p95 wait")
    }

    @Test("M/G/1 with lognormal handling and wrap-up: Pollaczek–Khinchine mean wait")
    func pollaczekKhinchine() async throws {
        // Talk lognormal (mean 4 min, sd 5 min) plus 1 minute of wrap-up: the console is busy S = H + 60 s.
        let handling = Distribution.lognormal(mean: 240, sd: 300)
        let lambda = 9.0 / 3_600
        let meanS = handling.mean + 60
        let secondS = handling.secondMoment + 2 * 60 * handling.mean + 60 * 60
        let rho = lambda * meanS
        let exactWait = lambda * secondS / (2 * (1 - rho))
        let result = await simulate(try scenario("""
            name: M/G/1
            seed: 5
            horizon: 120d
            warmup: 2d
            replications: 20
            handling: {distribution: lognormal, mean: 4m, sd: 5m}
            wrapup: 1m
            centres:
              - {code: G, calls_per_hour: 9, consoles: 1}
            """))
        expectAgrees(result[.asa], exactWait, precision: 0.08, "P–K mean wait")
        expectAgrees(result[.utilisation], rho, precision: 0.02, "utilisation")
    }

    @Test("M/D/1: constant handling, Pollaczek–Khinchine")
    func constantHandling() async throws {
        // Constant 5-minute calls at ρ = 0.75: W = ρ·D / (2(1 − ρ)) = 450 s.
        let result = await simulate(try scenario("""
            name: M/D/1
            seed: 9
            horizon: 90d
            warmup: 2d
            replications: 20
            handling: 5m
            centres:
              - {code: D, calls_per_hour: 9, consoles: 1}
            """))
        expectAgrees(result[.asa], 0.75 * 300 / (2 * 0.25), precision: 0.06, "M/D/1 mean wait")
    }
}
