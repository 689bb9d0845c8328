import CallModel
import Foundation
import SimStatistics
import Testing

/// The simulator against exact Erlang C and Erlang A figures on a grid of cases, and the honesty of
/// its confidence intervals. Set CALLSIM_VALIDATION_REPORT to a path to write the table of
/// VALIDATION.md there.
@Suite struct ValidationSuite {
    /// One centre, exponential handling of 3 minutes, exponential patience or none.
    struct Case: Sendable {
        let consoles: Int
        /// Offered load per console.
        let loadPerConsole: Double
        /// Mean patience in seconds; `nil`: nobody hangs up.
        let patience: Double?
        /// Simulated days per replication (after the warm-up).
        let days: Double

        var callsPerSecond: Double { loadPerConsole * Double(consoles) / 180 }

        var formula: any QueueFormula {
            if let patience {
                return ErlangA(consoles: consoles, callsPerSecond: callsPerSecond, meanHandling: 180, meanPatience: patience)
            }
            return ErlangC(consoles: consoles, callsPerSecond: callsPerSecond, meanHandling: 180)
        }

        func scenario(threshold: Double, seed: Int, replications: Int = 20, days: Double? = nil) throws -> Scenario {
            try CallSimTests.scenario("""
                name: validation
                seed: \(seed)
                horizon: \((days ?? self.days) * 86_400)s
                warmup: 1d
                replications: \(replications)
                service_level_threshold: \(threshold)s
                handling: {distribution: exponential, mean: 3m}
                \(patience.map { "patience: {distribution: exponential, mean: \($0)s}" } ?? "")
                centres:
                  - {code: V, calls_per_day: \(callsPerSecond * 86_400), consoles: \(consoles)}
                """)
        }

        var name: String {
            "\(consoles) console\(consoles == 1 ? "" : "s"), load \(loadPerConsole)"
                + (patience.map { ", patience \(Int($0)) s" } ?? ", no abandonment")
        }
    }

    static let grid: [Case] = [
        Case(consoles: 1, loadPerConsole: 0.3, patience: nil, days: 60),
        Case(consoles: 1, loadPerConsole: 0.6, patience: 300, days: 60),
        Case(consoles: 1, loadPerConsole: 0.98, patience: 60, days: 30),
        Case(consoles: 2, loadPerConsole: 0.5, patience: nil, days: 60),
        Case(consoles: 2, loadPerConsole: 0.9, patience: 120, days: 30),
        Case(consoles: 5, loadPerConsole: 0.7, patience: nil, days: 40),
        Case(consoles: 5, loadPerConsole: 0.85, patience: 600, days: 40),
        Case(consoles: 5, loadPerConsole: 0.98, patience: 180, days: 20),
        Case(consoles: 20, loadPerConsole: 0.6, patience: 60, days: 30),
        Case(consoles: 20, loadPerConsole: 0.8, patience: nil, days: 20),
        Case(consoles: 20, loadPerConsole: 0.95, patience: 300, days: 10),
        Case(consoles: 100, loadPerConsole: 0.9, patience: nil, days: 25),
        Case(consoles: 100, loadPerConsole: 0.98, patience: 600, days: 5),
    ]

    /// A simulated figure beside its exact value.
    struct Row {
        let name: String, kpi: String
        let exact: Double
        let estimate: Estimate
        var agrees: Bool { abs((estimate.mean ?? .nan) - exact) <= 3 * (estimate.ci95 ?? 0) }
        var precise: Bool { (estimate.ci95 ?? .infinity) <= 0.05 * abs(exact) }
    }

    func rows(_ test: Case, seed: Int) async throws -> [Row] {
        let exact = test.formula
        let atZero = await simulate(try test.scenario(threshold: 0, seed: seed))
        let result = await simulate(try test.scenario(threshold: 20, seed: seed))
        var rows = [
            Row(name: test.name, kpi: "P(wait)", exact: exact.pWait,
                estimate: Estimate(values: atZero[.serviceLevel].values.map { $0.map { 1 - $0 } })),
            Row(name: test.name, kpi: "service level (20 s)", exact: exact.serviceLevel(within: 20), estimate: result[.serviceLevel]),
            Row(name: test.name, kpi: "ASA", exact: try #require(exact.meanWaitAnswered), estimate: result[.asa]),
            Row(name: test.name, kpi: "utilisation", exact: exact.occupancy, estimate: result[.utilisation]),
        ]
        if test.patience != nil {
            rows.append(Row(name: test.name, kpi: "abandonment", exact: exact.pAbandon, estimate: result[.abandonmentRate]))
            rows.append(Row(name: test.name, kpi: "mean wait (all)", exact: try #require(exact.meanWait), estimate: result[.meanWait]))
        }
        if let p90 = exact.waitQuantile(0.9), p90 > 0 {
            rows.append(Row(name: test.name, kpi: "p90 wait", exact: p90, estimate: result[.waitP90]))
        }
        return rows
    }

    @Test("Every KPI within 3 × its ci95 of the exact value, and every ci95 within 5 % of it")
    func grid() async throws {
        var all: [Row] = []
        for (index, test) in Self.grid.enumerated() {
            for row in try await rows(test, seed: 100 + index) {
                #expect(row.agrees, "\(row.name), \(row.kpi): simulated \(row.estimate.mean ?? .nan) ± \(row.estimate.ci95 ?? .nan), exact \(row.exact)")
                #expect(row.precise, "\(row.name), \(row.kpi): ± \(row.estimate.ci95 ?? .nan) is too wide for exact \(row.exact)")
                all.append(row)
            }
        }
        if let path = ProcessInfo.processInfo.environment["CALLSIM_VALIDATION_REPORT"] {
            try Self.table(all).write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    static func table(_ rows: [Row]) -> String {
        var out = "| case | KPI | exact | simulated ± ci95 | within 3 × ci95 | ci95 / exact |\n|---|---|---:|---:|:---:|---:|\n"
        for row in rows {
            let mean = row.estimate.mean ?? .nan, ci = row.estimate.ci95 ?? .nan
            out += String(format: "| %@ | %@ | %.5g | %.5g ± %.3g | %@ | %.1f %% |\n", row.name, row.kpi, row.exact, mean, ci,
                          row.agrees ? "yes" : "**no**", 100 * ci / abs(row.exact))
        }
        return out
    }

    @Test("The 95 % intervals contain the exact value in 90–99 % of 200 independent runs")
    func coverage() async throws {
        // Two consoles at 70 % load: ten replications of 20 days after a day's warm-up, 200 seeds.
        let test = Case(consoles: 2, loadPerConsole: 0.7, patience: nil, days: 20)
        let exact = test.formula
        let exactWait = try #require(exact.meanWaitAnswered), exactLevel = exact.serviceLevel(within: 20)
        var waitHits = 0, levelHits = 0
        let runs = 200
        for run in 0..<runs {
            let result = await simulate(try test.scenario(threshold: 20, seed: 10_000 + run, replications: 10))
            func covers(_ estimate: Estimate, _ value: Double) -> Bool {
                guard let mean = estimate.mean, let ci = estimate.ci95 else { return false }
                return abs(mean - value) <= ci
            }
            if covers(result[.asa], exactWait) { waitHits += 1 }
            if covers(result[.serviceLevel], exactLevel) { levelHits += 1 }
        }
        let waitCoverage = Double(waitHits) / Double(runs), levelCoverage = Double(levelHits) / Double(runs)
        #expect((0.90...0.99).contains(waitCoverage), "ASA interval coverage \(waitCoverage)")
        #expect((0.90...0.99).contains(levelCoverage), "service level interval coverage \(levelCoverage)")
        if let path = ProcessInfo.processInfo.environment["CALLSIM_VALIDATION_REPORT"] {
            let line = String(format: "\nCoverage: %d runs of %@ (10 replications of 20 days each): the 95 %% interval "
                + "contained the exact ASA in %.1f %% of them and the exact service level in %.1f %%.\n",
                runs, test.name, 100 * waitCoverage, 100 * levelCoverage)
            try line.write(toFile: path + ".coverage", atomically: true, encoding: .utf8)
        }
    }
}
