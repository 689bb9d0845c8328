import CallModel
import ScenarioFile
import Testing

@testable import Sizing

/// Sizing runs a centre alone in a scenario of its own (`ConsoleSizing.alone`): drawing from its
/// own streams (`Centre.streamGroup`), its callers and figures must be exactly those it has in the
/// full scenario with only its callers calling.
@Suite struct SizingAloneTests {
    static let scenario = """
        name: Three centres, one with a story and an absence
        seed: 17
        horizon: 5d
        replications: 6
        handling: {distribution: lognormal, mean: 8m, sd: 5m}
        patience: {distribution: exponential, mean: 2m}
        escalation: {probability: 0.05, handoff: 90s, decision: {distribution: uniform, min: 1m, max: 4m}}
        redial: {probability: 0.4, delay: {distribution: exponential, mean: 5m}}
        arrivals: {day_to_day_cv: 0.2}
        call_types:
          - {name: test, share: 0.4, handling: {distribution: exponential, mean: 1m}, escalation: {probability: 0}}
          - {name: report, share: 0.6}
        surges:
          - {from: 1d, to: 2d, factor: 4, centres: [BB]}
          - {from: 3d, to: 4d, factor: 2}
        absences:
          - {centre: BB, from: 2d, to: 3d, consoles: 1}
        centres:
          - {code: AA, calls_per_day: 120, consoles: 3}
          - {code: BB, calls_per_day: 80, consoles: {by_hour: [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 2, 2, 1]}}
          - {code: CC, calls_per_day: 40, consoles: 2}
        """

    /// The whole scenario with only `centre`'s callers calling and no consoles elsewhere (how
    /// sizing ran a centre alone before it had a scenario of its own).
    static func onlyCallers(of centre: Int, in scenario: Scenario) -> Scenario {
        var among = scenario
        for other in among.centres.indices where other != centre {
            among.centres[other].callsPerDay = 0
            among.centres[other].staffing = .allDay(0)
        }
        among.absences = scenario.absences.filter { $0.centre == scenario.centres[centre].code }
        return among
    }

    @Test("a centre alone in a scenario of its own has every figure it has among the others, in every replication")
    func sameFigures() throws {
        let scenario = try ScenarioReader.parse(Self.scenario, file: "alone.yaml")
        let sizing = ConsoleSizing(scenario, byHour: true)
        for centre in scenario.centres.indices {
            let among = Self.onlyCallers(of: centre, in: scenario), alone = sizing.alone(centre).scenario
            #expect(alone.centres.count == 1 && alone.centres[0].code == scenario.centres[centre].code)
            for replication in 0..<scenario.replications {
                let full = Simulator.replicate(among, replication: replication, hourlyCentres: [centre])
                let own = Simulator.replicate(alone, replication: replication, hourlyCentres: [0])
                #expect(full.centres[centre].figures == own.centres[0].figures, "\(scenario.centres[centre].code), replication \(replication)")
                #expect(full.centres[centre].waits.count == own.centres[0].waits.count)
                #expect(full.centreHours.map(\.figures) == own.centreHours.map(\.figures))
                #expect(full.centres[centre].figures[KPI.offered.index].part > 50, "the centre's callers call")
            }
        }
        // Without its own streams the same centre would draw another centre's callers.
        var foreign = sizing.alone(1).scenario
        foreign.centres[0].streamGroup = 0
        let full = Simulator.replicate(Self.onlyCallers(of: 1, in: scenario), replication: 0)
        #expect(Simulator.replicate(foreign, replication: 0).centres[0].figures != full.centres[1].figures)
    }
}
