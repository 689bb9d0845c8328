@testable import CallModel
import Foundation
import SimStatistics
import Testing

/// Shift plans and absences: consoles come and go, calls in progress are finished, nothing is lost.
@Suite struct ShiftTests {
    static let nightOff = """
        name: Night off
        seed: 12
        horizon: 14d
        warmup: 1d
        replications: 6
        handling: {distribution: exponential, mean: 3m}
        consoles: {by_hour: [0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 1, 1]}
        centres:
          - {code: N, calls_per_day: 240}
        """

    @Test("With no console on shift at night, night callers wait for the morning; every call is accounted for")
    func nightShift() async throws {
        let result = await simulate(try scenario(Self.nightOff))
        for replication in 0..<6 {
            let value = { (kpi: KPI) in result[kpi].values[replication] ?? -1 }
            #expect(value(.offered) == value(.answered))  // nobody hangs up, nothing is lost
        }
        for hour in 1..<8 {
            let row = result.byHour[hour]
            #expect(row[HourKPI.serviceLevel.index].mean == 0, "service level at \(hour):00 must be 0 with no console on shift")
            #expect(row[HourKPI.utilisation.index].mean == nil, "no console time on shift at \(hour):00")
        }
        for hour in 0..<24 {
            #expect((result.byHour[hour][HourKPI.utilisation.index].mean ?? 0) <= 1, "utilisation at \(hour):00")
        }
        // Callers arriving between 07:00 and 08:00 wait at least until 08:00: half an hour on average.
        #expect((result.byHour[7][HourKPI.asa.index].mean ?? 0) > 1_800)
        // Console time: 42 console-hours a day (plus a little overtime after 24:00).
        let utilisation = try #require(result[.utilisation].mean)
        let busy = 240.0 * 180 / 3_600  // console-hours of work a day
        #expect(abs(utilisation - busy / 42) < 0.01)
    }

    @Test("An absence lowers the service level of that centre only, and drops no call")
    func absence() async throws {
        let base = """
            name: Absence
            seed: 3
            horizon: 7d
            replications: 6
            handling: {distribution: exponential, mean: 5m}
            patience: {distribution: exponential, mean: 3m}
            centres:
              - {code: A, calls_per_day: 300, consoles: 3}
              - {code: B, calls_per_day: 300, consoles: 3}
            """
        let without = await simulate(try scenario(base))
        let with = await simulate(try scenario(base + "\nabsences:\n  - {centre: A, from: 1d, to: 5d, consoles: 2}\n"))
        for replication in 0..<6 {
            let value = { (kpi: KPI) in with[kpi].values[replication] ?? -1 }
            #expect(value(.offered) == value(.answered) + value(.abandoned) + value(.blocked))
        }
        let level = { (result: RunResult, centre: Int) in result.centres[centre].kpis[KPI.serviceLevel.index].mean ?? 0 }
        #expect(level(with, 0) < level(without, 0) - 0.05)
        #expect(with.centres[1].kpis == without.centres[1].kpis)
        // A's console time: 3 consoles for 3 days and 1 for 4 days (216 + 96 = 312 console-hours),
        // plus the calls the two absent consoles were on at 1d, finished (minutes, not an hour);
        // B's 3 all week (504) exactly; the total their sum.
        let (hoursA, hoursB): (Double, Double) = (312, 504)
        let consoleHoursA = try #require(with.centres[0].kpis[KPI.consoleHours.index].mean)
        #expect(consoleHoursA >= hoursA && consoleHoursA < hoursA + 1)
        #expect(with.centres[1].kpis[KPI.consoleHours.index].mean == hoursB)
        #expect(abs((with[.consoleHours].mean ?? 0) - (consoleHoursA + hoursB)) < 1e-9)
        let utilisation = try #require(with.centres[0].kpis[KPI.utilisation.index].mean)
        #expect(utilisation <= 1)
        #expect(utilisation > (without.centres[0].kpis[KPI.utilisation.index].mean ?? 1))
    }
}

/// Consoles coming back on shift in a batch (a shift plan of 100,000 consoles in one hour) are
/// the ones, and in the order, that coming back one at a time would give.
@Suite struct ConsoleBoardTests {
    @Test("Many consoles coming back at once: the same consoles and overtime as one at a time")
    func batchReturn() {
        var batch = ConsoleBoard(consoles: [1, 1_000])
        var single = ConsoleBoard(consoles: [1, 1_000])
        for call in 0..<1_000 {
            let end = Double((call * 7_919) % 1_000) + 10
            batch.occupyEarliest(1, until: end)
            single.occupyEarliest(1, until: end)
        }
        #expect(batch.setOnShift(1, count: 2, at: 5).count == single.setOnShift(1, count: 2, at: 5).count)
        let together = batch.setOnShift(1, count: 1_000, at: 400)
        var oneByOne: [(Double, Double, Double)] = []
        for count in 3...1_000 { oneByOne += single.setOnShift(1, count: count, at: 400) }
        #expect(together.map(\.1) == oneByOne.map(\.1))
        #expect(together.map(\.1) == together.map(\.1).sorted(), "earliest-free first")
        for _ in 0..<1_000 {
            #expect(batch.earliestFree(1) == single.earliestFree(1))
            batch.occupyEarliest(1, until: 2_000)
            single.occupyEarliest(1, until: 2_000)
        }
    }
}
