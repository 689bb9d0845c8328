import CGSL
import CallModel
import Foundation
import SimStatistics
import Testing

/// Invariants that hold in every replication, whatever the parameters.
@Suite struct InvariantTests {
    /// Busy, with every feature of the core model: call types, patience, a queue limit, escalation.
    static let busy = """
        name: Busy centres
        seed: 42
        horizon: 7d
        warmup: 1d
        replications: 8
        handling: {distribution: lognormal, mean: 6m, sd: 4m}
        wrapup: {distribution: uniform, min: 30s, max: 2m}
        patience: {distribution: weibull, shape: 0.8, scale: 2m}
        queue_capacity: 3
        escalation: {probability: 0.1, handoff: {distribution: gamma, mean: 90s, sd: 30s}, decision: 2m}
        arrivals:
          daily_profile: [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 1.5, 1.8, 1.8, 1.6,
                          1.5, 1.5, 1.5, 1.5, 1.6, 1.8, 2, 2, 1.5, 1, 0.5, 0.3]
          weekly_profile: [1, 1, 1, 1, 1, 1.3, 1.3]
        call_types:
          - {name: silent, share: 0.4, handling: {distribution: empirical, values: [10s, 30s, 1m]}, wrapup: 0s,
             escalation: {probability: 0}}
          - {name: report, share: 0.6}
        centres:
          - {code: A, calls_per_day: 400, consoles: 2}
          - {code: B, calls_per_day: 150, consoles: 1, queue_capacity: 0}
          - {code: C, calls_per_day: 700, consoles: 4, patience: {distribution: exponential, mean: 1m}}
        """

    @Test("Every offered call is answered, abandoned or blocked, in every replication and scope")
    func conservation() async throws {
        let result = await simulate(try scenario(Self.busy))
        let scopes = [result.total] + result.centres.map(\.kpis) + result.types.map(\.kpis)
        for kpis in scopes {
            for replication in 0..<8 {
                let value = { (kpi: KPI) in kpis[kpi.index].values[replication] ?? -1 }
                #expect(value(.offered) == value(.answered) + value(.abandoned) + value(.blocked))
            }
        }
        #expect((result[.blocked].mean ?? 0) > 0)
        #expect((result[.abandoned].mean ?? 0) > 0)
        // A centre with queue_capacity 0 is a loss system: nobody waits.
        #expect(result.centres[1].kpis[KPI.abandoned.index].mean == 0)
        #expect(result.centres[1].kpis[KPI.asa.index].mean == 0)
    }

    @Test("The share of answered callers who are urgent equals the escalation probability")
    func escalatedShare() async throws {
        let result = await simulate(try scenario("""
            name: Escalations
            seed: 8
            horizon: 60d
            replications: 10
            handling: {distribution: exponential, mean: 5m}
            escalation: {probability: 0.05, handoff: 1m}
            centres:
              - {code: E, calls_per_day: 200, consoles: 3}
            """))
        let answered = result[.answered].values.compactMap { $0 }.reduce(0, +)
        let escalated = result[.escalated].values.compactMap { $0 }.reduce(0, +)
        let share = escalated / answered
        // Binomial: within 3 standard errors.
        #expect(abs(share - 0.05) <= 3 * (0.05 * 0.95 / answered).squareRoot(), "share \(share) of \(answered)")
        // Nobody hangs up, so no urgent call is lost, and every alert takes at least the hand-off.
        #expect(result[.urgentLost].mean == 0)
        #expect((result[.escalationDelayP95].mean ?? 0) >= 60)
    }

    @Test("Offered calls by hour of day follow the daily and weekly profiles (chi-square)")
    func profile() async throws {
        let daily: [Double] = [1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 6, 6, 6, 6, 6, 5, 5, 4, 3, 2, 1, 1]
        let weekly: [Double] = [1, 1, 1, 1, 1, 2, 0.5]
        let result = await simulate(try scenario("""
            name: Profile
            seed: 77
            horizon: 5w
            warmup: 3d
            replications: 4
            handling: {distribution: exponential, mean: 1m}
            arrivals:
              daily_profile: \(daily)
              weekly_profile: \(weekly)
            centres:
              - {code: P, calls_per_day: 240, consoles: 10}
            """))
        // Expected arrivals in each clock hour of the window [3d, 3d + 5w), replications added up.
        let dailySum = daily.reduce(0, +), weeklySum = weekly.reduce(0, +)
        var expected = [Double](repeating: 0, count: 24)
        for hour in (3 * 24)..<(3 * 24 + 35 * 24) {
            let rate = 240.0 / 24 * (daily[hour % 24] * 24 / dailySum) * (weekly[(hour / 24) % 7] * 7 / weeklySum)
            expected[hour % 24] += rate * 4
        }
        let observed = result.byHour.map { row in row[0].values.compactMap { $0 }.reduce(0, +) }
        let chiSquare = zip(observed, expected).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) / $1.1 }
        let critical = gsl_cdf_chisq_Pinv(0.999, 24)
        #expect(chiSquare < critical, "chi-square \(chiSquare) ≥ \(critical): observed \(observed), expected \(expected)")
        // And the totals: 35 days × 240 calls × 4 replications, within 4 Poisson standard deviations.
        let total = observed.reduce(0, +), mean = expected.reduce(0, +)
        #expect(abs(total - mean) < 4 * mean.squareRoot())
    }

    @Test("Redials: every attempt answered, abandoned or blocked; redials counted; a redialling caller is not lost")
    func redials() async throws {
        let text = Self.busy.replacingOccurrences(of: "horizon: 7d", with: "horizon: 7d\nredial: {probability: 0.6, delay: {distribution: exponential, mean: 5m}}")
        let result = await simulate(try scenario(text))
        for kpis in [result.total] + result.centres.map(\.kpis) {
            for replication in 0..<8 {
                let value = { (kpi: KPI) in kpis[kpi.index].values[replication] ?? -1 }
                #expect(value(.offered) == value(.answered) + value(.abandoned) + value(.blocked))
            }
        }
        // About 60 % of the attempts that end unanswered come back (edges of the window aside).
        let gaveUp = result[.abandoned].values.compactMap { $0 }.reduce(0, +) + result[.blocked].values.compactMap { $0 }.reduce(0, +)
        let redials = result[.redials].values.compactMap { $0 }.reduce(0, +)
        let share = redials / gaveUp
        #expect(abs(share - 0.6) <= 3 * (0.6 * 0.4 / gaveUp).squareRoot() + 0.01, "redials \(redials) of \(gaveUp)")
        // Redials add load: more offered calls than without them, from the same first attempts.
        let without = await simulate(try scenario(Self.busy))
        #expect((result[.offered].mean ?? 0) > (without[.offered].mean ?? 0))
        #expect(result[.offered].mean! - result[.redials].mean! == without[.offered].mean!)

        // The more callers call again, the fewer are lost for good (0.99 is the most callsim takes:
        // callers give up in the end).
        let almostAlways = await simulate(try scenario(Self.busy.replacingOccurrences(
            of: "horizon: 7d", with: "horizon: 7d\nredial: {probability: 0.99, delay: 1m}")))
        let lost = [without, result, almostAlways].map { $0[.urgentLost] }
        for (fewer, more) in zip(lost.dropFirst(), lost) {
            #expect((fewer.mean ?? .infinity) + (fewer.ci95 ?? 0) + (more.ci95 ?? 0) < (more.mean ?? 0), "\(lost.map(\.mean))")
        }
    }
}
