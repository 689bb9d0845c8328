@testable import CallModel
import Testing

/// The waiting lines' books against the callers actually in them, after whole replications.
@Suite struct WaitingLineTests {
    /// Overflow with redials: a caller who became eligible, gave up and calls again must start his
    /// new attempt not eligible (his patience, drawn anew, may end before he is eligible again).
    static let overflowWithRedials = """
        name: Overflow with redials
        seed: 5
        horizon: 3d
        replications: 4
        handling: {distribution: exponential, mean: 6m}
        patience: {distribution: uniform, min: 1s, max: 60s}
        redial: {probability: 0.9, delay: {distribution: exponential, mean: 2m}}
        routing: {policy: overflow, overflow_after: 30s}
        centres:
          - {code: A, calls_per_day: 400, consoles: 1, neighbours: [B]}
          - {code: B, calls_per_day: 100, consoles: 1, neighbours: [A]}
        """

    @Test("Overflow with redials: the counts of callers waiting and eligible match the lines")
    func overflowRedials() throws {
        let scenario = try scenario(Self.overflowWithRedials)
        guard case .overflow(let after) = scenario.routing else { Issue.record("not overflow"); return }
        for replication in 0..<scenario.replications {
            var run = Replication(
                scenario, replication: replication, routing: OverflowRouting(after: after, centres: scenario.centres))
            let summary = run.run()
            #expect(summary.total.figures[KPI.redials.index].part > 100, "the case must exercise redials")
            let exact = run.lines.countsAreExact(callers: run.callers)
            #expect(exact, "replication \(replication): eligible \(run.lines.eligible)")
        }
    }
}

extension WaitingLineTests {
    /// What the hook at the end of each switch saw (`TimeOfDayRouting.afterSwitch`).
    final class Switches {
        var count = 0
        var inexact: [Int] = []  // the switches after which the books did not match the lines
    }

    @Test("Routing by time of day (pooled nights, overflow at noon) with redials: the books match the lines after every switch")
    func timeOfDay() throws {
        let text = Self.overflowWithRedials.replacingOccurrences(
            of: "routing: {policy: overflow, overflow_after: 30s}",
            with: "routing: {policy: local, periods: [{from: \"22:00\", to: \"07:00\", policy: pooled}, {from: \"11:00\", to: \"15:00\", policy: overflow, overflow_after: 20s}]}")
        let scenario = try scenario(text)
        guard case .byTimeOfDay(let main, let periods) = scenario.routing else { Issue.record("not by time of day"); return }
        for replication in 0..<scenario.replications {
            let routing = TimeOfDayRouting(main: main, periods: periods, centres: scenario.centres)
            var watched = routing
            let switches = Switches()
            watched.afterSwitch = { lines, callers in
                switches.count += 1
                if !lines.countsAreExact(callers: callers) { switches.inexact.append(switches.count) }
            }
            var run = Replication(scenario, replication: replication, routing: watched)
            let summary = run.run()
            #expect(summary.total.figures[KPI.overflowed.index].part > 0)
            // Four switches a day (07:00, 11:00, 15:00, 22:00) over the 3 days, and any in the drain.
            #expect(switches.count >= 12, "replication \(replication): \(switches.count) switches")
            #expect(switches.inexact.isEmpty, "replication \(replication): books wrong after switches \(switches.inexact)")
            let exact = run.lines.countsAreExact(callers: run.callers)
            #expect(exact, "replication \(replication): eligible \(run.lines.eligible)")
            // The hook only watches: the figures are those of a run without it.
            var plain = Replication(scenario, replication: replication, routing: routing)
            #expect(plain.run().total.figures == summary.total.figures, "replication \(replication)")
        }
    }
}
