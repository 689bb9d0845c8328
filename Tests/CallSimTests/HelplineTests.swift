import CallModel
import Foundation
import Testing

/// What a helpline planner asked for (issue 22), through the command line as a planner meets it:
/// the emergency service's own name, and durations that cannot lose their unit.
@Suite struct HelplineTests {
    static let helpline = """
        name: Helpline 999
        horizon: 7d
        warmup: 1d
        replications: 4
        handling: {distribution: exponential, mean: 6m}
        patience: {distribution: exponential, mean: 2m}
        escalation: {probability: 0.05, handoff: 1m, service: "999"}
        redial: {probability: 0.5, delay: {distribution: exponential, mean: 5m}}
        targets: {service_level: 0.8, escalation_delay_p95: 10m}
        centres:
          - {code: N, calls_per_day: 200, consoles: 3, lat: 54.0, lon: -2.0}
          - {code: S, calls_per_day: 150, consoles: 2, lat: 51.0, lon: -1.0}
        """

    @Test("escalation.service names the emergency service everywhere: 999, never 112")
    func emergencyServiceName() throws {
        let folder = try temporaryFolder()
        let path = try write(Self.helpline, to: "helpline.yaml", in: folder)
        let run = try execute(["run", path, "--output", folder.appendingPathComponent("out").path])
        #expect(run.status == 0, "\(run.stderr)")
        // The figures, not the folder's name (a random UUID, which holds "112" about once in 140 runs).
        let figures = run.stdout.replacingOccurrences(of: folder.path, with: "FOLDER")
        #expect(figures.contains("to 999 p95") && !figures.contains("112"), "\(run.stdout)")
        for file in ["report.html", "report.md"] {
            let text = try String(contentsOf: folder.appendingPathComponent("out/\(file)"), encoding: .utf8)
            #expect(text.contains("999") && !text.contains("112"), "\(file)")
        }
        let json = try String(contentsOf: folder.appendingPathComponent("out/report.json"), encoding: .utf8)
        #expect(json.contains(#""escalation_service": "999""#))
        let compared = try execute(["compare", folder.appendingPathComponent("out/report.json").path,
                                    folder.appendingPathComponent("out/report.json").path, "--output", folder.appendingPathComponent("cmp").path])
        let page = try String(contentsOf: folder.appendingPathComponent("cmp/report.html"), encoding: .utf8)
        #expect(compared.status == 0 && page.contains("Escalation to 999") && !page.contains("112"))
        // Named once, at the top level; a name is one short line.
        for (bad, field) in [
            ("  - {code: S, calls_per_day: 150, consoles: 2, escalation: {service: \"911\"}}", "centres[1].escalation.service"),
            ("escalation: {probability: 0.05, service: \"\"}", "escalation.service"),
        ] {
            let text = bad.hasPrefix("  -")
                ? Self.helpline.replacingOccurrences(of: "  - {code: S, calls_per_day: 150, consoles: 2, lat: 51.0, lon: -1.0}", with: bad)
                : Self.helpline.replacingOccurrences(of: "escalation: {probability: 0.05, handoff: 1m, service: \"999\"}", with: bad)
            let refused = try execute(["validate", try write(text, to: "bad.yaml", in: folder)])
            #expect(refused.status == 2 && refused.stderr.contains(field), "\(bad): \(refused.stderr)")
        }
    }

    @Test("A bare number is not a duration: refused with the units to choose from, in a scenario and on the command line")
    func durationsCarryAUnit() throws {
        let folder = try temporaryFolder()
        let minutes = Self.helpline.replacingOccurrences(of: "patience: {distribution: exponential, mean: 2m}", with: "patience: {distribution: exponential, mean: 2}")
        let refused = try execute(["validate", try write(minutes, to: "bare.yaml", in: folder)])
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("bare.yaml:6:") && refused.stderr.contains("patience.mean")
                && refused.stderr.contains("write 2s for seconds, 2m for minutes, or 120s for 2 minutes"), "\(refused.stderr)")
        let years = Self.helpline.replacingOccurrences(of: "horizon: 7d", with: "horizon: 1y")
        let year = try execute(["validate", try write(years, to: "year.yaml", in: folder)])
        #expect(year.status == 2 && year.stderr.contains("y is not a unit") && year.stderr.contains("365d"), "\(year.stderr)")
        // Zero needs no unit.
        let zero = Self.helpline.replacingOccurrences(of: "warmup: 1d", with: "warmup: 0\nwrapup: 0")
        let accepted = try execute(["validate", try write(zero, to: "zero.yaml", in: folder)])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let aht = try execute(["erlang", "--calls-per-hour", "10", "--aht", "14", "--consoles", "3"])
        #expect(aht.status == 2 && aht.stderr.contains("--aht") && aht.stderr.contains("14m for minutes"), "\(aht.stderr)")
        let horizon = try execute(["run", try write(Self.helpline, to: "ok.yaml", in: folder), "--horizon", "3"])
        #expect(horizon.status == 2 && horizon.stderr.contains("--horizon") && horizon.stderr.contains("3s for seconds"), "\(horizon.stderr)")
    }

    @Test("callers, unserved_rate and console_hours: the figures a helpline reports, with units in every header")
    func callersNotAttempts() async throws {
        let folder = try temporaryFolder()
        let run = try execute(["run", try write(Self.helpline, to: "helpline.yaml", in: folder), "--output", folder.appendingPathComponent("out").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("offered a day") && run.stdout.contains("urgent lost a year") && run.stdout.contains("console-h a day"))
        #expect(run.stdout.contains("callers a day") && run.stdout.contains("redials") && run.stdout.contains("callers never answered"))
        let data = try Data(contentsOf: folder.appendingPathComponent("out/report.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let total = try #require(report["total"] as? [String: Any])
        func mean(_ key: String) throws -> Double { try #require((total[key] as? [String: Any])?["mean"] as? Double, "\(key)") }
        let callers = try mean("callers"), offered = try mean("offered"), answered = try mean("answered")
        #expect(callers < offered, "redials make fewer callers than calls")
        // Never answered: 1 − answered / callers, up to the callers whose redials straddle the window's
        // ends (warm-up callers answered inside it, window callers answered after it), a few in a thousand.
        #expect(abs(try mean("unserved_rate") - (1 - answered / callers)) < 0.003)
        #expect(try mean("unserved_rate") < (try mean("abandonment_rate")), "redials answer some who hung up")
        // 5 consoles all day for 7 days.
        #expect(try mean("console_hours") == 5 * 24 * 7)
        let html = try String(contentsOf: folder.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(html.contains("callers never answered") && html.contains("console-hours a day") && html.contains("urgent callers lost a year"))
    }

    @Test("Without redials every caller calls once: callers are the calls, unserved the calls abandoned or blocked, replication by replication")
    func oneAttemptEach() async throws {
        let result = await simulate(try scenario(Self.helpline
            .replacingOccurrences(of: "redial: {probability: 0.5, delay: {distribution: exponential, mean: 5m}}\n", with: "queue_capacity: 2\n")))
        #expect(result[.callers].values == result[.offered].values)
        let lost = zip(result[.abandoned].values, result[.blocked].values).map { $0! + $1! }
        for (unserved, (lost, offered)) in zip(result[.unservedRate].values, zip(lost, result[.offered].values)) {
            #expect(abs(unserved! - lost / offered!) < 1e-12)
        }
        #expect(result[.blocked].mean! > 0 && result[.abandoned].mean! > 0, "both ways of being lost occur")
        // console_hours is no estimate: the same every replication.
        #expect(result.centres[1].kpis[KPI.consoleHours.index].values.allSatisfy { abs($0! - 2 * 24 * 7) < 1e-9 })
    }

    @Test("A centre's own arrivals and targets, merged key by key onto the scenario's")
    func eachCentresOwn() async throws {
        let text = """
            name: Own
            horizon: 7d
            replications: 4
            precision: 0
            handling: {distribution: exponential, mean: 6m}
            patience: {distribution: exponential, mean: 3m}
            arrivals: {day_to_day_cv: 0.2}
            targets: {service_level: 0.8, abandonment_rate: 0.1}
            hourly_targets: {asa: 1m}
            centres:
              - code: CITY
                calls_per_day: 150
                consoles: 3
                arrivals: {daily_profile: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0]}
                targets: {service_level: 0.9}
                hourly_targets: {abandonment_rate: 0.2}
              - {code: VILLAGE, calls_per_day: 0, consoles: 1}
            """
        let parsed = try scenario(text)
        // The centre's profile, the scenario's day-to-day variation (a key it did not give).
        #expect(parsed.arrivals(of: 0).daily[18] == 12 && parsed.arrivals(of: 0).daily[3] == 0)
        #expect(parsed.arrivals(of: 0).dayToDayCV == 0.2 && parsed.arrivals(of: 1).daily[3] == 1)
        let result = await simulate(parsed)
        let offered = result.byHour.map { $0[HourKPI.offered.index].mean ?? 0 }
        #expect(offered[18] > 100 && offered[19] > 100 && offered.enumerated().allSatisfy { [18, 19].contains($0) || $1 == 0 }, "\(offered)")
        func threshold(_ scope: String, _ measure: Target.Measure, hour: Int? = nil) -> Double? {
            result.targets.first { $0.scope == Scope(written: scope) && $0.target.measure == measure && $0.hour == hour }?.target.threshold
        }
        #expect(threshold("CITY", .serviceLevel) == 0.9 && threshold("VILLAGE", .serviceLevel) == 0.8 && threshold("total", .serviceLevel) == 0.8)
        #expect(threshold("CITY", .abandonmentRate) == 0.1, "a key the centre did not give stays the scenario's")
        #expect(threshold("CITY", .abandonmentRate, hour: 18) == 0.2 && threshold("CITY", .asa, hour: 18) == 60)
        #expect(threshold("VILLAGE", .abandonmentRate, hour: 18) == nil && threshold("VILLAGE", .asa, hour: 18) == 60)
        let refused = try execute(["validate", try write(text.replacingOccurrences(of: "targets: {service_level: 0.9}", with: "targets: {sevice_level: 0.9}"),
                                                         to: "own.yaml", in: try temporaryFolder())])
        #expect(refused.status == 2 && refused.stderr.contains("centres[0].targets.sevice_level"), "\(refused.stderr)")
    }

    @Test("validate echoes what it read: durations with units, routing, the service, targets, the busiest hour")
    func validateEchoes() throws {
        let checked = try execute(["validate", try write(Self.helpline, to: "echo.yaml", in: try temporaryFolder())])
        #expect(checked.status == 0, "\(checked.stderr)")
        for line in [
            "calls: handling mean 6.0 min (exponential), wrap-up 0.00 s, 5.0% urgent, hand-off 60 s",
            "patience: mean 2.0 min (exponential); redials: 50.0% call again after mean 5.0 min (exponential)",
            "routing: local; urgent callers are handed to 999",
            "targets: service level ≥ 80.0%, escalation delay p95 ≤ 10.0 min",
            "offered load: 1.470 Erlangs on average; 1.470 in the busiest hour",
        ] {
            #expect(checked.stdout.contains(line), "missing: \(line)\n\(checked.stdout)")
        }
    }

    @Test("CLI slips: a command that does not exist suggests one; utilisation moves rather than regresses")
    func commandLineSlips() throws {
        for (word, guess) in [("simulate", "run"), ("sise", "size"), ("chek", "check")] {
            let slip = try execute([word, "x.yaml"])
            #expect(slip.status == 2 && slip.stderr.contains("unknown command '\(word)' (did you mean '\(guess)'?)"), "\(slip.stderr)")
        }
        let folder = try temporaryFolder()
        let three = try write(Self.helpline, to: "three.yaml", in: folder)
        let before = try execute(["run", three, "--output", folder.appendingPathComponent("before").path])
        #expect(before.status == 0, "\(before.stderr)")
        let fewer = try write(Self.helpline.replacingOccurrences(of: "calls_per_day: 200, consoles: 3", with: "calls_per_day: 200, consoles: 2"),
                              to: "fewer.yaml", in: folder)
        let checked = try execute(["check", fewer, "--baseline", folder.appendingPathComponent("before/report.json").path])
        #expect(checked.status == 1)
        let row = try #require(checked.stdout.split(separator: "\n").first { $0.contains("utilisation") && $0.contains("baseline") })
        #expect(row.hasSuffix("moved") && !row.contains("regressed"), "\(row)")
    }

    @Test("The walk-through's scenario (docs/your-own-helpline.md) reads and runs")
    func walkThroughScenario() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios/your-own-helpline.yaml").path
        let checked = try execute(["validate", path])
        #expect(checked.status == 0 && checked.stdout.contains("centres with their own: CITY"), "\(checked.stderr)")
        let run = try execute(["run", path, "--replications", "4", "--precision", "0"])
        #expect(run.status == 0 && run.stdout.contains("callers never answered"), "\(run.stderr)")
    }
}
