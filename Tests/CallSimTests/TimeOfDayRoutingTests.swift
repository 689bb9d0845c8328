import CallModel
import Foundation
import SimStatistics
import Testing

/// Routing by time of day: in hours away from a switch each policy behaves as if it were in force
/// all day; at a switch, waiting callers move to the lines of the new policy and idle consoles take them.
@Suite struct TimeOfDayRoutingTests {
    /// `RoutingTests`' four centres of two consoles at 85 % load, exponential handling (3 min) and
    /// patience (2 min), flat arrivals: one national line from 00:00 to 12:00, each centre alone after.
    static let halfPooled = RoutingTests.centres(
        routing: "{policy: local, periods: [{from: \"00:00\", to: \"12:00\", policy: pooled}]}")

    /// The total's abandonment, service level and ASA over the calls arriving in `hours`, one
    /// figure per replication.
    static func over(_ hours: Range<Int>, of result: RunResult) -> (abandonment: Estimate, serviceLevel: Estimate, asa: Estimate) {
        let replications = result.scenario.replications
        func value(_ hour: Int, _ kpi: HourKPI, _ replication: Int) -> Double {
            result.byHour[hour][kpi.index].values[replication] ?? 0
        }
        var abandonment: [Double?] = [], level: [Double?] = [], asa: [Double?] = []
        for r in 0..<replications {
            let offered = hours.reduce(0) { $0 + value($1, .offered, r) }
            let answered = hours.reduce(0) { $0 + value($1, .answered, r) }
            abandonment.append(hours.reduce(0) { $0 + value($1, .abandoned, r) } / offered)
            level.append(hours.reduce(0) { $0 + value($1, .serviceLevel, r) * value($1, .offered, r) } / offered)
            asa.append(hours.reduce(0) { $0 + value($1, .asa, r) * value($1, .answered, r) } / answered)
        }
        return (Estimate(values: abandonment), Estimate(values: level), Estimate(values: asa))
    }

    @Test("Away from a switch, pooled hours equal Erlang A with all 8 consoles and local hours each centre's 2")
    func exactAwayFromSwitches() async throws {
        let result = await simulate(try scenario(Self.halfPooled))
        let rate = 816 / 86_400.0
        let pooled = ErlangA(consoles: 8, callsPerSecond: 4 * rate, meanHandling: 180, meanPatience: 120)
        let local = ErlangA(consoles: 2, callsPerSecond: rate, meanHandling: 180, meanPatience: 120)
        // Two hours from each switch (00:00 and 12:00): a queue of 3-minute calls forgets its start within minutes.
        let night = Self.over(2..<10, of: result), day = Self.over(14..<22, of: result)
        expectAgrees(night.abandonment, pooled.pAbandon, precision: 0.08, "pooled hours: abandonment")
        expectAgrees(night.serviceLevel, pooled.serviceLevel(within: 20), "pooled hours: service level")
        expectAgrees(night.asa, try #require(pooled.meanWaitAnswered), precision: 0.08, "pooled hours: ASA")
        expectAgrees(day.abandonment, local.pAbandon, "local hours: abandonment")
        expectAgrees(day.serviceLevel, local.serviceLevel(within: 20), "local hours: service level")
        expectAgrees(day.asa, try #require(local.meanWaitAnswered), "local hours: ASA")
        // The two regimes are far apart, so the test can tell them apart.
        #expect(local.pAbandon > 2 * pooled.pAbandon)
    }

    @Test("At a switch to pooled, callers who waited all day at a centre without consoles are answered by another's idle consoles")
    func switchMovesWaitingCallers() async throws {
        let result = await simulate(try scenario("""
            name: Night pool
            seed: 4
            horizon: 20d
            replications: 6
            handling: 1m
            routing: {policy: local, periods: [{from: "22:00", to: "07:00", policy: pooled}]}
            centres:
              - {code: A, calls_per_day: 24, consoles: 0}
              - {code: B, calls_per_day: 0, consoles: 2}
            """))
        #expect(result[.offered].mean == result[.answered].mean, "nobody hangs up: every caller is answered")
        #expect(result[.overflowed].mean == result[.answered].mean, "only B's consoles answer")
        let asa = { (hour: Int) in result.byHour[hour][HourKPI.asa.index].mean ?? -1 }
        // A caller arriving in hour h of the local day waits until 22:00 (and for the backlog of at
        // most 15 one-minute calls on two consoles): from 14 h 30 min at 07:00–08:00 to 30 min at 21:00–22:00.
        #expect(asa(7) > 14 * 3_600 && asa(7) < 15 * 3_600 + 600, "07:00 arrivals wait \(asa(7)) s")
        #expect(asa(21) > 1_800 - 300 && asa(21) < 1_800 + 600, "21:00 arrivals wait \(asa(21)) s")
        for hour in [23, 0, 3, 6] { #expect(asa(hour) < 60, "in pooled hours B answers at once (\(hour):00: \(asa(hour)) s)") }
    }

    @Test("Time-of-day routing keeps every caller as he was: offered calls equal those under local routing")
    func commonRandomNumbers() async throws {
        let local = await simulate(try scenario(RoutingTests.centres(routing: "{policy: local}")))
        let mixed = await simulate(try scenario(Self.halfPooled))
        #expect(local.centres.map { $0.kpis[KPI.offered.index].values } == mixed.centres.map { $0.kpis[KPI.offered.index].values })
    }
}
