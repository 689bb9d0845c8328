import CallModel
import Foundation
import SimStatistics
import Testing

/// Routing between centres against Erlang A, and against each other with common random numbers.
@Suite struct RoutingTests {
    /// Four centres of two consoles, 85 % load each, exponential handling (3 min) and patience (2 min).
    static func centres(routing: String) -> String {
        """
        name: Routing
        seed: 31
        horizon: 30d
        warmup: 1d
        replications: 20
        handling: {distribution: exponential, mean: 3m}
        patience: {distribution: exponential, mean: 2m}
        routing: \(routing)
        centres:
          - {code: A, calls_per_day: 816, neighbours: [B, C, D]}
          - {code: B, calls_per_day: 816, neighbours: [C, D, A]}
          - {code: C, calls_per_day: 816, neighbours: [D, A, B]}
          - {code: D, calls_per_day: 816, neighbours: [A, B, C]}
        """
    }

    /// Erlang A with all eight consoles.
    static let pooledExact = ErlangA(consoles: 8, callsPerSecond: 4 * 816 / 86_400.0, meanHandling: 180, meanPatience: 120)

    @Test("Pooled routing of 4 centres × 2 consoles equals Erlang A with 8 consoles")
    func pooled() async throws {
        let result = await simulate(try scenario(Self.centres(routing: "{policy: pooled}")))
        let exact = Self.pooledExact
        expectAgrees(result[.abandonmentRate], exact.pAbandon, "abandonment")
        expectAgrees(result[.meanWait], try #require(exact.meanWait), "mean wait of all callers")
        expectAgrees(result[.asa], try #require(exact.meanWaitAnswered), "ASA")
        expectAgrees(result[.serviceLevel], exact.serviceLevel(within: 20), "service level")
        expectAgrees(result[.utilisation], exact.occupancy, "utilisation")
        #expect((result[.overflowed].mean ?? 0) > 0)
    }

    @Test("Overflow after 0 s to every other centre is work-conserving: Erlang A's abandonment, waits, utilisation")
    func overflowImmediately() async throws {
        let result = await simulate(try scenario(Self.centres(routing: "{policy: overflow, overflow_after: 0s}")))
        let exact = Self.pooledExact
        expectAgrees(result[.abandonmentRate], exact.pAbandon, "abandonment")
        expectAgrees(result[.meanWait], try #require(exact.meanWait), "mean wait of all callers")
        expectAgrees(result[.utilisation], exact.occupancy, "utilisation")
    }

    @Test("Overflow after a delay lies between local and pooled (same seed)")
    func overflowBetween() async throws {
        let local = await simulate(try scenario(Self.centres(routing: "{policy: local}")))
        let overflow = await simulate(try scenario(Self.centres(routing: "{policy: overflow, overflow_after: 30s}")))
        let pooled = await simulate(try scenario(Self.centres(routing: "{policy: pooled}")))
        let rate = { (result: RunResult) in result[.abandonmentRate].mean ?? .nan }
        #expect(rate(pooled) < rate(overflow) && rate(overflow) < rate(local),
                "abandonment: pooled \(rate(pooled)), overflow \(rate(overflow)), local \(rate(local))")
        #expect(local[.overflowed].mean == 0)
        // The same callers arrive under every policy (common random numbers).
        #expect(local[.offered] == overflow[.offered] && overflow[.offered] == pooled[.offered])
        // Every attempt is accounted for, and a centre's figures count its own callers.
        for result in [overflow, pooled] {
            for replication in 0..<20 {
                let value = { (kpi: KPI) in result[kpi].values[replication] ?? -1 }
                #expect(value(.offered) == value(.answered) + value(.abandoned) + value(.blocked))
            }
        }
    }
}
