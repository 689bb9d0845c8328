import CallModel
import Foundation
import SimStatistics

/// What `callsim check` judges: each target in each scope, and, given a baseline, each compared KPI
/// against the baseline run (docs/model.md, "Targets and how they are decided").
public struct CheckRow: Sendable {
    /// `total` or a centre's code.
    public let scope: String
    /// The figure's name: a KPI key, or `urgent_lost_per_year`.
    public let kpi: String
    /// `min` or `max` for a target; `baseline` for a regression check.
    public let bound: String
    /// The target's threshold, or the baseline's estimate for a regression check.
    public let threshold: Double?
    public let estimate: Estimate
    /// The baseline run's estimate of the same figure, if a baseline was given.
    public let baseline: Double?
    public let passed: Bool
    /// Why it failed, with the figures.
    public let message: String
}

/// A problem with a baseline file: exit status 2.
public struct BaselineError: Error, CustomStringConvertible {
    public let description: String
}

/// An earlier `report.json` to compare with.
public struct Baseline {
    let document: [String: Any]
    let seed: Double?
    let replications: Int?

    /// Reads `path` and checks it is a report of `scenario` in this format version.
    public init(path: String, scenario: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BaselineError(description: "\(path): cannot read the baseline (no such file?)")
        }
        guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw BaselineError(description: "\(path): the baseline is not a callsim report.json (not a JSON object)")
        }
        guard (document["format_version"] as? Int) == ResultDocument.formatVersion else {
            throw BaselineError(description:
                "\(path): the baseline has format_version \(document["format_version"] ?? "none"); this callsim writes \(ResultDocument.formatVersion)")
        }
        guard let name = document["scenario"] as? String, name == scenario else {
            throw BaselineError(description:
                "\(path): the baseline is of scenario \"\(document["scenario"] ?? "?")\", not \"\(scenario)\"")
        }
        self.document = document
        seed = document["seed"] as? Double
        replications = document["replications"] as? Int
    }

    /// The baseline's figure: its mean and per-replication values (`report.json` keeps them).
    func values(scope: String, kpi: String) -> (mean: Double?, values: [Double?])? {
        let group: [String: Any]?
        if scope == "total" {
            group = document["total"] as? [String: Any]
        } else {
            group = (document["centres"] as? [[String: Any]])?.first { $0["code"] as? String == scope }
        }
        guard let kpiObject = group?[kpi] as? [String: Any] else { return nil }
        let values = (kpiObject["values"] as? [Any])?.map { $0 as? Double } ?? []
        return (kpiObject["mean"] as? Double, values)
    }
}

/// Judges a run against its targets and, optionally, a baseline.
public enum CheckReport {
    /// KPIs of the total compared with a baseline besides the targets' (docs/model.md, "Targets and how they are decided").
    static let alwaysCompared: [KPI] = [.abandonmentRate, .serviceLevel, .asa, .meanWait, .utilisation]

    /// The rows of a check. A regression: worse than the baseline by more than `tolerance` (relative)
    /// and significantly so (paired by replication when both runs used the same seed, else Welch),
    /// at a 5 % family-wise level over all the KPIs compared (Holm).
    public static func rows(_ result: RunResult, baseline: Baseline?, tolerance: Double) -> [CheckRow] {
        var rows: [CheckRow] = []
        for target in result.targets {
            guard let met = target.met else { continue }  // nothing to measure in this scope
            let measure = target.target.measure
            let figure = baseline?.values(scope: target.scope, kpi: measure.kpi.rawValue)
            let scale = measure == .urgentLostPerYear ? 365 * 86_400 / result.scenario.horizon : 1
            rows.append(CheckRow(
                scope: target.scope, kpi: measure.reportedKey, bound: measure.isMinimum ? "min" : "max",
                threshold: target.target.threshold, estimate: target.estimate,
                baseline: figure?.mean.map { $0 * scale }, passed: met,
                message: met ? "" : "\(measure.reportedKey) \(describe(target.estimate)) misses the target "
                    + "\(measure.isMinimum ? "≥" : "≤") \(target.target.threshold)"))
        }
        guard let baseline else { return rows }
        var compared: [(scope: String, kpi: KPI)] = result.targets.map { ($0.scope, $0.target.measure.kpi) }
        compared += alwaysCompared.map { ("total", $0) }
        var seen = Set<String>()
        compared = compared.filter { seen.insert("\($0.scope)/\($0.kpi.rawValue)").inserted }
        let paired = baseline.seed == Double(result.scenario.seed) && baseline.replications == result.scenario.replications
        var tests: [(scope: String, kpi: KPI, current: Estimate, base: Double, worse: Bool, p: Double)] = []
        for (scope, kpi) in compared {
            let current = scope == "total" ? result.total[kpi.index]
                : result.centres.first { $0.code == scope }?.kpis[kpi.index]
            guard let current, let mean = current.mean, let figure = baseline.values(scope: scope, kpi: kpi.rawValue),
                  let base = figure.mean else { continue }
            let higherIsWorse = !(kpi.higherIsBetter ?? false)
            let change = higherIsWorse ? mean - base : base - mean
            let worse = change > tolerance * abs(base)
            let p = (higherIsWorse
                ? Significance.pValueHigher(current: current.values, baseline: figure.values, paired: paired)
                : Significance.pValueHigher(current: figure.values, baseline: current.values, paired: paired)) ?? 1
            tests.append((scope, kpi, current, base, worse, p))
        }
        let significant = Significance.holm(tests.map(\.p))
        for (test, significant) in zip(tests, significant) {
            let regressed = test.worse && significant
            rows.append(CheckRow(
                scope: test.scope, kpi: test.kpi.rawValue, bound: "baseline", threshold: test.base, estimate: test.current,
                baseline: test.base, passed: !regressed,
                message: regressed ? "\(test.kpi.rawValue) \(describe(test.current)) regressed from the baseline's "
                    + "\(test.base) (worse by more than \(tolerance * 100) %, p = \(test.p), Holm at 5 %)" : ""))
        }
        return rows
    }

    static func describe(_ estimate: Estimate) -> String {
        guard let mean = estimate.mean else { return "–" }
        return estimate.ci95.map { "\(mean) ± \($0)" } ?? "\(mean)"
    }

    /// One line per row.
    public static func text(_ rows: [CheckRow]) -> String {
        let table = [["scope", "kpi", "bound", "threshold", "estimate", "result"]] + rows.map { row in
            [row.scope, row.kpi, row.bound, row.threshold.map { JSON.format($0) } ?? "–", describe(row.estimate),
             row.passed ? "PASS" : "FAIL"]
        }
        let failed = rows.filter { !$0.passed }.count
        return TableReports.aligned(table) + "\n\(rows.count - failed) passed, \(failed) failed\n"
    }

    /// `check --format json`.
    public static func json(_ rows: [CheckRow]) -> JSON {
        .object([
            ("passed", .bool(rows.allSatisfy(\.passed))),
            ("results", .array(rows.map { row in
                .object([
                    ("scope", .string(row.scope)), ("kpi", .string(row.kpi)), ("bound", .string(row.bound)),
                    ("threshold", .number(row.threshold)), ("estimate", .number(row.estimate.mean)),
                    ("ci95", .number(row.estimate.ci95)), ("baseline", .number(row.baseline)), ("passed", .bool(row.passed)),
                ])
            })),
        ])
    }

    /// JUnit XML: a testsuite per scope, a testcase per target or compared KPI.
    public static func junit(_ rows: [CheckRow], scenario: String) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var scopes: [String] = []
        for row in rows where !scopes.contains(row.scope) { scopes.append(row.scope) }
        let failures = rows.filter { !$0.passed }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"callsim check: \(escape(scenario))\" tests=\"\(rows.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        for scope in scopes {
            let cases = rows.filter { $0.scope == scope }
            out += "  <testsuite name=\"\(escape(scope))\" tests=\"\(cases.count)\" failures=\"\(cases.filter { !$0.passed }.count)\" errors=\"0\" skipped=\"0\">\n"
            for row in cases {
                let name = "\(row.kpi) \(row.bound) \(row.threshold.map { JSON.format($0) } ?? "")"
                out += "    <testcase classname=\"\(escape(scenario)).\(escape(scope))\" name=\"\(escape(name))\" time=\"0\""
                if row.passed {
                    out += "/>\n"
                } else {
                    out += ">\n      <failure message=\"\(escape(row.message))\" type=\"\(row.bound == "baseline" ? "Regression" : "TargetMissed")\"/>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }
}
