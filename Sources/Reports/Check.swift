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
    /// A target's state; `nil` for a regression check.
    public let state: TargetState?
    /// `false` when the row fails `check`: a target in a failing state, or a regression.
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
    let path: String
    let seed: UInt64?
    let replications: Int?

    /// Reads `path` and checks it is a report of `scenario` in this format version.
    public init(path: String, scenario: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BaselineError(description: "\(path): cannot read the baseline (no such file?)")
        }
        guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw BaselineError(description: "\(path): the baseline is not a callsim report.json (not a JSON object)")
        }
        guard let version = document["format_version"] as? Int else {
            throw BaselineError(description: "\(path): the baseline is not a callsim report.json (no whole-number format_version)")
        }
        guard version == ResultDocument.formatVersion else {
            throw BaselineError(description:
                "\(path): the baseline has format_version \(version); this callsim writes \(ResultDocument.formatVersion) "
                + "(percentiles pooled over replications, urgent callers lost estimated from every lost caller): "
                + "refresh it with `callsim run SCENARIO --output DIR` and use DIR/report.json")
        }
        guard let name = document["scenario"] as? String, name == scenario else {
            throw BaselineError(description:
                "\(path): the baseline is of scenario \"\(document["scenario"] ?? "?")\", not \"\(scenario)\"")
        }
        self.document = document
        self.path = path
        seed = document["seed"] as? UInt64
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
    /// Which way a KPI regresses: up, down, or either way (`utilisation`: a rise means more load or
    /// slower calls, a drop can mean calls lost before they reach a console).
    enum Worse { case higher, lower, eitherWay }

    static func worse(_ kpi: KPI) -> Worse {
        if kpi == .utilisation { return .eitherWay }
        return kpi.higherIsBetter == true ? .lower : .higher
    }

    public static func rows(_ result: RunResult, baseline: Baseline?, tolerance: Double) throws -> [CheckRow] {
        var rows: [CheckRow] = []
        for target in result.targets {
            let measure = target.target.measure
            let figure = baseline?.values(scope: target.scope, kpi: measure.kpi.rawValue)
            let scale = measure == .urgentLostPerYear ? 365 * 86_400 / result.scenario.horizon : 1
            let bound = "\(measure.isMinimum ? "≥" : "≤") \(JSON.format(target.target.threshold))"
            let message: String
            switch target.state {
            case .met: message = ""
            case .borderlineMet: message = "borderline: \(describe(target.estimate)) meets \(bound) but its interval reaches past it"
            case .notEstimated: message = "not estimated: too few observations in this scope"
            case .undecided: message = "undecided: \(describe(target.estimate)) against \(bound): raise precision or replications"
            case .borderlineMissed, .missed:
                message = "\(target.state.rawValue): \(measure.reportedKey) \(describe(target.estimate)) against \(bound)"
            }
            rows.append(CheckRow(
                scope: target.scope, kpi: measure.reportedKey, bound: measure.isMinimum ? "min" : "max",
                threshold: target.target.threshold, estimate: target.estimate,
                baseline: figure?.mean.map { $0 * scale }, state: target.state, passed: !target.state.fails, message: message))
        }
        guard let baseline else { return rows }
        var compared: [(scope: String, kpi: KPI)] = result.targets.map { ($0.scope, $0.target.measure.kpi) }
        compared += alwaysCompared.map { ("total", $0) }
        var seen = Set<String>()
        compared = compared.filter { seen.insert("\($0.scope)/\($0.kpi.rawValue)").inserted }
        let paired = baseline.seed == result.scenario.seed && baseline.replications == result.scenario.replications
        var tests: [(scope: String, kpi: KPI, current: Estimate, base: Double, worse: Bool, p: Double)] = []
        for (scope, kpi) in compared {
            let current = scope == "total" ? result.total[kpi.index]
                : result.centres.first { $0.code == scope }?.kpis[kpi.index]
            guard let current, let mean = current.mean else { continue }
            guard let figure = baseline.values(scope: scope, kpi: kpi.rawValue), let base = figure.mean else {
                throw BaselineError(description:
                    "\(baseline.path): the baseline has no figure for \(scope) \(kpi.rawValue) (missing, null or not a number) "
                    + "where this run has one: it is not a complete report.json of this scenario; refresh it")
            }
            let higher = Significance.pValueHigher(current: current.values, baseline: figure.values, paired: paired) ?? 1
            let lower = Significance.pValueHigher(current: figure.values, baseline: current.values, paired: paired) ?? 1
            let change: Double, p: Double
            switch worse(kpi) {
            case .higher: (change, p) = (mean - base, higher)
            case .lower: (change, p) = (base - mean, lower)
            case .eitherWay: (change, p) = (abs(mean - base), min(1, 2 * min(higher, lower)))
            }
            tests.append((scope, kpi, current, base, change > tolerance * abs(base), p))
        }
        let significant = Significance.holm(tests.map(\.p))
        for (test, significant) in zip(tests, significant) {
            let regressed = test.worse && significant
            rows.append(CheckRow(
                scope: test.scope, kpi: test.kpi.rawValue, bound: "baseline", threshold: test.base, estimate: test.current,
                baseline: test.base, state: nil, passed: !regressed,
                message: regressed ? "\(test.kpi.rawValue) \(describe(test.current)) regressed from the baseline's "
                    + "\(test.base) (\(worse(test.kpi) == .eitherWay ? "moved" : "worse") by more than \(tolerance * 100) %, "
                    + "p = \(test.p), Holm at 5 %)" : ""))
        }
        return rows
    }

    static func describe(_ estimate: Estimate) -> String {
        guard let mean = estimate.mean else { return "–" }
        return estimate.ci95.map { "\(mean) ± \($0)" } ?? "\(mean)"
    }

    /// What fails first (estimate ± ci95, threshold, state), the targets not estimated, then a
    /// one-line verdict with the count of each state.
    public static func text(_ rows: [CheckRow]) -> String {
        func line(_ row: CheckRow) -> [String] {
            [row.scope, row.kpi, row.bound, row.threshold.map { JSON.format($0) } ?? "–", describe(row.estimate),
             row.state?.rawValue ?? (row.passed ? "no regression" : "regressed")]
        }
        let header = ["scope", "kpi", "bound", "threshold", "estimate", "state"]
        var out = ""
        let failing = rows.filter { !$0.passed }
        if !failing.isEmpty { out += "Failing\n" + TableReports.aligned([header] + failing.map(line)) + "\n" }
        let borderline = rows.filter { $0.state == .borderlineMet }
        if !borderline.isEmpty { out += "Borderline (pass)\n" + TableReports.aligned([header] + borderline.map(line)) + "\n" }
        let notEstimated = rows.filter { $0.state == .notEstimated }
        for kpi in Set(notEstimated.map(\.kpi)).sorted() {
            let scopes = notEstimated.filter { $0.kpi == kpi }.map(\.scope)
            out += "Not estimated (too few observations): \(kpi) at \(scopes.count) scope(s): \(scopes.joined(separator: ", "))\n"
        }
        let counts = TargetState.allCases.compactMap { state -> String? in
            let count = rows.filter { $0.state == state }.count
            return count > 0 ? "\(count) \(state.rawValue)" : nil
        }
        let regressions = rows.filter { $0.state == nil }
        var parts = counts
        if !regressions.isEmpty { parts.append("\(regressions.filter { !$0.passed }.count) of \(regressions.count) baseline KPIs regressed") }
        out += (failing.isEmpty ? "PASSED" : "FAILED") + ": " + parts.joined(separator: ", ") + "\n"
        out += "\(rows.count - failing.count) passed, \(failing.count) failed\n"
        return out
    }

    /// `check --format json`.
    public static func json(_ rows: [CheckRow]) -> JSON {
        .object([
            ("passed", .bool(rows.allSatisfy(\.passed))),
            ("results", .array(rows.map { row in
                .object([
                    ("scope", .string(row.scope)), ("kpi", .string(row.kpi)), ("bound", .string(row.bound)),
                    ("threshold", .number(row.threshold)), ("estimate", .number(row.estimate.mean)),
                    ("ci95", .number(row.estimate.ci95)), ("baseline", .number(row.baseline)),
                    ("state", row.state.map { .string($0.rawValue) } ?? .null), ("passed", .bool(row.passed)),
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
        out += "<testsuites name=\"callsim check: \(escape(scenario))\" tests=\"\(rows.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(rows.filter { $0.state == .notEstimated }.count)\">\n"
        for scope in scopes {
            let cases = rows.filter { $0.scope == scope }
            let skipped = cases.filter { $0.state == .notEstimated }.count
            out += "  <testsuite name=\"\(escape(scope))\" tests=\"\(cases.count)\" failures=\"\(cases.filter { !$0.passed }.count)\" errors=\"0\" skipped=\"\(skipped)\">\n"
            for row in cases {
                let name = "\(row.kpi) \(row.bound) \(row.threshold.map { JSON.format($0) } ?? "")"
                out += "    <testcase classname=\"\(escape(scenario)).\(escape(scope))\" name=\"\(escape(name))\" time=\"0\""
                if row.state == .notEstimated {
                    out += ">\n      <skipped message=\"\(escape(row.message))\"/>\n    </testcase>\n"
                } else if row.passed && row.message.isEmpty {
                    out += "/>\n"
                } else if row.passed {
                    out += ">\n      <system-out>\(escape(row.message))</system-out>\n    </testcase>\n"
                } else {
                    out += ">\n      <failure message=\"\(escape(row.message))\" type=\"\(row.bound == "baseline" ? "Regression" : row.state == .undecided ? "TargetUndecided" : "TargetMissed")\"/>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }
}
