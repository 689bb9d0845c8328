import CallModel
import Foundation
import SimStatistics

/// How the human reports (text, Markdown, CSV) write figures: the same rounding everywhere, so a
/// reader sees one number for one figure.
enum KPIText {
    /// The KPIs the human tables show, in order.
    static let summary: [KPI] = [
        .offered, .serviceLevel, .abandonmentRate, .unservedRate, .asa, .waitP95, .utilisation, .consoleHours, .escalated,
        .escalationDelayP95, .urgentLost,
    ]

    /// A summary KPI's short heading with its unit; `service` names the emergency service alerted
    /// (`escalation.service`).
    static func heading(_ kpi: KPI, service: String) -> String {
        let name: String
        switch kpi {
        case .offered: name = "offered"
        case .serviceLevel: name = "service level"
        case .abandonmentRate: name = "abandoned"
        case .unservedRate: name = "unserved"
        case .asa: name = "ASA"
        case .waitP95: name = "wait p95"
        case .consoleHours: name = "console-h"
        case .escalationDelayP95: name = "to \(service) p95"
        case .urgentLost: name = "urgent lost"
        default: name = kpi.rawValue.replacingOccurrences(of: "_", with: " ")
        }
        return name + unitText(kpi)
    }

    /// Days a count is shown over (docs/scenario-format.md, "Results"): counts a day, urgent callers lost a
    /// year; `nil` for shares and durations, shown as they are. (Every KPI listed: a new one must say.)
    static func shownOver(_ kpi: KPI) -> Double? {
        switch kpi {
        case .urgentLost, .urgentLostCount: return 365
        case .offered, .answered, .abandoned, .blocked, .escalated, .overflowed, .redials, .callers, .consoleHours: return 1
        case .abandonmentRate, .serviceLevel, .asa, .meanWait, .waitP50, .waitP90, .waitP95, .waitP99, .utilisation,
            .escalationDelayP95, .unservedRate:
            return nil
        }
    }

    /// " a day", " a year" or "".
    static func unitText(_ kpi: KPI) -> String {
        switch shownOver(kpi) {
        case 1: return " a day"
        case 365: return " a year"
        default: return ""
        }
    }

    /// `estimate` of a window of `horizon` seconds as people read it: a count a day or a year.
    static func shown(_ estimate: Estimate, _ kpi: KPI, horizon: Double) -> String {
        text(shownOver(kpi).map { estimate.scaled(by: $0 * 86_400 / horizon) } ?? estimate, kpi)
    }

    /// The summary's headings.
    static func headings(service: String) -> [String] { summary.map { heading($0, service: service) } }

    /// A figure for people (`FigureText`): percentages for shares, durations by size, counts.
    static func text(_ value: Double?, _ kpi: KPI) -> String { FigureText.text(value, FigureText.unit(of: kpi)) }

    /// `mean ± ci95` for people.
    static func text(_ estimate: Estimate, _ kpi: KPI) -> String { FigureText.text(estimate, FigureText.unit(of: kpi)) }

    static func seconds(_ value: Double) -> String { FigureText.text(value, .duration) }

    /// A plain number for machines (CSV): shortest round-trip form, empty when missing.
    static func plain(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return JSON.format(value)
    }

    /// One line saying what was run.
    static func headline(_ result: RunResult) -> String {
        let scenario = result.scenario
        var line = "\(scenario.replications) replications of \(days(scenario.horizon))"
        if scenario.warmup > 0 { line += " after a warm-up of \(days(scenario.warmup))" }
        return line + ", seed \(scenario.seed); service level = answered within \(seconds(scenario.serviceLevelThreshold))"
    }

    static func days(_ seconds: Double) -> String {
        let (value, unit) = seconds >= 86_400 ? (seconds / 86_400, "day") : (seconds / 3_600, "hour")
        return String(format: "%g %@", value, value == 1 ? unit : unit + "s")
    }

    /// The target rows as `scope kpi bound threshold estimate ± ci95 → PASS/FAIL/–`.
    static func target(_ row: TargetResult) -> [String] {
        let measure = row.target.measure, unit = FigureText.unit(of: measure)
        return [
            row.place, measure.reportedKey, (measure.isMinimum ? "≥ " : "≤ ") + FigureText.text(row.target.threshold, unit),
            FigureText.text(row.estimate, unit), row.state.rawValue,
        ]
    }
}
