import CallModel
import Foundation
import ScenarioFile
import Testing

/// Bad input: every kind is refused with the file, the line, the field and what is allowed.
@Suite struct ScenarioReaderTests {
    /// A valid scenario; each case below breaks one thing in it.
    static let valid = """
        name: Two centres
        horizon: 7d
        handling: {distribution: lognormal, mean: 9m, sd: 7m}
        escalation: {probability: 0.05, handoff: 4m}
        arrivals:
          daily_profile: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        centres:
          - {code: AB, name: Alba, calls_per_day: 3.2, neighbours: [CJ]}
          - {code: CJ, name: Cluj, calls_per_day: 6.5, neighbours: [AB]}
        """

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let replace: String
        let with: String
        let line: Int
        let field: String
        let says: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "missing handling", replace: "handling: {distribution: lognormal, mean: 9m, sd: 7m}\n", with: "",
             line: 1, field: "<top level>", says: "missing 'handling'"),
        Case(name: "probability above 1", replace: "probability: 0.05", with: "probability: 1.5",
             line: 4, field: "escalation.probability", says: "a probability from 0 to 1"),
        Case(name: "negative mean", replace: "mean: 9m", with: "mean: -9m",
             line: 3, field: "handling.mean", says: "must be a duration"),
        Case(name: "zero mean", replace: "mean: 9m", with: "mean: 0s",
             line: 3, field: "handling.mean", says: "longer than 0"),
        Case(name: "profile of the wrong length", replace: "1, 1, 1, 1]", with: "1, 1, 1]",
             line: 6, field: "arrivals.daily_profile", says: "exactly 24 values"),
        Case(name: "profile all zeros", replace: "[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]",
             with: "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]",
             line: 6, field: "arrivals.daily_profile", says: "at least one weight above 0"),
        Case(name: "unknown neighbour", replace: "neighbours: [CJ]", with: "neighbours: [CX]",
             line: 8, field: "centres[0].neighbours[0]", says: "unknown neighbour 'CX' (did you mean 'CJ'?)"),
        Case(name: "duplicate centre code", replace: "code: CJ", with: "code: AB",
             line: 9, field: "centres[1].code", says: "appears twice"),
        Case(name: "a centre coded total", replace: "code: CJ", with: "code: Total",
             line: 9, field: "centres[1].code", says: "'Total' is the name results give the national figures"),
        Case(name: "zero horizon", replace: "horizon: 7d", with: "horizon: 0d",
             line: 2, field: "horizon", says: "longer than 0"),
        Case(name: "malformed YAML", replace: "centres:\n", with: "centres:\n  - {code: [\n",
             line: 9, field: "YAML", says: "malformed YAML"),
        Case(name: "unknown key", replace: "horizon: 7d", with: "horizon: 7d\nsede: 4",
             line: 3, field: "sede", says: "unknown key 'sede' (did you mean 'seed'?)"),
        Case(name: "text where a number belongs", replace: "calls_per_day: 3.2", with: "calls_per_day: lots",
             line: 8, field: "centres[0].calls_per_day", says: "0 or a number of calls a day from 0.001 to 10000000"),
        Case(name: "unknown distribution", replace: "distribution: lognormal", with: "distribution: lognormall",
             line: 3, field: "handling.distribution", says: "did you mean 'lognormal'?"),
        Case(name: "parameter of another distribution", replace: "mean: 9m, sd: 7m", with: "mean: 9m, shape: 2",
             line: 3, field: "handling.shape", says: "unknown key 'shape'"),
        Case(name: "a neighbour of itself", replace: "neighbours: [CJ]", with: "neighbours: [AB]",
             line: 8, field: "centres[0].neighbours[0]", says: "its own neighbour"),
        Case(name: "missing rate", replace: "calls_per_day: 3.2, ", with: "",
             line: 8, field: "centres[0]", says: "missing 'calls_per_day'"),
        Case(name: "call type shares not adding to 1", replace: "centres:\n",
             with: "call_types:\n  - {name: a, share: 0.5}\n  - {name: b, share: 0.4}\ncentres:\n",
             line: 8, field: "call_types", says: "add up to 1"),
        Case(name: "a priority that is not a whole number", replace: "centres:\n",
             with: "call_types:\n  - {name: a, share: 0.5, priority: high}\n  - {name: b, share: 0.5, priority: 2}\ncentres:\n",
             line: 8, field: "call_types[0].priority", says: "a whole number from -1000 to 1000; lower is answered first"),
        Case(name: "duplicate key", replace: "horizon: 7d", with: "horizon: 7d\nhorizon: 8d",
             line: 2, field: "horizon", says: "horizon is given twice in one mapping"),
        Case(name: "duplicate key inside a centre", replace: "calls_per_day: 3.2,", with: "calls_per_day: 3.2, calls_per_day: 4,",
             line: 8, field: "centres[0].calls_per_day", says: "given twice"),
        Case(name: "bad duration", replace: "horizon: 7d", with: "horizon: 7 days",
             line: 2, field: "horizon", says: "a duration with a unit"),
        Case(name: "negative consoles", replace: "calls_per_day: 3.2,", with: "calls_per_day: 3.2, consoles: -1,",
             line: 8, field: "centres[0].consoles", says: "a whole number of consoles"),
        Case(name: "load that reaches the consoles with nobody hanging up",
             replace: "calls_per_day: 6.5", with: "calls_per_day: 400",
             line: 9, field: "centres[1]", says: "would grow without end"),
        Case(name: "uniform with max below min", replace: "handoff: 4m", with: "handoff: {distribution: uniform, min: 5m, max: 1m}",
             line: 4, field: "escalation.handoff.max", says: "must not be below min"),
        Case(name: "replications out of range", replace: "horizon: 7d", with: "horizon: 7d\nreplications: 0",
             line: 3, field: "replications", says: "from 1 to 65536"),
        Case(name: "a redial without a delay", replace: "horizon: 7d", with: "horizon: 7d\nredial: {probability: 0.3}",
             line: 3, field: "redial", says: "missing 'delay'"),
        Case(name: "a redial probability above 1", replace: "horizon: 7d",
             with: "horizon: 7d\nredial: {probability: 3, delay: 5m}",
             line: 3, field: "redial.probability", says: "a probability from 0 to 0.99"),
        Case(name: "a surge that ends before it starts", replace: "horizon: 7d",
             with: "horizon: 7d\nsurges:\n  - {from: 2d, to: 1d, factor: 3}",
             line: 4, field: "surges[0].to", says: "cannot end before it starts"),
        Case(name: "a surge of an unknown centre", replace: "horizon: 7d",
             with: "horizon: 7d\nsurges:\n  - {from: 1d, to: 2d, factor: 3, centres: [CK]}",
             line: 4, field: "surges[0].centres[0]", says: "unknown centre 'CK' (did you mean 'CJ'?)"),
        Case(name: "a negative surge factor", replace: "horizon: 7d",
             with: "horizon: 7d\nsurges:\n  - {from: 1d, to: 2d, factor: -3}",
             line: 4, field: "surges[0].factor", says: "a factor from 0 to 1000"),
        Case(name: "an absence of more consoles than the centre has", replace: "horizon: 7d",
             with: "horizon: 7d\nabsences:\n  - {centre: CJ, from: 1d, to: 2d, consoles: 3}",
             line: 4, field: "absences[0].consoles", says: "has only 2 consoles"),
        Case(name: "an absence that ends before it starts", replace: "horizon: 7d",
             with: "horizon: 7d\nabsences:\n  - {centre: CJ, from: 2d, to: 2d, consoles: 1}",
             line: 4, field: "absences[0].to", says: "cannot end before it starts"),
        Case(name: "an absence at an unknown centre", replace: "horizon: 7d",
             with: "horizon: 7d\nabsences:\n  - {centre: XX, from: 1d, to: 2d, consoles: 1}",
             line: 4, field: "absences[0].centre", says: "unknown centre 'XX'"),
        Case(name: "a negative day-to-day variation", replace: "arrivals:\n", with: "arrivals:\n  day_to_day_cv: -0.1\n",
             line: 6, field: "arrivals.day_to_day_cv", says: "a coefficient of variation"),
        Case(name: "a shift plan of 23 hours", replace: "horizon: 7d",
             with: "horizon: 7d\nconsoles: {by_hour: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]}",
             line: 3, field: "consoles.by_hour", says: "exactly 24 numbers"),
        Case(name: "overflow routing without overflow_after", replace: "horizon: 7d",
             with: "horizon: 7d\nrouting: {policy: overflow}",
             line: 3, field: "routing", says: "missing 'overflow_after'"),
        Case(name: "unknown routing policy", replace: "horizon: 7d", with: "horizon: 7d\nrouting: {policy: random}",
             line: 3, field: "routing.policy", says: "local, overflow or pooled"),
        Case(name: "a routing period at half past", replace: "horizon: 7d",
             with: "horizon: 7d\nrouting: {policy: local, periods: [{from: \"22:30\", to: \"07:00\", policy: pooled}]}",
             line: 3, field: "routing.periods[0].from", says: "a whole hour"),
        Case(name: "a routing period that ends where it starts", replace: "horizon: 7d",
             with: "horizon: 7d\nrouting: {policy: local, periods: [{from: \"07:00\", to: \"07:00\", policy: pooled}]}",
             line: 3, field: "routing.periods[0].to", says: "must differ from 'from'"),
        Case(name: "overlapping routing periods", replace: "horizon: 7d",
             with: "horizon: 7d\nrouting:\n  policy: local\n  periods:\n    - {from: \"22:00\", to: \"07:00\", policy: pooled}\n    - {from: \"06:00\", to: \"08:00\", policy: pooled}",
             line: 7, field: "routing.periods[1]", says: "overlaps the period 22:00-07:00"),
        Case(name: "an overflow period without overflow_after", replace: "horizon: 7d",
             with: "horizon: 7d\nrouting: {policy: local, periods: [{from: \"22:00\", to: \"07:00\", policy: overflow}]}",
             line: 3, field: "routing.periods[0]", says: "missing 'overflow_after'"),
        Case(name: "overflow_after on a pooled period", replace: "horizon: 7d",
             with: "horizon: 7d\nrouting: {policy: local, periods: [{from: \"22:00\", to: \"07:00\", policy: pooled, overflow_after: 30s}]}",
             line: 3, field: "routing.periods[0].overflow_after", says: "applies to the overflow policy only"),
        Case(name: "an empty list of routing periods", replace: "horizon: 7d",
             with: "horizon: 7d\nrouting: {policy: local, periods: []}",
             line: 3, field: "routing.periods", says: "at least one period"),
        Case(name: "a precision above 1", replace: "horizon: 7d", with: "horizon: 7d\nprecision: 5",
             line: 3, field: "precision", says: "a share of each target's threshold from 0 to 1"),
        Case(name: "max_replications below replications", replace: "horizon: 7d",
             with: "horizon: 7d\nreplications: 40\nmax_replications: 20",
             line: 4, field: "max_replications", says: "must be at least replications (40)"),
        Case(name: "a target out of range", replace: "horizon: 7d", with: "horizon: 7d\ntargets: {service_level: 80}",
             line: 3, field: "targets.service_level", says: "a fraction from 0 to 1"),
        // Numbers at the edges (the mutation campaign's crashes, hangs and floods).
        Case(name: "a Weibull shape GSL cannot take", replace: "{distribution: lognormal, mean: 9m, sd: 7m}",
             with: "{distribution: weibull, shape: 0.005, scale: 1s}",
             line: 3, field: "handling.shape", says: "a number from 0.1 to 100"),
        Case(name: "a Weibull whose mean is centuries", replace: "{distribution: lognormal, mean: 9m, sd: 7m}",
             with: "{distribution: weibull, shape: 0.1, scale: 100w}",
             line: 3, field: "handling", says: "above 100 years"),
        Case(name: "a target duration past 2^63", replace: "horizon: 7d", with: "horizon: 7d\ntargets: {wait_p95: 999999999999999999999999w}",
             line: 3, field: "targets.wait_p95", says: "at most 100 years"),
        Case(name: "a denormal handling time", replace: "{distribution: lognormal, mean: 9m, sd: 7m}", with: "0.0000001s",
             line: 3, field: "handling", says: "at least 1 ms"),
        Case(name: "a rate of 1e-20 calls a day", replace: "calls_per_day: 3.2", with: "calls_per_day: 1e-20",
             line: 8, field: "centres[0].calls_per_day", says: "from 0.001 to 10000000"),
        Case(name: "a rate of 1e15 calls a day", replace: "calls_per_day: 3.2", with: "calls_per_day: 1e15",
             line: 8, field: "centres[0].calls_per_day", says: "from 0.001 to 10000000"),
        Case(name: "a warm-up whose digits overflow to infinity", replace: "horizon: 7d", with: "horizon: 7d\nwarmup: BIGw",
             line: 3, field: "warmup", says: "at most 100 years"),
        Case(name: "a gamma with sd 1e-300", replace: "{distribution: lognormal, mean: 9m, sd: 7m}",
             with: "{distribution: gamma, mean: 9m, sd: 0.00000000001s}",
             line: 3, field: "handling.sd", says: "at least 1 ms"),
        Case(name: "a gamma with sd a thousand times its mean", replace: "{distribution: lognormal, mean: 9m, sd: 7m}",
             with: "{distribution: gamma, mean: 9m, sd: 9000m}",
             line: 3, field: "handling.sd", says: "at most 100 times the mean"),
        Case(name: "overlapping surges whose product passes 1000", replace: "horizon: 7d",
             with: "horizon: 7d\nsurges: [{from: 0d, to: 2d, factor: 1000}, {from: 1d, to: 3d, factor: 2}]",
             line: 3, field: "surges[1]", says: "by more than 1000"),
        Case(name: "a day-to-day CV of 1e-300", replace: "arrivals:\n", with: "arrivals:\n  day_to_day_cv: 1e-300\n",
             line: 6, field: "arrivals.day_to_day_cv", says: "0 or a coefficient of variation from 0.001 to 10"),
        Case(name: "a profile weight of 1e300", replace: "[1, 1, 1,", with: "[1e300, 1, 1,",
             line: 6, field: "arrivals.daily_profile[0]", says: "0 or a weight from 0.000001 to 1000000"),
        Case(name: "a replication of 3.5 × 10^8 calls", replace: "horizon: 7d\n",
             with: "horizon: 36000d\nsurges: [{from: 0d, to: 36000d, factor: 1000}]\n",
             line: 2, field: "horizon", says: "one replication would simulate about"),
        Case(name: "a first batch of 1.4 × 10^10 calls", replace: "horizon: 7d\n",
             with: "horizon: 700d\nreplications: 2000\nsurges: [{from: 0d, to: 700d, factor: 1000}]\n",
             line: 3, field: "replications", says: "replications would simulate about"),
        Case(name: "a horizon that leaves room for fewer than 10 replications", replace: "horizon: 7d\n",
             with: "horizon: 2000d\nreplications: 20\nsurges: [{from: 0d, to: 2000d, factor: 1000}]\n",
             line: 2, field: "horizon", says: "fit in a run's first batch"),
        Case(name: "every console absent all run, nobody hangs up", replace: "horizon: 7d",
             with: "horizon: 7d\nabsences: [{centre: AB, from: 0d, to: 7d, consoles: 2}]",
             line: 9, field: "centres[0]", says: "on average over warm-up and horizon"),
        Case(name: "a seed above 2^64", replace: "horizon: 7d", with: "horizon: 7d\nseed: 18446744073709551616",
             line: 3, field: "seed", says: "from 0 to 18446744073709551615"),
    ].map { bad in
        Case(name: bad.name, replace: bad.replace, with: bad.with.replacingOccurrences(of: "BIG", with: "1" + String(repeating: "0", count: 400)),
             line: bad.line, field: bad.field, says: bad.says)
    }

    @Test("The valid scenario reads")
    func valid() throws {
        let scenario = try ScenarioReader.parse(Self.valid, file: "valid.yaml")
        #expect(scenario.centres.map(\.code) == ["AB", "CJ"])
        #expect(scenario.centres[0].staffing == .allDay(2))
        #expect(scenario.centres[0].profiles[0].escalation.handoff == .constant(240))
        #expect(scenario.replications == 10 && scenario.seed == 1 && scenario.serviceLevelThreshold == 20)
    }

    @Test("Bad input names the file, line and field, and says what is allowed", arguments: cases)
    func badInput(_ bad: Case) throws {
        #expect(Self.valid.contains(bad.replace), "the case must change the scenario")
        let text = Self.valid.replacingOccurrences(of: bad.replace, with: bad.with)
        do {
            _ = try ScenarioReader.parse(text, file: "bad.yaml")
            Issue.record("\(bad.name): accepted")
        } catch let error as ScenarioError {
            #expect(error.file == "bad.yaml")
            #expect(error.line == bad.line, "\(error)")
            #expect(error.field == bad.field, "\(error)")
            #expect(error.message.contains(bad.says), "\(error)")
            #expect(error.description.hasPrefix("bad.yaml:\(error.line):\(error.column): error: \(bad.field): "))
        }
    }

    @Test("An empty file and a missing file are refused")
    func emptyAndMissing() throws {
        #expect(throws: ScenarioError.self) { try ScenarioReader.parse("", file: "empty.yaml") }
        #expect(throws: ScenarioError.self) { try ScenarioReader.parse("# only a comment\n", file: "empty.yaml") }
        do {
            _ = try ScenarioReader.read(path: "/nonexistent/scenario.yaml")
            Issue.record("a missing file was accepted")
        } catch let error as ScenarioError {
            #expect(error.description == "/nonexistent/scenario.yaml: error: <file>: no such file")
        }
    }

    @Test("A call type's settings beat its centre's, which beat the top level's, field by field")
    func resolution() throws {
        let scenario = try ScenarioReader.parse("""
            name: Resolution
            horizon: 1d
            handling: 10m
            wrapup: 2m
            patience: {distribution: exponential, mean: 2m}
            escalation: {probability: 0.1, handoff: 3m, decision: 1m}
            call_types:
              - {name: silent, share: 0.25, handling: 1m, escalation: {probability: 0}}
              - {name: report, share: 0.75}
            centres:
              - {code: A, calls_per_hour: 1, wrapup: 5m, escalation: {handoff: 4m}}
              - {code: B, calls_per_day: 2, patience: 30s}
            """, file: "r.yaml")
        let a = scenario.centres[0], b = scenario.centres[1]
        #expect(a.callsPerDay == 24)
        #expect(a.profiles[0] == CallProfile(
            handling: .constant(60), wrapup: .constant(300),
            escalation: Escalation(probability: 0, handoff: .constant(240), decision: .constant(60))))
        #expect(a.profiles[1] == CallProfile(
            handling: .constant(600), wrapup: .constant(300),
            escalation: Escalation(probability: 0.1, handoff: .constant(240), decision: .constant(60))))
        #expect(b.profiles[1].escalation.handoff == .constant(180))
        #expect(a.patience == .exponential(mean: 120))
        #expect(b.patience == .constant(30))
    }

    @Test("Durations", arguments: [
        ("45s", 45.0), ("2m", 120), ("1h30m", 5_400), ("1.5d", 129_600), ("2w", 1_209_600), ("0", 0),
    ])
    func durations(text: String, seconds: Double) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test("Not durations", arguments: ["", "m", "-5s", "5x", "1h30", "inf", "nan", "5 s", "90", "2.5", "1y"])
    func notDurations(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }
}
