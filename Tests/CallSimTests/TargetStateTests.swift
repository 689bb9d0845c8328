import CallModel
import Foundation
import Reports
import SimStatistics
import Testing

/// Targets judged on their intervals, and the precision rule that adds replications until they are decided.
@Suite struct TargetStateTests {
    /// An estimate with mean `mean` and ci95 `h` from 20 figures.
    static func estimate(_ mean: Double, _ h: Double) -> Estimate {
        // 20 values ±d around the mean: s = d·√(20/19), h = t₀.₉₇₅,₁₉ · s/√20.
        let d = h / StudentT.quantile975(degreesOfFreedom: 19) * (20.0 / (20.0 / 19).squareRoot()) / 20.0.squareRoot()
        return Estimate(values: (0..<20).map { mean + ($0 % 2 == 0 ? d : -d) })
    }

    @Test("Each state where its rule says, for an at-most and an at-least target")
    func states() throws {
        let asa = Target(measure: .asa, threshold: 30)  // at most 30 s; zone max(0.05 × 30, 1 s) = 1.5 s
        #expect(asa.state(of: Self.estimate(20, 2), precision: 0.05) == .met)
        #expect(asa.state(of: Self.estimate(40, 2), precision: 0.05) == .missed)
        #expect(asa.state(of: Self.estimate(29.5, 1), precision: 0.05) == .borderlineMet)
        #expect(asa.state(of: Self.estimate(30.5, 1), precision: 0.05) == .borderlineMissed)
        #expect(asa.state(of: Self.estimate(29.5, 4), precision: 0.05) == .undecided)
        #expect(asa.state(of: Estimate(values: [nil, nil]), precision: 0.05) == .notEstimated)
        #expect(asa.state(of: Estimate(values: [29]), precision: 0.05) == .undecided, "one replication: no interval")
        // At least 80 %: the zone is 5 % of the room the threshold leaves, 0.05 × 0.2 = 0.01, as for
        // an "at most 20 %" share.
        let level = Target(measure: .serviceLevel, threshold: 0.8)
        #expect(level.state(of: Self.estimate(0.9, 0.02), precision: 0.05) == .met)
        #expect(level.state(of: Self.estimate(0.795, 0.008), precision: 0.05) == .borderlineMissed)
        #expect(level.state(of: Self.estimate(0.79, 0.03), precision: 0.05) == .undecided)
        #expect(level.state(of: Self.estimate(0.7, 0.02), precision: 0.05) == .missed)
        let missing = Target(measure: .abandonmentRate, threshold: 0.2)
        #expect(abs(missing.zone(precision: 0.05) - level.zone(precision: 0.05)) < 1e-12, "at least and at most alike")
        // The one-sided bound: met when estimate + h·t₀.₉₅/t₀.₉₇₅ ≤ threshold, though the two-sided interval reaches past it.
        let h = 2.0, oneSided = h * StudentT.quantile95(degreesOfFreedom: 19) / StudentT.quantile975(degreesOfFreedom: 19)
        #expect(asa.state(of: Self.estimate(30 - oneSided - 0.01, h), precision: 0.05) == .met)
        #expect(TargetState.allCases.filter(\.fails) == [.borderlineMissed, .undecided, .missed])
    }

    @Test("An interval of zero width is never certainty: a share bounded by its binomial count, a mean with no spread undecided")
    func zeroWidth() {
        // No call abandoned of 360 in 10 replications: the exact bound is about 3/360, not 0.
        let none = Estimate(ratios: Array(repeating: Ratio(0, of: 36), count: 10), events: true)
        #expect(none.ci95 ?? 0 > 0.008, "never ± 0")
        let rare = Target(measure: .abandonmentRate, threshold: 0.0005)
        #expect(rare.state(of: none, precision: 0.05) == .undecided)
        #expect(Target(measure: .abandonmentRate, threshold: 0.05).state(of: none, precision: 0.05) == .met)
        // Every replication's mean exactly 0 and nothing known of its scale: nothing bounds it.
        let asa = Target(measure: .asa, threshold: 30)
        #expect(asa.state(of: Estimate(values: Array(repeating: 0, count: 10)), precision: 0.05) == .undecided)
        // No caller waited of 1,000 answered, calls keeping a console 10 minutes: at most about
        // 3/1000 of callers waited, about one call's time each: ASA ≤ 600 s × 0.003 = 1.8 s.
        let quiet = Estimate(ratios: Array(repeating: Ratio(0, of: 100), count: 10), noneWaitedScale: 600)
        #expect(abs(quiet.upper - 600 * (1 - Foundation.pow(0.05, 1.0 / 1_000))) < 1e-9)
        #expect(asa.state(of: quiet, precision: 0.05) == .met)
        #expect(Target(measure: .asa, threshold: 1).state(of: quiet, precision: 0.05) != .met)
        // No urgent caller lost in 10 replications: the Poisson bound of no caller lost, each
        // weighing the largest urgency (0.2), is 0.2 × 3.0 / 10 a replication.
        let lost = Estimate(values: Array(repeating: 0, count: 10), events: 0, largestWeight: 0.2)
        #expect(abs(lost.upper - 0.2 * 2.9957 / 10) < 1e-3)
        #expect(Target(measure: .urgentLostPerYear, threshold: 0.05).state(of: lost, precision: 0.05) == .undecided)
        #expect(Target(measure: .urgentLostPerYear, threshold: 0.1).state(of: lost, precision: 0.05) == .met)
    }

    @Test("The looks of the precision rule: n, 2n, … up to the cap, each deciding at 5 % / looks")
    func looks() {
        #expect(Confidence(firstBatch: 10, cap: 2_000, sequential: true).looks == 9)  // 10, 20, …, 1280, 2000
        #expect(Confidence(firstBatch: 20, cap: 2_000, sequential: true).looks == 8)
        #expect(Confidence(firstBatch: 20, cap: 20, sequential: true).looks == 1)
        #expect(Confidence(firstBatch: 10, cap: 2_000, sequential: false).looks == 1)
        let nine = Confidence(looks: 9)
        #expect(abs(StudentT.oneSided(nine, degreesOfFreedom: 19) - StudentT.quantile(1 - 0.05 / 9, degreesOfFreedom: 19)) < 1e-12)
        // The same figures (26 s, bound 27.19 s at 5 %, 27.94 s at 5 % / 9) against 27.5 s: met
        // with one look, not with nine.
        let values = (0..<20).map { 26.0 + ($0 % 2 == 0 ? 3.0 : -3.0) }
        let asa = Target(measure: .asa, threshold: 27.5)
        #expect(asa.state(of: Estimate(values: values), precision: 0) == .met)
        #expect(asa.state(of: Estimate(values: values, confidence: nine), precision: 0) == .undecided)
    }

    static let close = """
        name: Close call
        seed: 3
        horizon: 7d
        replications: 5
        precision: 0.002
        handling: {distribution: exponential, mean: 4m}
        patience: {distribution: exponential, mean: 3m}
        targets: {service_level: 0.772}
        centres:
          - {code: A, calls_per_day: 360, consoles: 2}
        """

    @Test("Replications double while a target is undecided, and the result is the plain run with the final number, whatever --jobs is")
    func precisionRule() async throws {
        let scenario = try scenario(Self.close)
        let one = await Simulator.run(scenario, jobs: 1), two = await Simulator.run(scenario, jobs: 2)
        let ran = one.scenario.replications
        #expect(ran > 5 && [10, 20, 40, 80, 160, 320, 640, 1280, 2000].contains(ran), "ran \(ran)")
        #expect(!one.targets.contains { $0.state == .undecided } || ran == scenario.maxReplications)
        var plain = scenario
        plain.replications = ran
        plain.precision = 0
        let fixed = await Simulator.run(plain, jobs: 2)
        func document(_ result: RunResult) -> String {
            var text = ResultDocument.json(result, withValues: true).text()
            text.removeSubrange(text.range(of: "\"run\"")!.lowerBound...)
            return text
        }
        func withoutStates(_ text: String) -> String {
            text.replacingOccurrences(of: "\"state\": *\"[^\"]*\"", with: "", options: .regularExpression)
        }
        #expect(document(one) == document(two))
        #expect(withoutStates(document(one)) == withoutStates(document(fixed)))
        #expect(one.total[KPI.serviceLevel.index].values == fixed.total[KPI.serviceLevel.index].values)
    }
}
