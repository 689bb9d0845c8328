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
        let level = Target(measure: .serviceLevel, threshold: 0.8)  // at least 80 %; zone 0.04
        #expect(level.state(of: Self.estimate(0.9, 0.02), precision: 0.05) == .met)
        #expect(level.state(of: Self.estimate(0.79, 0.03), precision: 0.05) == .borderlineMissed)
        #expect(level.state(of: Self.estimate(0.7, 0.02), precision: 0.05) == .missed)
        // The one-sided bound: met when estimate + h·t₀.₉₅/t₀.₉₇₅ ≤ threshold, though the two-sided interval reaches past it.
        let h = 2.0, oneSided = h * StudentT.quantile95(degreesOfFreedom: 19) / StudentT.quantile975(degreesOfFreedom: 19)
        #expect(asa.state(of: Self.estimate(30 - oneSided - 0.01, h), precision: 0.05) == .met)
        #expect(TargetState.allCases.filter(\.fails) == [.borderlineMissed, .undecided, .missed])
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
