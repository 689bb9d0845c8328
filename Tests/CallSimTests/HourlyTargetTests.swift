import CallModel
import Foundation
import SimStatistics
import Testing

/// Hours, not averages: hourly targets judged on each hour's calls, the peak warning, and sizing
/// that honours both (docs/model.md, "Hours").
@Suite struct HourlyTargetTests {
    /// Six centres with an evening peak (three times the mean rate at 18–20 h): the day's
    /// abandonment holds at every centre, the evening's does not.
    static let evening = """
        name: Evening peak
        seed: 7
        horizon: 14d
        replications: 10
        handling: {distribution: exponential, mean: 15m}
        patience: {distribution: exponential, mean: 3m}
        consoles: 3
        arrivals:
          daily_profile: [0.3, 0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0, 1.0, 1.0,
                          1.0, 1.0, 1.0, 1.0, 1.2, 1.6, 3.0, 3.4, 3.2, 1.6, 0.8, 0.5]
        targets:
          abandonment_rate: 0.05
        centres:
          - {code: A, calls_per_day: 60, consoles: 4}
          - {code: B, calls_per_day: 50}
          - {code: C, calls_per_day: 45}
          - {code: D, calls_per_day: 40}
          - {code: E, calls_per_day: 55, consoles: 4}
          - {code: F, calls_per_day: 35}
        """

    static var withHourlyTargets: String {
        evening.replacingOccurrences(of: "targets:\n  abandonment_rate: 0.05", with: "targets:\n  abandonment_rate: 0.05\nhourly_targets:\n  abandonment_rate: 0.05")
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("A plan that meets the day but not the evening: check fails on hourly targets at 19–20 h, nationally, and not in the small hours; rows carry `hour`")
    func eveningFails() throws {
        let folder = try temporaryFolder()
        let path = try write(Self.withHourlyTargets, to: "hourly.yaml", in: folder)
        let checked = try execute(["check", path, "--format", "json"])
        #expect(checked.status == 1)
        let rows = try #require(try Self.json(checked.stdout)["results"] as? [[String: Any]])
        let total = rows.filter { $0["scope"] as? String == "total" && $0["hour"] != nil }
        #expect(total.count == 24)
        let failing = Set(total.filter { $0["passed"] as? Bool == false }.compactMap { $0["hour"] as? Int })
        #expect(failing.isSuperset(of: [19, 20]))
        #expect(failing.isDisjoint(with: 0..<6))
        // Each centre is judged in each hour too; the whole day's rows have no hour and pass.
        #expect(rows.filter { $0["hour"] != nil }.count == 24 * 7)
        #expect(rows.filter { $0["hour"] == nil }.allSatisfy { $0["passed"] as? Bool == true })
        // The text groups the failing hours of a scope in one line.
        let text = try execute(["check", path])
        #expect(text.status == 1)
        #expect(text.stdout.contains("total abandonment_rate ≤ 5.0%: missed at 19–20 h") || text.stdout.contains("total abandonment_rate ≤ 5.0%: missed at 18–20 h"))
        // GitHub: one annotation per scope and figure naming the hours; JUnit: a test case per hour.
        let github = try execute(["check", path, "--format", "github"])
        #expect(github.stdout.split(separator: "\n").filter { $0.hasPrefix("::error title=callsim check%3A total abandonment_rate by hour") }.count == 1)
        let junit = folder.appendingPathComponent("junit.xml")
        _ = try execute(["check", path, "--junit", junit.path])
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains("name=\"abandonment_rate max 0.05 at 19 h\""))
    }

    @Test("The same plan without hourly targets passes check, names the evening hours under `warnings` and on stderr; all-day size warns too")
    func peakWarning() throws {
        let folder = try temporaryFolder()
        let path = try write(Self.evening, to: "day.yaml", in: folder)
        let checked = try execute(["check", path, "--format", "json"])
        #expect(checked.status == 0)
        let warnings = try #require(try Self.json(checked.stdout)["warnings"] as? [[String: Any]])
        let total = try #require(warnings.first { $0["scope"] as? String == "total" })
        #expect(total["kpi"] as? String == "abandonment_rate")
        let hours = Set(try #require(total["hours"] as? [Int]))
        #expect(hours.isSuperset(of: [19, 20]) && hours.isDisjoint(with: 0..<17))
        #expect(checked.stderr.contains("warning: total abandonment_rate ≤ 5.0% holds for the day, but is missed at"))
        let sized = try execute(["size", path])
        #expect(sized.status == 0)
        #expect(sized.stderr.contains("warning: total abandonment_rate"))
        let run = try execute(["run", path])
        #expect(run.stderr.contains("warning: total abandonment_rate"))
    }

    @Test("All-day size with hourly targets writes a plan that holds in every hour in an independent check (seed 999, 200 replications)")
    func sizedForTheEvening() throws {
        let folder = try temporaryFolder()
        let path = try write(Self.withHourlyTargets, to: "hourly.yaml", in: folder)
        let sizedPath = folder.appendingPathComponent("sized.yaml").path
        let sized = try execute(["size", path, "--write", sizedPath])
        #expect(sized.status == 0)
        let day = try execute(["size", try write(Self.evening, to: "day.yaml", in: folder), "--format", "json"])
        func total(_ text: String) throws -> Int {
            let centres = try #require(try Self.json(text)["centres"] as? [[String: Any]])
            return centres.reduce(0) { $0 + (($1["consoles_needed"] as? Int) ?? 0) }
        }
        let hourly = try execute(["size", path, "--format", "json"])
        #expect(try total(hourly.stdout) > total(day.stdout))
        let checked = try execute(["check", sizedPath, "--seed", "999", "--replications", "200"])
        #expect(checked.status == 0, "\(checked.stdout)")
    }

    @Test("Hourly targets against Erlang A: a steady M/M/2+M meets 1.3 × its abandonment in every hour and misses 0.7 × it in every hour")
    func erlangAHourByHour() async throws {
        let exact = ErlangA(consoles: 2, callsPerSecond: 6.0 / 3_600, meanHandling: 600, meanPatience: 300).pAbandon
        func states(_ factor: Double) async throws -> [TargetState] {
            let result = await simulate(try scenario("""
                name: Steady
                seed: 3
                horizon: 14d
                warmup: 1d
                replications: 10
                handling: {distribution: exponential, mean: 10m}
                patience: {distribution: exponential, mean: 5m}
                hourly_targets: {abandonment_rate: \(exact * factor)}
                centres:
                  - {code: A, calls_per_hour: 6, consoles: 2}
                """))
            let rows = result.targets.filter { $0.scope == .total }
            #expect(rows.count == 24 && rows.allSatisfy { $0.hour != nil })
            return rows.map(\.state)
        }
        #expect(try await states(1.3).allSatisfy { $0 == .met || $0 == .borderlineMet })
        #expect(try await states(0.7).allSatisfy { $0 == .missed || $0 == .borderlineMissed })
    }

    @Test("Bad input: an hourly target that cannot be judged by the hour, and min_consoles out of range, are refused with the field")
    func badInput() throws {
        let folder = try temporaryFolder()
        let delay = try write(Self.evening + "\nhourly_targets: {escalation_delay_p95: 5m}\n", to: "delay.yaml", in: folder)
        let refused = try execute(["check", delay])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("escalation_delay_p95") && refused.stderr.contains("abandonment_rate"))
        for bad in ["-1", "1.5", "many"] {
            let path = try write(Self.evening + "\nmin_consoles: \(bad)\n", to: "min.yaml", in: folder)
            let result = try execute(["validate", path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("min_consoles"))
        }
        #expect(try execute(["size", try write(Self.evening, to: "ok.yaml", in: folder), "--min-consoles", "-2"]).status == 2)
    }

    @Test("size exits 1 when --max-consoles cannot meet a target: the centre shows > N and the total says at least")
    func unreachable() throws {
        let folder = try temporaryFolder()
        let path = try write(Self.evening, to: "day.yaml", in: folder)
        let result = try execute(["size", path, "--max-consoles", "1"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("> 1"))
        #expect(result.stdout.contains("at least"))
    }

    @Test("size --by-hour keeps min_consoles in every hour a centre answers its own callers, and --min-consoles overrides it")
    func fewestOnShift() throws {
        let folder = try temporaryFolder()
        let path = try write("""
            name: Quiet nights
            seed: 5
            horizon: 7d
            replications: 10
            handling: {distribution: exponential, mean: 10m}
            patience: {distribution: exponential, mean: 4m}
            min_consoles: 2
            arrivals:
              daily_profile: [0.05, 0.05, 0.05, 0.05, 0.05, 0.1, 0.5, 1, 1.5, 1.5, 1.5, 1.5,
                              1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.2, 1, 0.6, 0.2, 0.1]
            targets: {abandonment_rate: 0.1}
            centres:
              - {code: A, calls_per_day: 30}
              - {code: B, calls_per_day: 20, min_consoles: 1}
            """, to: "quiet.yaml", in: folder)
        func plan(_ extra: [String]) throws -> [String: [Int]] {
            let result = try execute(["size", path, "--by-hour", "--format", "json"] + extra)
            #expect(result.status == 0)
            let centres = try #require(try Self.json(result.stdout)["centres"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: centres.map { ($0["code"] as! String, $0["consoles_needed"] as! [Int]) })
        }
        let kept = try plan([])
        #expect(kept["A"]!.allSatisfy { $0 >= 2 })
        #expect(kept["B"]!.allSatisfy { $0 >= 1 })
        #expect(kept["B"]!.contains(1), "B's own min_consoles (1) is honoured, not the top level's")
        let overridden = try plan(["--min-consoles", "1"])
        #expect(overridden["A"]!.contains(1))
    }

    @Test("Figures by hour streamed as running sums give the estimates of the replications' figures kept whole")
    func streamedSums() {
        var sums = RatioSums()
        var ratios: [Ratio] = []
        // A fixed, irregular sequence: offered calls and abandoned ones.
        for index in 0..<137 {
            let whole = Double(40 + (index * 37) % 23), part = Double((index * 13) % 7)
            ratios.append(Ratio(part, of: whole))
            sums.add(ratios.last!)
        }
        let kept = Estimate(ratios: ratios, events: true), streamed = Estimate(sums: sums, events: true)
        #expect(kept.mean == streamed.mean)
        #expect(abs(kept.ci95! - streamed.ci95!) <= 1e-12 * kept.ci95!)
        #expect(abs(kept.upper - streamed.upper) <= 1e-12 * kept.upper)
        #expect(kept.n == streamed.n)
    }
}
