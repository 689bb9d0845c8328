import CallModel
import Foundation
import Reports
import Testing

/// Same scenario and seed: the same figures, byte for byte, whatever the number of jobs; and
/// common random numbers across scenarios that differ only in consoles.
@Suite struct DeterminismTests {
    /// The result document without its `run` member (wall time differs between runs).
    func document(_ result: RunResult) -> String {
        guard case .object(let members) = ResultDocument.json(result, withValues: true) else { return "" }
        return JSON.object(members.filter { $0.0 != "run" }).text()
    }

    @Test("Same seed: byte-identical JSON twice, and with 1 and 2 jobs")
    func sameSeedSameBytes() async throws {
        let busy = try scenario(InvariantTests.busy)
        let first = await Simulator.run(busy, jobs: 1)
        let second = await Simulator.run(busy, jobs: 1)
        let parallel = await Simulator.run(busy, jobs: 2)
        #expect(document(first) == document(second))
        #expect(document(first) == document(parallel))
        var other = busy
        other.seed = 43
        #expect(document(await Simulator.run(other, jobs: 2)) != document(first))
    }

    @Test("Same seed, every feature at once: byte-identical with 1 and 2 jobs",
          arguments: [
            "{policy: overflow, overflow_after: 20s}", "{policy: pooled}", "{policy: local}",
            "{policy: local, periods: [{from: \"22:00\", to: \"07:00\", policy: pooled}, {from: \"12:00\", to: \"14:00\", policy: overflow, overflow_after: 10s}]}",
          ])
    func everyFeature(routing: String) async throws {
        let text = InvariantTests.busy
            .replacingOccurrences(of: "horizon: 7d", with: """
                horizon: 7d
                routing: \(routing)
                redial: {probability: 0.4, delay: {distribution: exponential, mean: 3m}}
                surges:
                  - {from: 2d, to: 3d, factor: 2, centres: [A]}
                absences:
                  - {centre: C, from: 2d6h, to: 4d, consoles: 2}
                """)
            .replacingOccurrences(of: "weekly_profile: [1, 1, 1, 1, 1, 1.3, 1.3]",
                                  with: "weekly_profile: [1, 1, 1, 1, 1, 1.3, 1.3]\n  day_to_day_cv: 0.2")
            .replacingOccurrences(of: "{code: A, calls_per_day: 400, consoles: 2}",
                                  with: "{code: A, calls_per_day: 400, consoles: {by_hour: [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 2, 2, 1]}, neighbours: [C, B]}")
            .replacingOccurrences(of: "{code: B, calls_per_day: 150, consoles: 1, queue_capacity: 0}",
                                  with: "{code: B, calls_per_day: 150, consoles: 1, queue_capacity: 0, neighbours: [A]}")
        let all = try scenario(text)
        let one = await Simulator.run(all, jobs: 1), two = await Simulator.run(all, jobs: 2)
        #expect(document(one) == document(two))
        for replication in 0..<8 {
            let value = { (kpi: KPI) in one[kpi].values[replication] ?? -1 }
            #expect(value(.offered) == value(.answered) + value(.abandoned) + value(.blocked))
        }
    }

    @Test("Changing one centre's consoles changes no other centre's figures, nor its own callers")
    func commonRandomNumbers() async throws {
        let base = try scenario(InvariantTests.busy)
        var changed = base
        changed.centres[0].staffing = .allDay(5)
        let before = await simulate(base), after = await simulate(changed)
        for centre in 1..<base.centres.count {
            #expect(before.centres[centre].kpis == after.centres[centre].kpis)
        }
        // The same callers arrive at the changed centre; they just wait less.
        #expect(before.centres[0].kpis[KPI.offered.index] == after.centres[0].kpis[KPI.offered.index])
        let waitBefore = before.centres[0].kpis[KPI.asa.index].mean ?? 0
        let waitAfter = after.centres[0].kpis[KPI.asa.index].mean ?? 0
        #expect(waitAfter < waitBefore)
    }
}
