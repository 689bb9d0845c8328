import CallModel
import Foundation
import SimStatistics

/// What `callsim check` judges: each target in each scope, and, given a baseline, each compared KPI
/// against the baseline run (docs/model.md, "Targets and how they are decided").
public struct CheckRow: Sendable {
    public let scope: Scope
    /// The figure's name: a KPI key, or `urgent_lost_per_year`.
    public let kpi: String
    /// For an hourly target, the clock hour it is judged in; `nil` for the whole day.
    public let hour: Int?
    public let bound: Bound
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

    /// What a row's figure is held to, as `check --format json` writes it.
    public enum Bound: String, Sendable {
        /// A target's threshold that the figure must reach (a service level).
        case atLeast = "min"
        /// A target's threshold that the figure must not pass (abandonment, waits).
        case atMost = "max"
        /// The baseline run's figure, which it must not be significantly worse than.
        case baseline

        /// `≥`, `≤`, or `baseline`.
        var symbol: String {
            switch self {
            case .atLeast: return "≥"
            case .atMost: return "≤"
            case .baseline: return "baseline"
            }
        }
    }

    /// The scope, and the clock hour for an hourly target: `CJ 18:00–19:00`.
    var place: String { HourGroups.place(scope, hour: hour) }
}

extension TargetResult {
    /// The scope, and the clock hour for an hourly target: `CJ 18:00–19:00`.
    var place: String { HourGroups.place(scope, hour: hour) }
}

extension Target.Measure {
    /// How a target of this measure holds its figure: at least or at most the threshold.
    var bound: CheckRow.Bound { isMinimum ? .atLeast : .atMost }
}

/// Judges a run against its targets and, optionally, a baseline.
public enum CheckReport {
    /// The rows of a check: every target in every scope, then, given a baseline, every compared
    /// KPI against it (`Regression`).
    public static func rows(_ result: RunResult, baseline: Baseline?, tolerance: Double) throws -> [CheckRow] {
        var rows: [CheckRow] = []
        for target in result.targets {
            let measure = target.target.measure
            let at = target.hour.map { " at \(HourGroups.text([$0]))" } ?? ""
            let figure = baseline?.figure(scope: target.scope, kpi: measure.kpi)
            let scale = measure == .urgentLostPerYear ? 365 * 86_400 / result.scenario.horizon : 1
            let unit = FigureText.unit(of: measure)
            let bound = "\(measure.isMinimum ? "≥" : "≤") \(FigureText.text(target.target.threshold, unit))"
            let estimate = FigureText.text(target.estimate, unit)
            let message: String
            switch target.state {
            case .met: message = ""
            case .borderlineMet: message = "borderline: \(estimate)\(at) meets \(bound) but its interval reaches past it"
            case .notEstimated: message = "not estimated: too few observations in this scope\(at)"
            case .undecided: message = "undecided: \(estimate)\(at) against \(bound): raise precision or replications"
            case .borderlineMissed, .missed:
                message = "\(target.state.rawValue): \(measure.reportedKey) \(estimate)\(at) against \(bound)"
            }
            rows.append(CheckRow(
                scope: target.scope, kpi: measure.reportedKey, hour: target.hour, bound: measure.bound,
                threshold: target.target.threshold, estimate: target.estimate,
                baseline: figure?.mean.map { $0 * scale }, state: target.state, passed: !target.state.fails, message: message))
        }
        guard let baseline else { return rows }
        return try rows + Regression.rows(result, baseline: baseline, tolerance: tolerance)
    }

    static func describe(_ estimate: Estimate, _ kpi: String) -> String { FigureText.text(estimate, FigureText.unit(ofKey: kpi)) }

    /// The rows a reader must see, worst first: failing, then borderline (passing).
    static func shown(_ rows: [CheckRow]) -> (failing: [CheckRow], borderline: [CheckRow]) {
        (rows.filter { !$0.passed }, rows.filter { $0.state == .borderlineMet })
    }

    /// A row as `scope, kpi, bound, threshold, estimate ± ci95, state`.
    static func cells(_ row: CheckRow) -> [String] {
        [row.place, row.kpi, row.bound.rawValue, FigureText.text(row.threshold, FigureText.unit(ofKey: row.kpi)),
         describe(row.estimate, row.kpi), row.state?.rawValue ?? (row.passed ? "no regression" : failedBaseline(row.kpi))]
    }

    /// How a KPI failed against the baseline: "moved" for one with no better direction
    /// (utilisation: a rise may be more load, a drop calls lost), else "regressed".
    static func failedBaseline(_ kpi: String) -> String {
        KPI(rawValue: kpi).map { Regression.worse($0) == .eitherWay } == true ? "moved" : "regressed"
    }

    static let header = ["scope", "kpi", "bound", "threshold", "estimate", "state"]

    /// Targets not estimated, one line per KPI with the scopes (and, for hourly targets, the hours).
    static func notEstimated(_ rows: [CheckRow]) -> [String] {
        let skipped = rows.filter { $0.state == .notEstimated }
        return Set(skipped.map(\.kpi)).sorted().map { kpi in
            var scopes: [(scope: Scope, hours: [Int])] = []
            for row in skipped where row.kpi == kpi {
                if let index = scopes.firstIndex(where: { $0.scope == row.scope }) {
                    if let hour = row.hour { scopes[index].hours.append(hour) }
                } else {
                    scopes.append((row.scope, row.hour.map { [$0] } ?? []))
                }
            }
            let named = scopes.map { $0.hours.isEmpty ? $0.scope.description : "\($0.scope) at \(HourGroups.text($0.hours))" }
            return "Not estimated (too few observations): \(kpi) at \(scopes.count) scope(s): \(named.joined(separator: "; "))"
        }
    }

    /// The hourly rows in `rows` grouped by scope, figure and state: "CJ abandonment_rate ≤ 5 %:
    /// missed at 18–20 h, 7.4–9.8 %".
    static func hourLines(_ rows: [CheckRow]) -> [String] {
        var groups: [(scope: Scope, kpi: String, bound: CheckRow.Bound, threshold: Double?, state: TargetState?, hours: [Int], estimates: [Estimate])] = []
        for row in rows {
            guard let hour = row.hour else { continue }
            if let index = groups.firstIndex(where: { $0.scope == row.scope && $0.kpi == row.kpi && $0.state == row.state }) {
                groups[index].hours.append(hour)
                groups[index].estimates.append(row.estimate)
            } else {
                groups.append((row.scope, row.kpi, row.bound, row.threshold, row.state, [hour], [row.estimate]))
            }
        }
        return groups.map { group in
            let unit = FigureText.unit(ofKey: group.kpi)
            let bound = "\(group.bound.symbol) \(FigureText.text(group.threshold, unit))"
            return "\(group.scope) \(group.kpi) \(bound): \(group.state?.rawValue ?? "") at \(HourGroups.text(group.hours)), "
                + HourGroups.range(group.estimates, unit)
        }
    }

    /// `PASSED: 236 met, 5 not estimated, 0 of 238 baseline KPIs regressed`.
    static func verdict(_ rows: [CheckRow]) -> String {
        var parts = TargetState.allCases.compactMap { state -> String? in
            let count = rows.filter { $0.state == state }.count
            return count > 0 ? "\(count) \(state.rawValue)" : nil
        }
        let compared = rows.filter { $0.state == nil }
        if !compared.isEmpty { parts.append("\(compared.filter { !$0.passed }.count) of \(compared.count) baseline KPIs regressed") }
        return (rows.allSatisfy(\.passed) ? "PASSED" : "FAILED") + ": " + parts.joined(separator: ", ")
    }

    /// What fails first (estimate ± ci95, threshold, state), what passes only just, the targets not
    /// estimated, then a one-line verdict with the count of each state.
    public static func text(_ rows: [CheckRow]) -> String {
        let (failing, borderline) = shown(rows)
        var out = ""
        for (title, shown) in [("Failing", failing), ("Borderline (pass)", borderline)] {
            let day = shown.filter { $0.hour == nil }, hours = hourLines(shown)
            if !day.isEmpty || !hours.isEmpty { out += title + "\n" }
            if !day.isEmpty { out += TableReports.aligned([header] + day.map(cells)) }
            if !hours.isEmpty { out += (day.isEmpty ? "" : "By hour\n") + hours.map { "  " + $0 + "\n" }.joined() }
            if !day.isEmpty || !hours.isEmpty { out += "\n" }
        }
        out += notEstimated(rows).map { $0 + "\n" }.joined()
        return out + verdict(rows) + "\n"
    }

    /// `check --format markdown`: a summary for CI step summaries and merge-request notes — the
    /// verdict, then a table of what fails and what passes only just.
    public static func markdown(_ rows: [CheckRow], scenario: String) -> String {
        let (failing, borderline) = shown(rows)
        var out = "### callsim check — \(scenario)\n\n**\(verdict(rows))**\n\n"
        let listed = failing + borderline
        if listed.isEmpty { out += "Every target holds.\n" } else { out += TableReports.table([header] + listed.map(cells)) }
        let skipped = notEstimated(rows)
        if !skipped.isEmpty { out += "\n" + skipped.map { "- " + $0 + "\n" }.joined() }
        return out
    }

    /// `check --format github`: one workflow annotation per target or KPI that needs a look —
    /// `::error` for what fails, `::warning` for borderline-met, `::notice` for not estimated — then
    /// the verdict.
    public static func github(_ rows: [CheckRow], scenario: String) -> String {
        func escape(_ text: String, property: Bool = false) -> String {
            var out = text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
            if property { out = out.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C") }
            return out
        }
        var out = ""
        func level(_ row: CheckRow) -> String? {
            if !row.passed { return "error" } else if row.state == .borderlineMet { return "warning" }
            else if row.state == .notEstimated { return "notice" } else { return nil }
        }
        // Hourly rows: one annotation per scope, figure and level, naming the hours.
        var hourly: [(level: String, scope: Scope, kpi: String, rows: [CheckRow])] = []
        for row in rows where row.hour != nil {
            guard let level = level(row) else { continue }
            if let index = hourly.firstIndex(where: { $0.level == level && $0.scope == row.scope && $0.kpi == row.kpi }) {
                hourly[index].rows.append(row)
            } else {
                hourly.append((level, row.scope, row.kpi, [row]))
            }
        }
        for group in hourly {
            let title = escape("callsim check: \(group.scope) \(group.kpi) by hour", property: true)
            out += "::\(group.level) title=\(title)::\(escape("\(scenario): " + hourLines(group.rows).joined(separator: "; ")))\n"
        }
        for row in rows where row.hour == nil {
            let level: String
            if !row.passed { level = "error" } else if row.state == .borderlineMet { level = "warning" }
            else if row.state == .notEstimated { level = "notice" } else { continue }
            let title = escape("callsim check: \(row.scope) \(row.kpi)", property: true)
            let cells = cells(row)
            let message = "\(scenario): \(row.scope) \(row.kpi) \(cells[4]), target \(row.bound.symbol) \(cells[3]): \(cells[5])"
            out += "::\(level) title=\(title)::\(escape(message))\n"
        }
        return out + verdict(rows) + "\n"
    }

    /// `check --format json`: the rows (hourly ones carry `hour`), and the peak warnings.
    public static func json(_ rows: [CheckRow], warnings: [PeakWarning] = []) -> JSON {
        .object([
            ("passed", .bool(rows.allSatisfy(\.passed))),
            ("results", .array(rows.map { row in
                .object([
                    ("scope", .string(row.scope.description)), ("kpi", .string(row.kpi)),
                ] + (row.hour.map { [("hour", JSON.number(Double($0)))] } ?? []) + [
                    ("bound", .string(row.bound.rawValue)),
                    ("threshold", .number(row.threshold)), ("estimate", .number(row.estimate.mean)),
                    ("ci95", .number(row.estimate.ci95)), ("baseline", .number(row.baseline)),
                    ("state", row.state.map { .string($0.rawValue) } ?? .null), ("passed", .bool(row.passed)),
                ])
            })),
            ("warnings", .array(warnings.map(\.json))),
        ])
    }

    /// JUnit XML: a testsuite per scope, a testcase per target or compared KPI.
    public static func junit(_ rows: [CheckRow], scenario: String) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var scopes: [Scope] = []
        for row in rows where !scopes.contains(row.scope) { scopes.append(row.scope) }
        let failures = rows.filter { !$0.passed }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"callsim check: \(escape(scenario))\" tests=\"\(rows.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(rows.filter { $0.state == .notEstimated }.count)\">\n"
        for scope in scopes {
            let cases = rows.filter { $0.scope == scope }
            let skipped = cases.filter { $0.state == .notEstimated }.count
            out += "  <testsuite name=\"\(escape(scope.description))\" tests=\"\(cases.count)\" failures=\"\(cases.filter { !$0.passed }.count)\" errors=\"0\" skipped=\"\(skipped)\">\n"
            for row in cases {
                let name = "\(row.kpi) \(row.bound.rawValue) \(row.threshold.map { JSON.format($0) } ?? "")"
                    + (row.hour.map { " at \(HourGroups.text([$0]))" } ?? "")
                out += "    <testcase classname=\"\(escape(scenario)).\(escape(scope.description))\" name=\"\(escape(name))\" time=\"0\""
                if row.state == .notEstimated {
                    out += ">\n      <skipped message=\"\(escape(row.message))\"/>\n    </testcase>\n"
                } else if row.passed && row.message.isEmpty {
                    out += "/>\n"
                } else if row.passed {
                    out += ">\n      <system-out>\(escape(row.message))</system-out>\n    </testcase>\n"
                } else {
                    out += ">\n      <failure message=\"\(escape(row.message))\" type=\"\(row.bound == .baseline ? "Regression" : row.state == .undecided ? "TargetUndecided" : "TargetMissed")\"/>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }
}
