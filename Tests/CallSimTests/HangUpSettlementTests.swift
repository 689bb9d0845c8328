import CallModel
import Testing

/// Hanging up settled at the head of the line (docs/model.md, "Hanging up, settled at the head of
/// the line") must give every caller the fate a patience event would: a queue capacity no caller
/// ever reaches makes the replication keep one patience event per waiting caller, so the same
/// scenario with and without it compares the two ways, caller for caller.
@Suite struct HangUpSettlementTests {
    /// Local routing under every feature that moves callers in and out of line: a warm-up, a
    /// daily profile, a night with no console on shift, an absence, a surge, two call types,
    /// escalation with a hand-off, callers who hang up soon and some who never do.
    static let busy = """
        name: Hang-ups settled at the head
        seed: 5
        horizon: 10d
        warmup: 1d
        replications: 4
        handling: {distribution: lognormal, mean: 6m, sd: 4m}
        patience: {distribution: exponential, mean: 3m}
        escalation: {probability: 0.05, handoff: 2m}
        arrivals:
          daily_profile: [1, 1, 1, 1, 1, 1, 2, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 3, 2, 2, 1, 1]
        call_types:
          - {name: silent, share: 0.6, handling: {distribution: exponential, mean: 30s}}
          - {name: report, share: 0.4}
        surges:
          - {from: 3d, to: 4d, factor: 3}
        absences:
          - {centre: B, from: 5d, to: 6d12h, consoles: 2}
        centres:
          - {code: A, calls_per_day: 300, consoles: {by_hour: [0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 0]}}
          - {code: B, calls_per_day: 500, consoles: 2}
          - {code: C, calls_per_day: 150, consoles: 1, patience: {distribution: uniform, min: 0s, max: 20m}}
        """

    /// Callers who hung up but are not yet settled still hold a slot; they must not count towards
    /// the limit on callers held at once. A centre with no console for five days and impatient
    /// callers: never more than a few hundred waiting at once, thousands hung up meanwhile.
    @Test("Callers who hung up unseen do not count towards the limit on callers at once")
    func unsettledCallersAreNotAnOverload() async throws {
        let yaml = """
            name: Nobody answers for five days
            seed: 8
            horizon: 7d
            replications: 2
            handling: {distribution: exponential, mean: 3m}
            patience: {distribution: exponential, mean: 1m}
            absences:
              - {centre: A, from: 1d, to: 6d, consoles: 2}
            centres:
              - {code: A, calls_per_day: 2000, consoles: 2}
            """
        var settled = try scenario(yaml)
        settled.callerLimit = 300  // about 1.4 callers wait at once on average while nobody answers
        let result = await simulate(settled)
        #expect(result.overload == nil, "\(String(describing: result.overload))")
        #expect(result[.abandoned].mean ?? 0 > 9_000, "five days of callers hang up")
        var evented = try scenario(yaml.replacingOccurrences(of: "replications: 2", with: "replications: 2\nqueue_capacity: 100000"))
        evented.callerLimit = 300
        let reference = await simulate(evented)
        #expect(reference.overload == nil)
        for kpi in [KPI.offered, .answered, .abandoned] { #expect(result[kpi].values == reference[kpi].values, "\(kpi)") }
    }

    @Test("Every centre's figures are those of a patience event per caller")
    func sameFates() async throws {
        let settled = await simulate(try scenario(Self.busy))
        let unreachable = Self.busy.replacingOccurrences(of: "replications: 4", with: "replications: 4\nqueue_capacity: 100000")
        let evented = await simulate(try scenario(unreachable))
        #expect(settled.events < evented.events, "settling at the head saves events")
        #expect(settled[.abandoned].mean ?? 0 > 100, "the scenario makes callers hang up")
        for (centre, (a, b)) in zip(settled.centres, evented.centres).enumerated() {
            for kpi in KPI.allCases {
                for (x, y) in zip(a.kpis[kpi.index].values, b.kpis[kpi.index].values) {
                    // Equal but for the order in which sums were added up.
                    let same = x == y || (x != nil && y != nil && abs(x! - y!) <= 1e-12 * max(abs(x!), abs(y!)))
                    #expect(same, "centre \(centre) \(kpi): \(String(describing: x)) vs \(String(describing: y))")
                }
            }
        }
    }
}
