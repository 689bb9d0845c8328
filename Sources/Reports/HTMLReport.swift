import CallModel
import Charts
import Foundation
import SimStatistics

/// `report.html`: one self-contained page (inline SVG and CSS, nothing fetched) that planners open
/// and forward — charts drawn by callsim with the numbers beside them — for one run, or for two
/// runs side by side with their differences (`callsim compare`). Byte-identical for the same
/// documents: no timestamps.
public enum HTMLReport {
    /// The report of one run.
    public static func page(_ view: ReportView) -> String {
        let runs = [(name: "this run", view: view)]
        var body = header(view.scenario, subtitle: describe(view))
        body += section("summary", "Key figures", summary(runs))
        body += section("hourly", "Calls and consoles by hour of the day", ReportCharts.hourly(runs) + hourlyTable(view))
        body += section("waits", "How long answered callers wait", ReportCharts.survival(runs) + survivalTable(runs))
        body += section("centres", "Centres, worst first: service level and abandonment with 95 % intervals",
                        "<div class=\"pair\">" + ReportCharts.centres(runs, measure: .serviceLevel, title: "service level", id: "chart-centres-sl")
                        + ReportCharts.centres(runs, measure: .abandonmentRate, title: "abandonment", id: "chart-centres-abandonment") + "</div>"
                        + centreTable(view))
        body += section("map", "Map of the centres", ReportCharts.map(view, kpi: .serviceLevel, id: "map-service-level", title: "Service level by centre")
                        + ReportCharts.map(view, kpi: .abandonmentRate, id: "map-abandonment", title: "Abandonment by centre"))
        body += section("escalation", "Escalation to \(escape(view.emergencyService))", ReportCharts.escalation(runs) + escalationTable(runs))
        if !view.dayTargets.isEmpty { body += section("targets", "Targets", targetTable(view)) }
        return document(title: "callsim — \(view.scenario)", body: body)
    }

    /// Two runs side by side, with the differences and whether each is significant.
    public static func compare(_ a: ReportView, _ b: ReportView) -> String {
        let runs = [(name: "A", view: a), (name: "B", view: b)]
        var body = header("\(a.scenario) (A) vs \(b.scenario) (B)", subtitle: "A: \(describe(a))<br>B: \(describe(b))")
        body += section("summary", "Key figures: B − A", differenceTable(a, b))
        body += section("hourly", "Calls and consoles by hour of the day", ReportCharts.hourly(runs))
        body += section("waits", "How long answered callers wait", ReportCharts.survival(runs) + survivalTable(runs))
        body += section("centres", "Centres, worst first (by A): service level and abandonment with 95 % intervals",
                        "<div class=\"pair\">" + ReportCharts.centres(runs, measure: .serviceLevel, title: "service level", id: "chart-centres-sl")
                        + ReportCharts.centres(runs, measure: .abandonmentRate, title: "abandonment", id: "chart-centres-abandonment") + "</div>"
                        + centreDifferences(a, b))
        body += section("map", "Service level by centre: A and B",
                        "<div class=\"pair\">" + ReportCharts.map(a, kpi: .serviceLevel, id: "map-a", title: "A: service level by centre")
                        + ReportCharts.map(b, kpi: .serviceLevel, id: "map-b", title: "B: service level by centre") + "</div>")
        body += section("escalation", "Escalation to \(escape(a.emergencyService))", ReportCharts.escalation(runs) + escalationTable(runs))
        if !a.dayTargets.isEmpty || !b.dayTargets.isEmpty {
            body += section("targets", "Targets", "<h3>A</h3>" + targetTable(a) + "<h3>B</h3>" + targetTable(b))
        }
        return document(title: "callsim — compare \(a.scenario) and \(b.scenario)", body: body)
    }

    // MARK: - Page

    /// A self-contained page; `style` adds to the shared CSS.
    static func document(title: String, body: String, style: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>\(css)\(style)</style>
        </head>
        <body>
        <main>
        \(body)
        <footer>Written by callsim. Figures are means over independent replications ± the half-width of their 95 % confidence interval.</footer>
        </main>
        </body>
        </html>

        """
    }

    static let css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#222;margin:0;background:#fff}
        main{max-width:190mm;margin:0 auto;padding:8mm 6mm}
        h1{font-size:20px;margin:0 0 4px}h3{font-size:13px;margin:8px 0 2px}h2{font-size:16px;margin:18px 0 6px;border-bottom:2px solid #0072B2;padding-bottom:2px}
        .meta{color:#555;font-size:12px;margin:0 0 8px}
        section{break-inside:avoid;page-break-inside:avoid;margin-bottom:10px}
        svg.chart{width:100%;height:auto;display:block;font-family:inherit}
        .pair{display:flex;gap:8px}.pair>svg.chart{flex:1;min-width:0}
        table{border-collapse:collapse;font-size:10px;margin:6px 0;width:100%}
        th,td{padding:2px 4px;border-bottom:1px solid #e3e3e3;text-align:right;white-space:nowrap}th{white-space:normal}
        th:first-child,td:first-child{text-align:left}th{background:#f2f2f2}
        table.wide{font-size:9px}table.wide th,table.wide td{padding:1px 2px}
        .cards{display:grid;grid-template-columns:repeat(4,1fr);gap:6px}
        .card{border:1px solid #ddd;border-radius:6px;padding:6px 8px}.card b{display:block;font-size:17px}
        .card span{font-size:11px;color:#555}
        .fail{color:#a50026;font-weight:bold}.pass{color:#1a7d3c}.sig{font-weight:bold}
        footer{color:#666;font-size:10px;margin-top:14px}
        @page{size:A4;margin:10mm}
        @media print{main{max-width:none;padding:0}h2{break-after:avoid}}
        """

    static func header(_ title: String, subtitle: String) -> String {
        "<header><h1>\(escape(title))</h1><p class=\"meta\">\(subtitle)</p></header>\n"
    }

    static func section(_ id: String, _ title: String, _ content: String) -> String {
        "<section id=\"\(id)\"><h2>\(escape(title))</h2>\n\(content)\n</section>\n"
    }

    static func describe(_ view: ReportView) -> String {
        var text = "\(view.replications) replications of \(SVG.number(view.days)) days"
        if view.warmup > 0 { text += " after a warm-up of \(SVG.number(view.warmup / 86_400)) days" }
        text += ", seed \(view.seed), \(view.routing) routing, \(view.centres.count) centres; "
        return escape(text) + "service level = answered within \(escape(ChartLabel.duration(view.threshold)))"
    }

    static func escape(_ text: String) -> String { SVG.escape(text) }

    static func table(_ header: [String], _ rows: [[String]], wide: Bool = false) -> String {
        var out = "<table\(wide ? " class=\"wide\"" : "")><thead><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows { out += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>" }
        return out + "</tbody></table>\n"
    }

    // MARK: - KPIText

    /// A figure as `mean ± ci95` in its KPI's unit (`FigureText`), optionally per day.
    static func text(_ figure: ReportView.KPIValue, _ kpi: KPI, perDay days: Double? = nil) -> String {
        let scale = days.map { 1 / $0 } ?? 1
        return escape(FigureText.text(mean: figure.mean.map { $0 * scale }, ci95: figure.ci95.map { $0 * scale }, FigureText.unit(of: kpi)))
    }

    /// The key figures' cards; `service` names the emergency service alerted. Counts are a day,
    /// urgent callers lost a year (`KPIText.shownOver`).
    static func cards(service: String) -> [(KPI, String)] {
        [
            (.offered, "calls offered a day"), (.callers, "callers a day"), (.serviceLevel, "service level"),
            (.abandonmentRate, "abandonment (of calls)"), (.unservedRate, "callers never answered"),
            (.asa, "mean wait of answered (ASA)"), (.waitP95, "95th percentile wait"), (.utilisation, "console utilisation"),
            (.consoleHours, "console-hours a day"), (.escalationDelayP95, "delay to \(service), p95"),
            (.urgentLost, "urgent callers lost a year"),
        ]
    }

    /// The window's days a figure of `kpi` is divided by to show it a day (or a year): `nil` for
    /// shares and durations.
    static func shownDays(_ kpi: KPI, of view: ReportView) -> Double? {
        KPIText.shownOver(kpi).map { view.days / $0 }
    }

    static func summary(_ runs: [(name: String, view: ReportView)]) -> String {
        let view = runs[0].view
        var out = "<div class=\"cards\">"
        for (kpi, label) in cards(service: view.emergencyService) {
            out += "<div class=\"card\"><b>\(text(view.total[kpi], kpi, perDay: shownDays(kpi, of: view)))</b><span>\(escape(label))</span></div>"
        }
        out += "</div>"
        let judged = view.dayTargets.filter { $0.met != nil }
        if !judged.isEmpty {
            let missed = judged.filter { $0.met == false }.count  // every scope of every target
            out += "<p class=\"\(missed == 0 ? "pass" : "fail")\">\(judged.count - missed) of \(judged.count) targets met"
                + (missed == 0 ? "" : " — \(missed) missed (see Targets)") + ".</p>"
        }
        return out
    }

    static func hourlyTable(_ view: ReportView) -> String {
        let perConsole = view.meanConsoleTime.map { 3_600 / $0 }
        let rows: [[String]] = [
            ["offered a day"] + view.hours.map { text($0[.offered], .offered, perDay: view.days).components(separatedBy: " ±")[0] },
            ["consoles"] + view.hours.map { String($0.consoles ?? 0) },
            ["capacity/h"] + view.hours.map { hour in perConsole.map { String(format: "%.0f", Double(hour.consoles ?? 0) * $0) } ?? "–" },
            ["service level"] + view.hours.map { FigureText.text($0[.serviceLevel].mean, .share) },
            ["ASA"] + view.hours.map { FigureText.text($0[.asa].mean, .duration) },
        ]
        return table(["hour"] + (0..<24).map { String(format: "%02d", $0) }, rows, wide: true)
    }

    static func survivalTable(_ runs: [(name: String, view: ReportView)]) -> String {
        let points = runs[0].view.waitSurvival.filter { $0.wait <= 900 }
        let rows = runs.map { run in
            [escape(run.name)] + points.map { point in
                run.view.waitSurvival.first { $0.wait == point.wait }?.share.mean.map(ChartLabel.percent) ?? "–"
            }
        }
        return table(["still waiting after"] + points.map { ChartLabel.duration($0.wait) }, rows, wide: true)
    }

    static func centreTable(_ view: ReportView) -> String {
        let columns: [KPI] = [.offered, .serviceLevel, .abandonmentRate, .asa, .waitP95, .utilisation, .escalationDelayP95]
        let rows = ReportCharts.worstFirst(view).map { index -> [String] in
            let centre = view.centres[index]
            return ["<b>\(escape(centre.code))</b> \(escape(centre.name))", centre.consoles.map(String.init) ?? "–"]
                + columns.map { text(centre[$0], $0, perDay: $0 == .offered ? view.days : nil) }
        }
        return table(["centre", "consoles", "offered a day", "service level", "abandonment", "ASA", "wait p95", "utilisation", "to \(escape(view.emergencyService)) p95"], rows)
    }

    static func escalationTable(_ runs: [(name: String, view: ReportView)]) -> String {
        var rows: [[String]] = []
        for run in runs {
            for scope in run.view.escalation {
                let figures = scope.code == Scope.totalName ? run.view.total : run.view.types.first { $0.name == scope.code }
                rows.append([escape((runs.count > 1 ? run.name + ": " : "") + scope.code)]
                    + ReportCharts.percentiles.map { text(scope.delay(percentile: $0), .escalationDelayP95) }
                    + [figures.map { text($0[.escalated], .escalated, perDay: run.view.days) } ?? "–",
                       figures.map { text($0[.urgentLost], .urgentLost, perDay: shownDays(.urgentLost, of: run.view)) } ?? "–"])
            }
        }
        return table(["calls", "p50", "p90", "p95", "p99", "escalated a day", "urgent lost a year"], rows)
    }

    /// One row per target: the total, how many centres meet it and the worst; then every miss.
    static func targetTable(_ view: ReportView) -> String {
        var measures: [Target.Measure] = []
        for row in view.dayTargets where !measures.contains(row.measure) { measures.append(row.measure) }
        let summary = measures.map { measure -> [String] in
            let rows = view.dayTargets.filter { $0.measure == measure }
            let centres = rows.filter { $0.scope != .total && $0.met != nil }
            let worst = centres.max { a, b in
                let (x, y) = (a.estimate ?? 0, b.estimate ?? 0)
                return measure.isMinimum ? x > y : x < y
            }
            let total = rows.first { $0.scope == .total }
            let cells = total.map(targetCells) ?? ["–", "–", "–"]
            return [escape(measure.reportedKey), cells[0], cells[1], cells[2],
                    centres.isEmpty ? "–" : "\(centres.filter { $0.met == true }.count) of \(centres.count)",
                    worst.map { escape($0.scope.description) + " " + targetCells($0)[1] } ?? "–"]
        }
        var out = table(["target", "bound", Scope.totalName, "result", "centres meeting it", "worst centre"], summary)
        let missed = view.dayTargets.filter { $0.met == false }
        if !missed.isEmpty {
            out += "<p class=\"fail\">Missed</p>" + table(["scope", "target", "bound", "estimate", "result"], missed.map { row in
                [escape(row.scope.description), escape(row.measure.reportedKey)] + targetCells(row)
            })
        }
        return out
    }

    /// A target row's bound, estimate ± ci95 and verdict.
    static func targetCells(_ row: ReportView.TargetRow) -> [String] {
        let unit = FigureText.unit(of: row.measure)
        let estimate = FigureText.text(mean: row.estimate, ci95: row.ci95, unit)
        let verdict = row.state.map { "<span class=\"\($0.fails ? "fail" : "pass")\">\($0.rawValue)</span>" } ?? "–"
        return [(row.measure.isMinimum ? "≥ " : "≤ ") + escape(FigureText.text(row.threshold, unit)), escape(estimate), verdict]
    }

    // MARK: - Differences

    /// A comparison row's cells for HTML: A, B, B − A and whether it is significant.
    static func cells(_ row: Comparison.Row) -> [String] {
        let texts = row.texts
        let verdict = row.significant.map { $0 ? "<span class=\"sig\">yes</span>" : "no" } ?? "–"
        return [escape(texts.a), escape(texts.b), escape(texts.difference), verdict]
    }

    /// The key figures of both runs and B − A, as a terminal table.
    public static func differenceText(_ a: ReportView, _ b: ReportView) -> String { Comparison(a, b).text }

    static func differenceTable(_ a: ReportView, _ b: ReportView) -> String {
        let comparison = Comparison(a, b)
        let rows = comparison.keyRows.map { [escape($0.label)] + cells($0) }
        return table(["figure", "A", "B", "B − A ± 95 %", "significant"], rows)
            + "<p class=\"meta\">A difference is significant when 0 lies outside its 95 % interval, \(escape(comparison.how)).</p>"
    }

    static func centreDifferences(_ a: ReportView, _ b: ReportView) -> String {
        let comparison = Comparison(a, b)
        let rows = ReportCharts.worstFirst(a).map { index -> [String] in
            let centre = a.centres[index]
            let other = b.centres.first { $0.code == centre.code }
            let consoles = "\(centre.consoles.map(String.init) ?? "–") → \(other?.consoles.map(String.init) ?? "–")"
            func shown(_ key: KPI) -> [String] {
                guard let row = comparison.row(key, centre: centre.code) else { return ["–", "–", "–"] }
                let texts = row.texts
                let difference = row.significant == true ? "<span class=\"sig\">\(escape(texts.difference)) *</span>" : escape(texts.difference)
                return [escape(texts.a), escape(texts.b), difference]
            }
            return ["<b>\(escape(centre.code))</b>", escape(consoles)] + shown(.serviceLevel) + shown(.abandonmentRate)
        }
        return table(["centre", "consoles A → B", "SL A", "SL B", "B − A", "abandoned A", "abandoned B", "B − A"], rows)
            + "<p class=\"meta\">* significant: 0 lies outside the difference's 95 % interval.</p>"
    }
}
