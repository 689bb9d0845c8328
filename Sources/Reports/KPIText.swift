import CallModel
import Foundation
import SimStatistics

/// How the human reports (text, Markdown, CSV) write figures: the same rounding everywhere, so a
/// reader sees one number for one figure.
enum KPIText {
    /// The KPIs the human tables show, in order, with short headings.
    static let summary: [(KPI, String)] = [
        (.offered, "offered"), (.serviceLevel, "service level"), (.abandonmentRate, "abandoned"),
        (.asa, "ASA"), (.waitP95, "wait p95"), (.utilisation, "utilisation"), (.escalated, "escalated"),
        (.escalationDelayP95, "to 112 p95"), (.urgentLost, "urgent lost"),
    ]

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
            row.scope + (row.hour.map { " " + HourGroups.text([$0]) } ?? ""), measure.reportedKey, (measure.isMinimum ? "≥ " : "≤ ") + FigureText.text(row.target.threshold, unit),
            FigureText.text(row.estimate, unit), row.state.rawValue,
        ]
    }
}
