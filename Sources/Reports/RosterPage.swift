import CallModel
import Rosters

/// `roster.html`: the roster as a self-contained page: the country's consoles needed against
/// rostered and against today's, each centre's, and the shifts (`callsim roster --output`).
public enum RosterPage {
    public static func html(_ outcome: RosterCheck.Outcome, problem: CoverProblem, original: Scenario) -> String {
        let roster = outcome.roster
        let coverage = problem.codes.indices.map { roster.coverage(of: $0) }
        let national = (0..<24).map { hour in coverage.reduce(0) { $0 + $1[hour] } }
        let needed = (0..<24).map { hour in problem.required.reduce(0) { $0 + $1[hour] } }
        let today = (0..<24).map { hour in original.centres.reduce(0) { $0 + $1.staffing.onShift(hour: hour) } }
        let todayText = Set(today).count == 1 ? "today's \(today[0]) consoles around the clock" : "today's consoles"
        var body = HTMLReport.header(
            "callsim roster — \(original.name)",
            subtitle: HTMLReport.escape(String(
                format: "Cost %.2f a day, %d console-hours a day, %.1f FTE (%g h a week, %g shrinkage); ",
                roster.cost, national.reduce(0, +), roster.fte, roster.rules.hoursPerWeek, roster.rules.shrinkage)
                + (outcome.passed ? "checked by simulation: every target holds" : "checked by simulation: targets still fail")
                + " (\(outcome.result.scenario.replications) replications, seed \(outcome.result.scenario.seed))."))
        body += HTMLReport.section(
            "national", "The country: consoles needed, rostered and \(todayText)",
            CoverageChart(title: "All centres: consoles needed and rostered by hour, and today's", required: needed,
                          coverage: national, today: today).render(id: "national")
                + "<p class=\"meta\">" + HTMLReport.escape(String(
                    format: "Rostered %d console-hours a day against %d needed and %d today; beyond the need in %@.",
                    national.reduce(0, +), needed.reduce(0, +), today.reduce(0, +),
                    RosterReport.hoursText((0..<24).filter { national[$0] > needed[$0] }).ifEmpty("no hour"))) + "</p>")
        var rows: [[String]] = []
        for centre in problem.codes.indices {
            let shifts = roster.worked(by: centre).map { RosterReport.name($0.shift, count: $0.count, in: roster) }
            let short = (0..<24).filter { !problem.pooled($0) && coverage[centre][$0] < problem.required[centre][$0] }
            rows.append([
                HTMLReport.escape(problem.codes[centre]), HTMLReport.escape(shifts.joined(separator: ", ").ifEmpty("—")),
                String(format: "%.2f", roster.cost(of: centre)), String(coverage[centre].reduce(0, +)),
                String(format: "%.1f", roster.fte(of: centre)),
                HTMLReport.escape(RosterReport.hoursText(RosterReport.over(coverage[centre], problem.required[centre], problem: problem))),
                short.isEmpty ? "" : "<span class=\"fail\">" + HTMLReport.escape(RosterReport.hoursText(short)) + "</span>",
            ])
        }
        body += HTMLReport.section("shifts", "Shifts a day by centre", HTMLReport.table(
            ["code", "shifts", "cost", "console-hours", "FTE", "beyond the need", "short"], rows))
        if !problem.pooledHours.isEmpty {
            body += "<p class=\"meta\">" + HTMLReport.escape(
                "In the pooled hours (\(RosterReport.hoursText(problem.pooledHours))) the pool's consoles are covered, not each centre's; "
                + "a centre's chart shows there where the answer seated the pool's consoles.") + "</p>\n"
        }
        let charts = problem.codes.indices.map { centre in
            CoverageChart(title: "\(problem.codes[centre]): consoles needed and rostered by hour", required: problem.required[centre],
                          coverage: coverage[centre], pooledHours: Set(problem.pooledHours))
                .render(id: "centre-\(centre)", width: 360, height: 170)
        }
        body += HTMLReport.section("centres", "Each centre: needed and rostered", "<div class=\"grid\">" + zip(problem.codes, charts).map {
            "<figure><figcaption>\(HTMLReport.escape($0.0))</figcaption>\($0.1)</figure>"
        }.joined() + "</div>")
        return HTMLReport.document(
            title: "callsim roster — \(original.name)", body: body,
            style: "\n.grid{display:grid;grid-template-columns:repeat(2,1fr);gap:6px}figure{margin:0}figcaption{font-size:11px;font-weight:bold}")
    }
}

extension String {
    /// The text, or `fallback` when it is empty.
    func ifEmpty(_ fallback: String) -> String { isEmpty ? fallback : self }
}
