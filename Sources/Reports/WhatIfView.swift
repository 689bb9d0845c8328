import CallModel
import Charts
import Sizing

/// The parts of the what-if page (`callsim serve`) the server draws, with the report's own
/// renderers and charts: the key figures, the hourly charts, the tile map and the centres table,
/// first from Erlang A's estimate and then from the simulation. The page swaps them in as they come.
public enum WhatIfView {
    /// The parts from Erlang A's estimate alone (answered at once).
    public static func estimated(_ scenario: Scenario, _ estimate: ErlangEstimate, changed: Set<String>) -> JSON {
        .object([
            ("stage", .string("estimate")),
            ("figures", .string(estimateCards(estimate) + "<p class=\"meta\">Erlang A's estimate; the simulation is running…</p>")),
            ("hourly", .string(coverage(scenario, estimate))),
            ("map", .string(TileMap(
                title: "Service level by centre (Erlang A)",
                tiles: scenario.centres.indices.map { index in
                    let centre = scenario.centres[index]
                    return TileMap.Tile(code: centre.code, latitude: centre.latitude, longitude: centre.longitude,
                                        value: estimate.centres[index].serviceLevel)
                },
                classes: ReportCharts.serviceClasses, format: ChartLabel.percent
            ).render(id: "map-service-level"))),
            ("centres", .string(centres(scenario, estimate, view: nil, changed: changed))),
        ])
    }

    /// The parts from the simulation, with Erlang A's estimate beside it.
    public static func simulated(_ scenario: Scenario, _ estimate: ErlangEstimate, view: ReportView, changed: Set<String>) -> JSON {
        let runs = [(name: "this run", view: view)]
        return .object([
            ("stage", .string("simulation")),
            ("figures", .string(HTMLReport.summary(runs) + "<p class=\"meta\">\(HTMLReport.describe(view)). Erlang A's estimate: "
                + HTMLReport.escape(estimateLine(estimate)) + ".</p>")),
            ("hourly", .string(coverage(scenario, estimate) + ReportCharts.hourly(runs))),
            ("map", .string(ReportCharts.map(view, kpi: .serviceLevel, id: "map-service-level", title: "Service level by centre"))),
            ("centres", .string(centres(scenario, estimate, view: view, changed: changed))),
        ])
    }

    static func estimateLine(_ estimate: ErlangEstimate) -> String {
        "service level \(FigureText.text(estimate.total.serviceLevel, .share)), abandonment "
            + "\(FigureText.text(estimate.total.abandonmentRate, .share)), ASA \(FigureText.text(estimate.total.asa, .duration))"
    }

    static func estimateCards(_ estimate: ErlangEstimate) -> String {
        let cards: [(String, String)] = [
            (FigureText.text(estimate.total.callsPerDay, .count), "calls offered a day"),
            (FigureText.text(estimate.total.serviceLevel, .share), "service level (Erlang A)"),
            (FigureText.text(estimate.total.abandonmentRate, .share), "abandonment (Erlang A)"),
            (FigureText.text(estimate.total.asa, .duration), "ASA (Erlang A)"),
            (String(estimate.onShift.reduce(0, +)), "console-hours a day"),
            (String(estimate.required.reduce(0, +)), "console-hours Erlang A needs"),
        ]
        return "<div class=\"cards\">" + cards.map { "<div class=\"card estimate\"><b>\(HTMLReport.escape($0.0))</b><span>\(HTMLReport.escape($0.1))</span></div>" }
            .joined() + "</div>"
    }

    /// Consoles Erlang A needs against consoles on shift, nationally by hour.
    static func coverage(_ scenario: Scenario, _ estimate: ErlangEstimate) -> String {
        CoverageChart(
            title: "All centres: consoles Erlang A needs for the targets, and consoles on shift, by hour",
            required: estimate.required, coverage: estimate.onShift,
            pooledHours: Set((0..<24).filter { scenario.routing.inForce(hour: $0) == .pooled }), coverageName: "on shift"
        ).render(id: "chart-coverage")
    }

    /// One row per centre in the scenario's order, changed centres marked: consoles, calls, Erlang
    /// A's service level and abandonment, and the simulation's figures with their intervals.
    static func centres(_ scenario: Scenario, _ estimate: ErlangEstimate, view: ReportView?, changed: Set<String>) -> String {
        let simulated: [KPI] = [.serviceLevel, .abandonmentRate, .asa, .waitP95]
        let rows = scenario.centres.indices.map { index -> String in
            let centre = scenario.centres[index]
            let figures = estimate.centres[index]
            let consoles = centre.staffing.changesDuringTheDay
                ? "\(centre.staffing.hours.min() ?? 0)–\(centre.staffing.peak) by hour" : String(centre.staffing.peak)
            var cells = [
                "<b>\(HTMLReport.escape(centre.code))</b> \(HTMLReport.escape(centre.name))" + (changed.contains(centre.code) ? " <span class=\"mark\">changed</span>" : ""),
                HTMLReport.escape(consoles), HTMLReport.escape(FigureText.text(figures.callsPerDay, .count)),
                HTMLReport.escape(FigureText.text(figures.serviceLevel, .share)), HTMLReport.escape(FigureText.text(figures.abandonmentRate, .share)),
            ]
            let scope = view?.centres.first { $0.code == centre.code }
            cells += simulated.map { kpi in scope.map { HTMLReport.text($0[kpi], kpi) } ?? "…" }
            let mark = changed.contains(centre.code) ? " class=\"changed\"" : ""
            return "<tr\(mark) data-code=\"\(HTMLReport.escape(centre.code))\">" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>"
        }
        let header = ["centre", "consoles", "calls a day", "SL (Erlang A)", "abandoned (Erlang A)", "service level", "abandonment", "ASA", "wait p95"]
        return "<table id=\"centres-table\"><thead><tr>" + header.map { "<th>\(HTMLReport.escape($0))</th>" }.joined()
            + "</tr></thead><tbody>" + rows.joined() + "</tbody></table>\n"
    }
}
