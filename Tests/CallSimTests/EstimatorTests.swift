import CallModel
import Foundation
import ScenarioFile
import SimStatistics
import Testing

/// The estimators behind rare losses and percentiles, against exact results.
@Suite struct EstimatorTests {
    /// A rare loss: M/M/2+M at 30 calls a day, 7-minute calls, 2-minute patience, 3 % urgent.
    static let rareLoss = """
        name: Rare loss
        seed: 23
        horizon: 28d
        warmup: 1d
        replications: 20
        handling: {distribution: exponential, mean: 7m}
        patience: {distribution: exponential, mean: 2m}
        escalation: {probability: 0.03}
        centres:
          - {code: R, calls_per_day: 30, consoles: 2}
        """

    @Test("Urgent callers lost at a rare M/M/2+M centre: λ·p·P(abandon)·horizon, to 35 % with 20 × 28 days")
    func rareLossAgainstErlangA() async throws {
        let result = await simulate(try scenario(Self.rareLoss))
        let queue = ErlangA(consoles: 2, callsPerSecond: 30 / 86_400.0, meanHandling: 420, meanPatience: 120)
        let exact = 30 * 28 * 0.03 * queue.pAbandon
        expectAgrees(result[.urgentLost], exact, precision: 0.35, "urgent callers lost")
        // The plain count of the same run is far less precise.
        let count = try #require(result[.urgentLostCount].ci95), estimator = try #require(result[.urgentLost].ci95)
        #expect(count > 2.5 * estimator, "count ± \(count), estimator ± \(estimator)")
    }

    @Test("Where the count is precise (half the callers urgent, many lost) the estimator agrees with it, replication by replication in expectation")
    func agreesWithCount() async throws {
        let result = await simulate(try scenario(Self.rareLoss
            .replacingOccurrences(of: "probability: 0.03", with: "probability: 0.5")
            .replacingOccurrences(of: "calls_per_day: 30", with: "calls_per_day: 250")))
        let estimator = result[.urgentLost].values.map { $0! }, count = result[.urgentLostCount].values.map { $0! }
        let difference = Estimate(values: zip(estimator, count).map { $0 - $1 })
        #expect(abs(try #require(difference.mean)) <= 3 * (try #require(difference.ci95)))
        #expect(try #require(result[.urgentLostCount].mean) > 100, "the count must be large to be precise")
    }

    @Test("A caller's fate before an answer does not depend on his urgency: other urgency draws, the same fates")
    func urgencyPlaysNoPartBeforeAnswer() async throws {
        // No hand-off time, so urgency changes nothing a console does; redials and a queue limit
        // exercise every way a caller can be lost.
        let base = Self.rareLoss
            .replacingOccurrences(of: "escalation: {probability: 0.03}", with: """
                escalation: {probability: 0.03, decision: 2m}
                redial: {probability: 0.5, delay: {distribution: exponential, mean: 5m}}
                queue_capacity: 3
                """)
            .replacingOccurrences(of: "calls_per_day: 30", with: "calls_per_day: 300")
        let rare = await simulate(try scenario(base))
        let common = await simulate(try scenario(base.replacingOccurrences(of: "probability: 0.03, decision", with: "probability: 0.6, decision")))
        #expect(rare[.escalated].mean! < common[.escalated].mean!, "the urgency flags differ")
        for kpi in [KPI.offered, .answered, .abandoned, .blocked, .redials, .asa, .meanWait, .serviceLevel, .waitP90, .utilisation] {
            #expect(rare[kpi].values == common[kpi].values, "\(kpi) per replication")
        }
    }

    @Test("The estimator's variance against the plain count on the launch fortnight")
    func launchVariance() async throws {
        let launch = try ScenarioReader.read(path: "Scenarios/romania-119-launch.yaml")
        let result = await simulate(launch)
        let estimator = try #require(result[.urgentLost].ci95), count = try #require(result[.urgentLostCount].ci95)
        let ratio = (count * count) / (estimator * estimator)
        print("launch fortnight, 20 replications: urgent lost \(result[.urgentLost].mean!) ± \(estimator) (estimator), "
            + "\(result[.urgentLostCount].mean!) ± \(count) (count): variance \(ratio)× lower")
        #expect(ratio > 4)
    }

    @Test("Wait percentiles pooled over replications of about 40 calls each: M/M/1 within 6 % of Erlang C", arguments: [0.90, 0.95])
    func pooledPercentiles(level: Double) async throws {
        // 20 calls a day of 30 minutes: 40 calls in each 2-day replication (the example).
        let result = await simulate(try scenario("""
            name: Few calls a replication
            seed: 8
            horizon: 2d
            warmup: 1d
            replications: 400
            handling: {distribution: exponential, mean: 30m}
            centres:
              - {code: Q, calls_per_day: 20, consoles: 1}
            """))
        let exact = try #require(ErlangC(consoles: 1, callsPerSecond: 20 / 86_400.0, meanHandling: 1_800).waitQuantile(level))
        let estimate = result[level == 0.90 ? .waitP90 : .waitP95]
        let mean = try #require(estimate.mean)
        #expect(abs(mean - exact) <= 0.06 * exact, "p\(Int(level * 100)): \(mean) s, exact \(exact) s")
        #expect(estimate.values.count == 10 && estimate.degreesOfFreedom == 9, "ten sections")
        expectAgrees(estimate, exact, precision: 0.1, "p\(Int(level * 100)) with its sectioning interval")
    }
}
