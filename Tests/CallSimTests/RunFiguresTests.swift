@testable import CallModel
import Foundation
import SimStatistics
import Testing

/// A run's figures gathered as replications end (`RunFigures`): the same estimates as every
/// replication kept, and memory that does not grow with the replications.
@Suite struct RunFiguresTests {
    static let yaml = """
        name: Streamed
        seed: 7
        horizon: 2d
        warmup: 2h
        replications: 80
        handling: {distribution: exponential, mean: 4m}
        patience: {distribution: exponential, mean: 3m}
        escalation: {probability: 0.1, handoff: 1m, decision: 1m}
        consoles: 2
        call_types:
          - {name: silent, share: 0.4, handling: 1m, escalation: {probability: 0}}
          - {name: report, share: 0.6}
        centres:
          - {code: A, calls_per_day: 300}
          - {code: B, calls_per_day: 200}
        """

    /// Every estimate of a result, in one list: the total's, each centre's and type's, the hours',
    /// the wait curve's and the delays to 112.
    static func estimates(_ result: RunResult) -> [Estimate] {
        result.total + result.centres.flatMap(\.kpis) + result.types.flatMap(\.kpis) + result.byHour.flatMap { $0 }
            + result.waitSurvival.map(\.share) + result.escalationDelays.flatMap { $0 }
    }

    @Test("Sections cut in blocks as replications end equal those of the replications kept, at every look")
    func sectionsAtEveryLook() async throws {
        let scenario = try scenario(Self.yaml)
        let summaries = await Simulator.batch(scenario, replications: 0..<80, jobs: 2)
        var figures = RunFigures(scenario, counts: Confidence.counts(firstBatch: 20, cap: 80, sequential: true))
        for (index, summary) in summaries.enumerated() {
            figures.add(summary)
            guard [20, 40, 80].contains(index + 1) else { continue }
            let kept = RunResult(scenario: scenario, replications: Array(summaries[0...index]), wallSeconds: 0)
            let streamed = RunResult(
                scenario: scenario, figures: figures, wallSeconds: 0, hours: HourFigures(centres: []))
            #expect(Self.estimates(kept) == Self.estimates(streamed), "after \(index + 1) replications")
        }
    }

    @Test("Past the figures kept one by one, the running sums give the same estimates (values left out)")
    func sumsAgree() async throws {
        let scenario = try scenario(Self.yaml)
        let summaries = await Simulator.batch(scenario, replications: 0..<80, jobs: 2)
        let kept = RunResult(scenario: scenario, replications: summaries, wallSeconds: 0)
        // A run that might go on to a million replications keeps only the sums.
        var figures = RunFigures(scenario, counts: [80, 1_000_000])
        #expect(figures.kept == nil)
        for summary in summaries { figures.add(summary) }
        let streamed = RunResult(scenario: scenario, figures: figures, wallSeconds: 0, hours: HourFigures(centres: []))
        for (a, b) in zip(Self.estimates(kept), Self.estimates(streamed)) {
            #expect(a.mean == b.mean && a.n == b.n && a.degreesOfFreedom == b.degreesOfFreedom)
            #expect((a.ci95 == nil) == (b.ci95 == nil))
            if let x = a.ci95, let y = b.ci95 { #expect(abs(x - y) <= 1e-9 * max(abs(x), 1e-12)) }
            if a.upper.isFinite { #expect(abs(a.upper - b.upper) <= 1e-9 * max(abs(a.upper), 1)) }
            if a.values.count == 80 { #expect(b.values.isEmpty) } else { #expect(a.values == b.values) }
        }
        #expect(kept.targets.map(\.state) == streamed.targets.map(\.state))
        #expect(kept.simulatedCalls == streamed.simulatedCalls && kept.events == streamed.events)
    }

    @Test("What a run of 65,536 replications keeps does not grow with them")
    func flat() async throws {
        var scenario = try scenario(Self.yaml)
        scenario.horizon = 600
        scenario.warmup = 0
        let summaries = await Simulator.batch(scenario, replications: 0..<40, jobs: 2)
        var figures = RunFigures(scenario, counts: Confidence.counts(firstBatch: 65_536, cap: 65_536, sequential: false))
        #expect(figures.kept == nil)
        #expect(figures.edges == (0..<10).map { $0 * 65_536 / 10 })
        for round in 0..<50 {
            for summary in summaries { figures.add(summary) }
            #expect(figures.blocks.count <= 1 + round * 40 / 6_553, "one block per section begun")
        }
        // With the precision rule's looks (20, 40, … 2,000): at most 11 edges a look.
        let looks = Confidence.counts(firstBatch: 20, cap: 2_000, sequential: true)
        #expect(RunFigures(scenario, counts: looks).edges.count <= 11 * looks.count)
    }
}
