import CallModel
@testable import Sizing
import Testing

/// Sizing centres that share callers (a night pool by hour, overflow all day) with a national
/// target: the answer does not hang on the seed, because every centre's (centre-hour's) own
/// targets are met first and the national target's consoles are added in an order fixed before
/// any simulation (TotalTopUp.swift); and it holds when checked with a seed sizing never saw.
@Suite struct SizingTogetherTests {
    /// Eight centres, pooled from 22:00 to 07:00; the national urgent target needs about a third
    /// more console-hours than the centres' own targets.
    static let eightCentres = """
        name: Eight centres, national queue at night
        seed: 1
        horizon: 14d
        replications: 20
        service_level_threshold: 20s
        handling: {distribution: exponential, mean: 6m}
        patience: {distribution: exponential, mean: 2m}
        escalation: {probability: 0.1}
        arrivals:
          daily_profile: [0.3, 0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 0.9, 1.1, 1.2, 1.3,
                          1.3, 1.3, 1.3, 1.4, 1.5, 1.6, 1.8, 1.9, 1.8, 1.5, 1.1, 0.6]
        routing: ROUTING
        targets: {service_level: 0.8, abandonment_rate: 0.1}
        national_targets: {urgent_lost_per_year: 150}
        consoles: 2
        centres:
          - {code: A, neighbours: [H, B], calls_per_day: 120}
          - {code: B, neighbours: [A, C], calls_per_day: 100}
          - {code: C, neighbours: [B, D], calls_per_day: 80}
          - {code: D, neighbours: [C, E], calls_per_day: 70}
          - {code: E, neighbours: [D, F], calls_per_day: 60}
          - {code: F, neighbours: [E, G], calls_per_day: 50}
          - {code: G, neighbours: [F, H], calls_per_day: 40}
          - {code: H, neighbours: [G, A], calls_per_day: 30}
        """

    /// `eightCentres` pooled from 22:00 to 07:00, with a national target of `urgent` a year.
    static func nightPool(urgent: Int = 150) -> String {
        eightCentres.replacingOccurrences(of: "ROUTING", with: #"{policy: local, periods: [{from: "22:00", to: "07:00", policy: pooled}]}"#)
            .replacingOccurrences(of: "urgent_lost_per_year: 150", with: "urgent_lost_per_year: \(urgent)")
    }

    /// `eightCentres` in a ring, a caller waiting 30 s answered by a neighbour's idle console.
    static func overflow(urgent: Int = 60) -> String {
        eightCentres.replacingOccurrences(of: "ROUTING", with: "{policy: overflow, overflow_after: 30s}")
            .replacingOccurrences(of: "urgent_lost_per_year: 150", with: "urgent_lost_per_year: \(urgent)")
    }

    /// Sizes `yaml` with seeds 1-3, expects every target met and held on seed 999 with 200
    /// replications, and returns the plans.
    func sizeWithThreeSeeds(_ yaml: String, byHour: Bool) async throws -> [ConsolePlan] {
        var plans: [ConsolePlan] = []
        for seed in [1, 2, 3] as [UInt64] {
            var base = try scenario(yaml)
            base.seed = seed
            let outcome = await ConsoleSizing(base, byHour: byHour, jobs: 2).size()
            #expect(outcome.unreachable.isEmpty)
            #expect(outcome.result.targets.allSatisfy { !$0.state.fails }, "seed \(seed)")
            var check = outcome.sized
            check.seed = 999
            check.replications = 200
            let independent = await Simulator.run(check, jobs: 2, hourlyCentres: Array(check.centres.indices))
            let failing = independent.targets.filter(\.state.fails).map { "\($0.scope) \($0.target.measure) \($0.hour.map(String.init) ?? "")" }
            #expect(failing.isEmpty, "seed \(seed): \(failing)")
            plans.append(outcome.plan)
        }
        return plans
    }

    @Test("Night pool by hour, three seeds: ≥ 90 % of centre-hours alike, console-hours within 2 %, each plan holds on an unseen seed")
    func sameWhateverTheSeed() async throws {
        let plans = try await sizeWithThreeSeeds(Self.nightPool(), byHour: true)
        for (a, b) in [(0, 1), (0, 2), (1, 2)] {
            let alike = zip(plans[a].staffing, plans[b].staffing).reduce(0) { total, pair in
                total + zip(pair.0.hours, pair.1.hours).filter { $0 == $1 }.count
            }
            #expect(alike >= 173, "seeds \(a + 1) and \(b + 1): \(alike) of 192 centre-hours alike")
            let (x, y) = (Double(plans[a].totalShown), Double(plans[b].totalShown))
            #expect(abs(x - y) <= 0.02 * min(x, y), "console-hours \(x) against \(y)")
        }
        // The national target binds: without it the centres' own targets need far fewer.
        let local = await ConsoleSizing(try scenario(Self.nightPool(urgent: 100_000)), byHour: true, jobs: 2).size()
        #expect(Double(local.plan.totalShown) < 0.85 * Double(plans[0].totalShown), "\(local.plan.totalShown) against \(plans[0].totalShown)")
    }

    @Test("Overflow all day, three seeds: totals within 2 consoles, 7 of 8 centres alike, each plan holds on an unseen seed")
    func overflowWhateverTheSeed() async throws {
        let plans = try await sizeWithThreeSeeds(Self.overflow(), byHour: false)
        for (a, b) in [(0, 1), (0, 2), (1, 2)] {
            let alike = zip(plans[a].staffing, plans[b].staffing).filter { $0.peak == $1.peak }.count
            #expect(alike >= 7, "seeds \(a + 1) and \(b + 1): \(alike) of 8 centres alike")
            #expect(abs(plans[a].totalShown - plans[b].totalShown) <= 2, "\(plans[a].totalShown) against \(plans[b].totalShown) consoles")
        }
        // The national target binds: without it the centres' own targets need far fewer.
        let own = await ConsoleSizing(try scenario(Self.overflow(urgent: 100_000)), jobs: 2).size()
        #expect(Double(own.plan.totalShown) < 0.75 * Double(plans[0].totalShown), "\(own.plan.totalShown) against \(plans[0].totalShown)")
    }
}
