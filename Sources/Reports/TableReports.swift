import CallModel
import SimStatistics

/// The human reports of a run: a plain-text table for the terminal, Markdown for report.md and
/// CI job summaries, and CSV (one row per centre and the total, every KPI's mean and ci95).
public enum TableReports {
    static func rows(_ result: RunResult) -> [[String]] {
        let horizon = result.scenario.horizon
        let total = [Scope.totalName, "all centres"] + KPIText.summary.map { KPIText.shown(result.total[$0.index], $0, horizon: horizon) }
        return [total] + result.centres.map { centre in
            [centre.code, centre.name] + KPIText.summary.map { KPIText.shown(centre.kpis[$0.index], $0, horizon: horizon) }
        }
    }

    static func header(_ result: RunResult) -> [String] {
        ["code", "centre"] + KPIText.headings(service: result.scenario.emergencyService)
    }
    static let targetHeader = ["scope", "kpi", "target", "estimate", "result"]

    /// The terminal report: the key figures, the targets' verdict (counts by state and what is not
    /// met, grouped by KPI when many centres share a state), the centres table and the call types.
    /// `verbose` adds a row for every target (report.md always has them).
    public static func text(_ result: RunResult, verbose: Bool = false) -> String {
        var out = "callsim — \(result.scenario.name)\n\(KPIText.headline(result))\n"
        out += "Figures: mean over replications ± 95 % confidence half-width; counts a day, urgent callers lost a year.\n\n"
        out += keyFigures(result) + "\n"
        if !result.targets.isEmpty { out += targetVerdict(result) + "\n" }
        out += aligned([header(result)] + rows(result))
        if !result.types.isEmpty {
            out += "\nBy call type\n"
            out += aligned([["type"] + KPIText.headings(service: result.scenario.emergencyService)] + result.types.map { type in
                [type.name] + KPIText.summary.map { KPIText.shown(type.kpis[$0.index], $0, horizon: result.scenario.horizon) }
            })
        }
        if verbose && !result.targets.isEmpty {
            out += "\nTargets\n" + aligned([targetHeader] + result.targets.map(KPIText.target))
        }
        return out
    }

    /// The total's key figures in two lines.
    static func keyFigures(_ result: RunResult) -> String {
        let days = result.scenario.horizon / 86_400
        let total = result.total
        func figure(_ kpi: KPI) -> String { KPIText.text(total[kpi.index], kpi) }
        let perDay = total[KPI.offered.index].mean.map { FigureText.text($0 / days, .count) } ?? "–"
        let urgent = total[KPI.urgentLost.index].scaled(by: 365 / days)
        let callers = total[KPI.callers.index].mean.map { FigureText.text($0 / days, .count) } ?? "–"
        let redials = total[KPI.redials.index].mean ?? 0
        let attempts = redials > 0
            ? "\(callers) callers a day, \(perDay) calls with \(FigureText.text(redials / days, .count)) redials; "
                + "callers never answered \(figure(.unservedRate));\n  "
            : "\(perDay) calls a day; "
        return "Key figures: \(attempts)service level \(figure(.serviceLevel)); abandoned \(figure(.abandonmentRate)); "
            + "ASA \(figure(.asa));\n  wait p95 \(figure(.waitP95)); utilisation \(figure(.utilisation)); "
            + "delay to \(result.scenario.emergencyService) p95 \(figure(.escalationDelayP95)); urgent callers lost \(FigureText.text(urgent, .count)) a year\n"
    }

    /// `Targets: 230 met, 4 borderline-met, …` and the targets not met, one line each, or one line
    /// per KPI and state when more than three scopes share it (with the worst of them).
    static func targetVerdict(_ result: RunResult) -> String {
        let counts = TargetState.allCases.compactMap { state -> String? in
            let count = result.targets.filter { $0.state == state }.count
            return count > 0 ? "\(count) \(state.rawValue)" : nil
        }
        var out = "Targets: " + counts.joined(separator: ", ") + " (--verbose or report.md lists every one)\n"
        let notMet = result.targets.filter { $0.state != .met && $0.hour == nil }
        var groups: [(key: String, state: TargetState, rows: [TargetResult])] = []
        for row in notMet {
            let key = row.target.measure.reportedKey
            if let index = groups.firstIndex(where: { $0.key == key && $0.state == row.state }) {
                groups[index].rows.append(row)
            } else {
                groups.append((key, row.state, [row]))
            }
        }
        for group in groups {
            if group.rows.count > 3 {
                let scopes = group.rows.map(\.scope.description)
                out += "  \(group.state.rawValue): \(group.key) at \(scopes.count) scopes: \(scopes.prefix(12).joined(separator: ", "))"
                    + (scopes.count > 12 ? ", …" : "") + "\n"
            } else {
                for row in group.rows {
                    let cells = KPIText.target(row)
                    out += "  \(cells[4]): \(cells[0]) \(cells[1]) \(cells[3]), target \(cells[2])\n"
                }
            }
        }
        // Hourly targets: one line per scope, target and state, naming the hours (at most 12 lines).
        let hours = HourGroups.groups(result.targets.filter { $0.state != .met })
        for group in hours.prefix(12) { out += "  by hour: \(group.line)\n" }
        if hours.count > 12 { out += "  by hour: … and \(hours.count - 12) more (report.md lists them)\n" }
        return out
    }

    /// report.md.
    public static func markdown(_ result: RunResult) -> String {
        var out = "# \(result.scenario.name)\n\n\(KPIText.headline(result)).\n\n"
        out += "Figures are means over replications ± the half-width of the 95 % confidence interval; counts are a day, urgent callers lost a year.\n\n"
        out += "## Centres\n\n" + table([header(result)] + rows(result))
        if !result.types.isEmpty {
            out += "\n## By call type\n\n"
            out += table([["type"] + KPIText.headings(service: result.scenario.emergencyService)] + result.types.map { type in
                [type.name] + KPIText.summary.map { KPIText.shown(type.kpis[$0.index], $0, horizon: result.scenario.horizon) }
            })
        }
        out += "\n## By hour of day (total)\n\n"
        out += table([["hour", "offered", "service level", "abandoned", "ASA", "utilisation"]] + result.byHour.enumerated().map { hour, row in
            let offered = row[HourKPI.offered.index]
            // Calls abandoned of calls offered in the hour, a ratio of sums over the replications.
            let abandoned = zip(row[HourKPI.abandoned.index].values, offered.values).map { Ratio($0 ?? 0, of: $1 ?? 0) }
            return [
                String(format: "%02d:00", hour), KPIText.text(offered, .offered),
                KPIText.text(row[HourKPI.serviceLevel.index], .serviceLevel),
                KPIText.text(Estimate(ratios: abandoned, events: true), .abandonmentRate),
                KPIText.text(row[HourKPI.asa.index], .asa), KPIText.text(row[HourKPI.utilisation.index], .utilisation),
            ]
        })
        if !result.targets.isEmpty {
            out += "\n## Targets\n\n" + table([targetHeader] + result.targets.filter { $0.hour == nil }.map(KPIText.target))
        }
        let hours = HourGroups.groups(result.targets.filter { $0.state != .met })
        if !hours.isEmpty || result.targets.contains(where: { $0.hour != nil }) {
            out += "\n## Hourly targets\n\n"
            out += hours.isEmpty ? "Every hour meets its hourly targets.\n" : hours.map { "- " + $0.line + "\n" }.joined()
        }
        return out
    }

    /// centres.csv.
    public static func csv(_ result: RunResult) -> String {
        var lines = [(["code", "name"] + KPI.allCases.flatMap { ["\($0.rawValue)", "\($0.rawValue)_ci95"] }).joined(separator: ",")]
        func line(_ code: String, _ name: String, _ kpis: [Estimate]) -> String {
            ([code, quoted(name)] + kpis.flatMap { [KPIText.plain($0.mean), KPIText.plain($0.ci95)] }).joined(separator: ",")
        }
        lines += result.centres.map { line($0.code, $0.name, $0.kpis) }
        lines.append(line(Scope.totalName, "all centres", result.total))
        return lines.joined(separator: "\n") + "\n"
    }

    static func quoted(_ field: String) -> String {
        field.contains(where: { ",\"\n".contains($0) }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    static func aligned(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).enumerated().map { index, cell in
                let pad = String(repeating: " ", count: cell.1 - cell.0.count)
                return index < 2 ? cell.0 + pad : pad + cell.0
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    static func table(_ rows: [[String]]) -> String {
        guard let head = rows.first else { return "" }
        let escape = { (cell: String) in cell.replacingOccurrences(of: "|", with: "\\|") }
        var out = "| " + head.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + head.enumerated().map { index, _ in index < 2 ? " --- |" : " ---: |" }.joined() + "\n"
        for row in rows.dropFirst() { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        return out
    }
}
