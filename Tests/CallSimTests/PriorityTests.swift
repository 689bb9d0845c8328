import CallModel
import Foundation
import SimStatistics
import Testing

/// Non-preemptive priority by call type (docs/model.md, "Priority") against Cobham's exact waits,
/// and the conditions the rest of the model relies on.
@Suite struct PriorityTests {
    /// Cobham (1954): in M/M/c with one service rate μ for every class and non-preemptive priority,
    /// class k (1 most urgent) waits on average C(c, a) / (cμ (1 − σₖ₋₁)(1 − σₖ)), where σₖ is the
    /// load of classes 1…k per console and C(c, a) Erlang C's probability of waiting.
    static func cobham(consoles: Int, callsPerSecond: Double, shares: [Double], meanHandling: Double) -> [Double] {
        let queue = ErlangC(consoles: consoles, callsPerSecond: callsPerSecond, meanHandling: meanHandling)
        let capacity = Double(consoles) / meanHandling
        var before = 0.0
        return shares.map { share in
            let through = before + share * callsPerSecond / capacity
            defer { before = through }
            return queue.pWait / (capacity * (1 - before) * (1 - through))
        }
    }

    static func yaml(consoles: Int, callsPerDay: Double, types: [(share: Double, priority: Int)], seed: Int) -> String {
        """
        name: Priority M/M/\(consoles)
        seed: \(seed)
        horizon: 60d
        warmup: 2d
        replications: 40
        precision: 0
        handling: {distribution: exponential, mean: 5m}
        call_types:
        \(types.enumerated().map { "  - {name: t\($0), share: \($1.share), priority: \($1.priority)}" }.joined(separator: "\n"))
        centres:
          - {code: Q, calls_per_day: \(callsPerDay), consoles: \(consoles)}
        """
    }

    @Test("Two priorities on M/M/3 at 80 % load: each type's ASA is Cobham's exact wait", arguments: [7, 8])
    func twoClasses(seed: Int) async throws {
        // 691.2 calls a day of 5 minutes on 3 consoles: 2.4 Erlangs; 30 % urgent (priority 1).
        let result = await simulate(try scenario(Self.yaml(consoles: 3, callsPerDay: 691.2, types: [(0.3, 1), (0.7, 2)], seed: seed)))
        let exact = Self.cobham(consoles: 3, callsPerSecond: 691.2 / 86_400, shares: [0.3, 0.7], meanHandling: 300)
        #expect(abs(exact[0] - 85.2) < 0.1 && abs(exact[1] - 425.8) < 0.1, "\(exact)")
        for (index, wait) in exact.enumerated() {
            expectAgrees(result.types[index].kpis[KPI.asa.index], wait, precision: 0.06, "type \(index) ASA")
        }
        // Priority moves waiting time between types; all callers together wait as under first come, first served.
        let fcfs = try #require(ErlangC(consoles: 3, callsPerSecond: 691.2 / 86_400, meanHandling: 300).meanWait)
        expectAgrees(result[.asa], fcfs, precision: 0.06, "ASA of all callers")
    }

    @Test("Three priorities given in any order and with gaps (10, 2, 5) on M/M/2")
    func threeClassesOutOfOrder() async throws {
        // Types listed least urgent first: priorities 10, 2 and 5 are levels 3, 1 and 2.
        let types = [(share: 0.5, priority: 10), (share: 0.2, priority: 2), (share: 0.3, priority: 5)]
        let result = await simulate(try scenario(Self.yaml(consoles: 2, callsPerDay: 403.2, types: types, seed: 3)))
        // By priority: shares 0.2, 0.3, 0.5 at 1.4 Erlangs on 2 consoles.
        let exact = Self.cobham(consoles: 2, callsPerSecond: 403.2 / 86_400, shares: [0.2, 0.3, 0.5], meanHandling: 300)
        for (type, level) in [(1, 0), (2, 1), (0, 2)] {
            expectAgrees(result.types[type].kpis[KPI.asa.index], exact[level], precision: 0.06, "type \(type) (level \(level)) ASA")
        }
    }

    @Test("Equal priorities change nothing: the figures of a run without them, replication by replication")
    func equalPrioritiesAreFirstComeFirstServed() async throws {
        let plain = await simulate(try scenario(Self.yaml(consoles: 3, callsPerDay: 600, types: [(0.3, 0), (0.7, 0)], seed: 5)))
        let equal = await simulate(try scenario(Self.yaml(consoles: 3, callsPerDay: 600, types: [(0.3, 4), (0.7, 4)], seed: 5)))
        for kpi in [KPI.asa, .meanWait, .waitP90, .answered] {
            #expect(plain[kpi].values == equal[kpi].values, "\(kpi)")
        }
        let ordered = await simulate(try scenario(Self.yaml(consoles: 3, callsPerDay: 600, types: [(0.3, 1), (0.7, 2)], seed: 5)))
        #expect(ordered.types[0].kpis[KPI.asa.index].mean! < plain.types[0].kpis[KPI.asa.index].mean!, "priority shortens the urgent type's wait")
    }

    @Test("With priorities under overflow and redials, a caller's fate before an answer does not depend on his urgency")
    func urgencyPlaysNoPartWithPriorities() async throws {
        // The rare-loss estimator's condition (docs/model.md): priority depends on the type, not on
        // the urgency drawn within it, so other urgency draws leave every fate as it was.
        let base = """
            name: Priority and urgency
            seed: 29
            horizon: 14d
            warmup: 1d
            replications: 8
            precision: 0
            handling: {distribution: exponential, mean: 7m}
            patience: {distribution: exponential, mean: 2m}
            redial: {probability: 0.5, delay: {distribution: exponential, mean: 5m}}
            routing: {policy: local, periods: [{from: "20:00", to: "08:00", policy: overflow, overflow_after: 30s}]}
            call_types:
              - {name: report, share: 0.4, priority: 1, escalation: {probability: 0.05, decision: 2m}}
              - {name: other, share: 0.6, priority: 2, escalation: {probability: 0.01, decision: 2m}}
            centres:
              - {code: A, calls_per_day: 300, consoles: 2, neighbours: [B]}
              - {code: B, calls_per_day: 200, consoles: 2, neighbours: [A], queue_capacity: 4}
            """
        let rare = await simulate(try scenario(base))
        let common = await simulate(try scenario(base
            .replacingOccurrences(of: "probability: 0.05, decision", with: "probability: 0.7, decision")
            .replacingOccurrences(of: "probability: 0.01, decision", with: "probability: 0.5, decision")))
        #expect(rare[.escalated].mean! < common[.escalated].mean!, "the urgency flags differ")
        for kpi in [KPI.offered, .answered, .abandoned, .blocked, .redials, .overflowed, .asa, .meanWait, .waitP90, .utilisation] {
            #expect(rare[kpi].values == common[kpi].values, "\(kpi) per replication")
        }
    }
}
