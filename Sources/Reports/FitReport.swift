import Calibration
import CallRecords
import Charts
import Fitting
import Foundation
import SimStatistics

/// The fit report (`fit --output`): what was fitted and how well — Kaplan–Meier against the
/// fitted patience, QQ plots of handling by type, observed against fitted arrivals by hour, the
/// back-test with its coverage, and how much the KPIs move with the rival families — as
/// report.html (self-contained, charts inline) and report.md; and the summary `fit` prints.
public enum FitReport {
    /// The files of the report.
    public static func files(_ fit: ScenarioFit, backTest: BackTest?, rival: RivalRun?) -> [(name: String, text: String)] {
        [("report.md", markdown(fit, backTest: backTest, rival: rival)), ("report.html", html(fit, backTest: backTest, rival: rival))]
    }

    /// What `fit` prints: the main estimates, the bad records and the back-test's coverage.
    public static func summary(_ fit: ScenarioFit, backTest: BackTest?) -> String {
        var lines = ["Fitted \(fit.records) records of \(fit.centres.count) centres over \(fit.period.days) days from \(fit.file)."]
        for (index, code) in fit.centres.enumerated() {
            let arrivals = fit.arrivals.centres[index]
            let own = [arrivals.dailyProfile != nil ? "own daily profile" : nil, arrivals.weeklyProfile != nil ? "own weekly profile" : nil].compactMap { $0 }
            lines.append("  \(code): \(number(arrivals.callsPerDay.value, 1)) callers a day\(interval(arrivals.callsPerDay.interval, 1)), consoles \(consoles(fit.staffing.centres[index].consoles))" + (own.isEmpty ? "" : ", " + own.joined(separator: ", ")))
        }
        for type in fit.calls.types {
            var text = "  type \(type.name): share \(number(type.share.value, 3))"
            if let handling = type.handling { text += ", handling \(describe(handling))" }
            if let escalation = type.escalation { text += ", escalated \(number(escalation.value, 3))\(interval(escalation.interval, 3))" }
            lines.append(text)
        }
        if let patience = fit.patience, let best = patience.ranked.first {
            lines.append("  patience: \(best.family.rawValue), mean \(seconds(best.mean))\(interval(best.meanInterval, 0, unit: "s")) (the mean wait of those who hung up, \(seconds(patience.naiveMean)), is not patience)")
        }
        if let redial = fit.redial {
            lines.append("  redial: probability \(number(redial.probability.value, 3))\(interval(redial.probability.interval, 3))" + (redial.delay.map { ", delay mean \(seconds($0.mean))" } ?? ""))
        }
        if let cv = fit.arrivals.dayToDayCV { lines.append("  day_to_day_cv: \(number(cv.value, 3))\(interval(cv.interval, 3))") }
        if fit.bad.isEmpty {
            lines.append("Bad records: none.")
        } else {
            lines.append("Bad records: \(fit.bad.count), left out:")
            lines += fit.bad.prefix(50).map { "  \($0.text)" }
            if fit.bad.count > 50 { lines.append("  … and \(fit.bad.count - 50) more") }
        }
        if let backTest {
            let all = backTest.coverage()
            lines.append("Back-test from \(backTest.from.text) (\(backTest.days) days, \(backTest.records) records): the 95 % prediction intervals covered \(all.covered) of \(all.judged) (\(percent(all.covered, all.judged))).")
            for measure in BackTest.Measure.allCases {
                let part = backTest.coverage(measure)
                lines.append("  \(measure.rawValue): \(part.covered) of \(part.judged)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Markdown

    static func markdown(_ fit: ScenarioFit, backTest: BackTest?, rival: RivalRun?) -> String {
        var text = "# Fit of \(fit.file)\n\n```\n" + summary(fit, backTest: backTest) + "```\n\n"
        text += "## Distributions\n\n| what | family | mean | 95 % interval | n | AIC (each family) | KS D |\n|---|---|---|---|---|---|---|\n"
        for row in distributionRows(fit) { text += "| " + row.joined(separator: " | ") + " |\n" }
        text += "\n## Arrivals by hour (first attempts a day)\n\n| centre | " + (0..<24).map { "\($0)" }.joined(separator: " | ") + " |\n|---|" + String(repeating: "---|", count: 24) + "\n"
        for (index, code) in fit.centres.enumerated() {
            let observed = fit.arrivals.centres[index].byHour.map { Double($0) / Double(fit.period.days) }
            text += "| \(code) observed | " + observed.map { number($0, 1) }.joined(separator: " | ") + " |\n"
            text += "| \(code) fitted | " + fittedByHour(fit, index).map { number($0, 1) }.joined(separator: " | ") + " |\n"
        }
        if let backTest {
            text += "\n## Back-test\n\n" + coverageMarkdown(backTest)
            text += "\n| centre | hours | measure | observed | 95 % prediction interval | covered |\n|---|---|---|---|---|---|\n"
            for cell in backTest.cells {
                text += "| \(fit.centres[cell.centre]) | \(block(cell.block)) | \(cell.measure.rawValue) | \(cell.observed.map { number($0, 3) } ?? "–") | \(number(cell.low, 3))–\(number(cell.high, 3)) | \(cell.covered.map { $0 ? "yes" : "**no**" } ?? "–") |\n"
            }
        }
        if let rival { text += "\n## The rival families\n\n" + rivalMarkdown(rival) }
        return text
    }

    static func coverageMarkdown(_ backTest: BackTest) -> String {
        var text = "Fitted on the records before \(backTest.from.text); compared on the \(backTest.days) days from it. Each interval is the middle 95 % of \(BackTest.replications) replications of the fitted scenario over the same days: about 95 % of cells should be covered.\n\n| measure | covered | of | coverage |\n|---|---|---|---|\n"
        for measure in BackTest.Measure.allCases {
            let part = backTest.coverage(measure)
            text += "| \(measure.rawValue) | \(part.covered) | \(part.judged) | \(percent(part.covered, part.judged)) |\n"
        }
        let all = backTest.coverage()
        return text + "| all | \(all.covered) | \(all.judged) | \(percent(all.covered, all.judged)) |\n"
    }

    static func rivalMarkdown(_ rival: RivalRun) -> String {
        guard !rival.changes.isEmpty else { return "No rival family could be fitted.\n" }
        var text = "Rerun with " + rival.changes.joined(separator: "; ") + ", on the same random numbers.\n\n| KPI | as fitted | rival | moves by |\n|---|---|---|---|\n"
        for (index, kpi) in RivalRun.kpis.enumerated() {
            let a = rival.fitted[index], b = rival.rival[index]
            text += "| \(kpi.rawValue) | \(estimate(a)) | \(estimate(b)) | \(difference(a, b)) |\n"
        }
        return text
    }

    // MARK: - HTML

    static func html(_ fit: ScenarioFit, backTest: BackTest?, rival: RivalRun?) -> String {
        var body = HTMLReport.header("Fit of \((fit.file as NSString).lastPathComponent)", subtitle: HTMLReport.escape("\(fit.records) records, \(fit.centres.count) centres, \(fit.period.days) days; \(fit.bad.count) bad records left out"))
        body += HTMLReport.section("summary", "What was fitted", "<pre style=\"white-space:pre-wrap\">" + HTMLReport.escape(summary(fit, backTest: backTest)) + "</pre>" + distributionTable(fit))
        if let patience = fit.patience { body += HTMLReport.section("patience", "Patience: Kaplan–Meier against the fitted families", patienceChart(patience)) }
        let qq = fit.calls.types.enumerated().compactMap { index, type in type.handling.flatMap { qqChart($0, name: type.name, id: "chart-qq-\(index)") } }
        if !qq.isEmpty { body += HTMLReport.section("handling", "Handling by type: quantiles of the records against the fitted family", "<div class=\"pair\">" + qq.joined() + "</div>") }
        body += HTMLReport.section("arrivals", "Arrivals by hour: observed against fitted", fit.centres.indices.map { arrivalChart(fit, $0) }.joined())
        if let backTest { body += HTMLReport.section("backtest", "Back-test", backTestHTML(fit, backTest)) }
        if let rival { body += HTMLReport.section("rival", "Does the family matter?", markdownTable(rivalMarkdown(rival))) }
        return HTMLReport.document(title: "callsim — fit of \((fit.file as NSString).lastPathComponent)", body: body)
    }

    static func patienceChart(_ patience: PatienceFit) -> String {
        let steps = patience.kaplanMeier.steps
        let end = max(60, (steps.last { $0.survival > 0.02 }?.time ?? steps.last?.time ?? 60) * 1.1)
        var km: [(x: Double, y: Double)] = [(0, 1)]
        var band: [(x: Double, low: Double, high: Double)] = [(0, 1, 1)]
        for step in steps where step.time <= end {
            km.append((step.time, step.survival))
            band.append((step.time, step.lower, step.upper))
        }
        let grid = (0...120).map { end * Double($0) / 120 }
        let unit = DurationUnit(top: end)
        let series = [CurveChart.Series(name: "Kaplan–Meier (95 % band)", points: km.map { (unit.of($0.x), $0.y) }, band: band.map { (unit.of($0.x), $0.low, $0.high) })]
            + patience.ranked.map { fit in
                CurveChart.Series(name: "\(fit.family.rawValue)\(fit.family == patience.ranked[0].family ? " (chosen)" : "")", points: grid.map { (unit.of($0), fit.survival($0)) })
            }
        let chart = CurveChart(
            title: "Callers still willing to wait", series: series, xLabel: "wait (\(unit.name))", yLabel: "share still waiting",
            xDomain: 0...unit.of(end), yDomain: 0...1, xFormat: { number($0, 0) }, yFormat: { "\(Int(($0 * 100).rounded())) %" })
        return chart.render(id: "chart-patience")
    }

    /// Sample quantiles against the fitted family's (one point per 1 % of the sample).
    static func qqChart(_ handling: DurationFit, name: String, id: String) -> String? {
        guard case .fitted(let ranked, let sample) = handling else { return nil }
        let sorted = sample.sorted(), best = ranked[0]
        let points = (1...99).map { percent -> (x: Double, y: Double) in
            let p = Double(percent) / 100
            return (best.quantile(p), BackTest.quantile(sorted, p))
        }
        let unit = DurationUnit(top: max(points.map(\.x).max() ?? 1, points.map(\.y).max() ?? 1))
        let top = unit.of(max(points.map(\.x).max() ?? 1, points.map(\.y).max() ?? 1) * 1.05)
        let chart = CurveChart(
            title: "\(name): \(best.family.rawValue)", series: [
                CurveChart.Series(name: "records (1 % to 99 %)", points: points.map { (unit.of($0.x), unit.of($0.y)) }),
                CurveChart.Series(name: "equal", points: [(0, 0), (top, top)]),
            ], xLabel: "fitted quantile (\(unit.name))", yLabel: "records' quantile (\(unit.name))", xDomain: 0...top, yDomain: 0...top,
            xFormat: { number($0, 0) }, yFormat: { number($0, 0) })
        return "<figure><figcaption>\(HTMLReport.escape(name)): \(best.family.rawValue)</figcaption>" + chart.render(id: id, width: 350) + "</figure>"
    }

    static func arrivalChart(_ fit: ScenarioFit, _ centre: Int) -> String {
        let observed = fit.arrivals.centres[centre].byHour.enumerated().map { (Double($0) + 0.5, Double($1) / Double(fit.period.days)) }
        let fitted = fittedByHour(fit, centre).enumerated().map { (Double($0) + 0.5, $1) }
        let top = max(observed.map(\.1).max() ?? 1, fitted.map(\.1).max() ?? 1) * 1.1
        let own = fit.arrivals.centres[centre].dailyProfile != nil ? " (its own profile)" : " (the national profile)"
        let chart = CurveChart(
            title: "\(fit.centres[centre]): new callers an hour\(own)", series: [
                CurveChart.Series(name: "observed", points: observed), CurveChart.Series(name: "fitted", points: fitted),
            ], xLabel: "hour of the day", yLabel: "callers an hour", xDomain: 0...24, yDomain: 0...max(top, 0.1),
            xFormat: { "\(Int($0)):00" }, yFormat: { number($0, 1) })
        return "<h3>\(HTMLReport.escape(fit.centres[centre]))\(own)</h3>" + chart.render(id: "chart-arrivals-\(centre)")
    }

    static func backTestHTML(_ fit: ScenarioFit, _ backTest: BackTest) -> String {
        var html = markdownTable(coverageMarkdown(backTest))
        for measure in BackTest.Measure.allCases {
            let cells = backTest.cells.filter { $0.measure == measure }
            guard !cells.isEmpty else { continue }
            let rows = cells.map { "\(fit.centres[$0.centre]) \(block($0.block))" }
            let values = cells.flatMap { [$0.low, $0.high] + ($0.observed.map { [$0] } ?? []) }
            let low = min(values.min() ?? 0, 0), high = max(values.max() ?? 1, low + 1e-9)
            let chart = IntervalChart(
                title: "\(measure.rawValue): observed against the 95 % prediction interval", rows: rows, series: [
                    IntervalChart.Series(name: "fitted (median, 95 % of replications)", values: cells.map { .init(mean: $0.median, low: $0.low, high: $0.high) }),
                    IntervalChart.Series(name: "observed", values: cells.map { $0.observed.map { .init(mean: $0, ci95: 0) } }),
                ], domain: low...high, axisLabel: measure.rawValue, format: { number($0, measure == .calls || measure == .asa ? 0 : 3) })
            html += chart.render(id: "chart-backtest-\(measure.rawValue)")
        }
        return html
    }

    static func distributionTable(_ fit: ScenarioFit) -> String {
        markdownTable("| what | family | mean | 95 % interval | n | AIC (each family) | KS D |\n|---|---|---|---|---|---|---|\n"
            + distributionRows(fit).map { "| " + $0.joined(separator: " | ") + " |\n" }.joined())
    }

    static func distributionRows(_ fit: ScenarioFit) -> [[String]] {
        var rows: [[String]] = []
        func add(_ what: String, _ duration: DurationFit?) {
            guard let duration else { return }
            switch duration {
            case .constant(let value, let size): rows.append([what, "constant", seconds(value), "–", "\(size)", "–", "–"])
            case .fitted(let ranked, let sample): rows.append(row(what, ranked, size: sample.count))
            }
        }
        func row(_ what: String, _ ranked: [FittedDistribution], size: Int) -> [String] {
            let best = ranked[0]
            return [what, best.family.rawValue, seconds(best.mean), "\(seconds(best.meanInterval.lowerBound))–\(seconds(best.meanInterval.upperBound))", "\(size)",
                    ranked.map { "\($0.family.rawValue) \(number($0.aic, 1))" }.joined(separator: ", "), best.goodness.map { number($0.ks, 4) } ?? "–"]
        }
        for type in fit.calls.types {
            add("handling: \(type.name)", type.handling)
            add("wrap-up: \(type.name)", type.wrapup)
        }
        add("hand-off", fit.calls.handoff)
        if let patience = fit.patience { rows.append(row("patience (censored)", patience.ranked, size: patience.abandoned + patience.answered)) }
        add("redial delay", fit.redial?.delay)
        return rows
    }

    /// A Markdown table (as `markdown` writes them) as an HTML table; other lines as paragraphs.
    static func markdownTable(_ text: String) -> String {
        var html = "", inTable = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix("|") {
                let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
                if cells.allSatisfy({ $0.allSatisfy { $0 == "-" } }) { continue }
                let tag = inTable ? "td" : "th"
                if !inTable { html += "<table>" }
                inTable = true
                html += "<tr>" + cells.map { "<\(tag)>\(HTMLReport.escape($0.replacingOccurrences(of: "**", with: "")))</\(tag)>" }.joined() + "</tr>"
            } else {
                if inTable { html += "</table>" }
                inTable = false
                html += "<p>\(HTMLReport.escape(String(line)))</p>"
            }
        }
        return html + (inTable ? "</table>" : "")
    }

    // MARK: - Figures

    /// The fitted scenario's new callers in each hour of an average day at `centre`.
    static func fittedByHour(_ fit: ScenarioFit, _ centre: Int) -> [Double] {
        let arrivals = fit.arrivals.centres[centre]
        let profile = arrivals.dailyProfile ?? fit.arrivals.dailyProfile
        return profile.map { arrivals.callsPerDay.value * $0 / 24 }
    }

    static func block(_ index: Int) -> String {
        let hours = BackTest.blocks[index]
        return String(format: "%02d–%02d", hours.lowerBound, hours.upperBound)
    }

    static func describe(_ duration: DurationFit) -> String {
        switch duration {
        case .constant(let value, _): return "constant \(seconds(value))"
        case .fitted(let ranked, _): return "\(ranked[0].family.rawValue) mean \(seconds(ranked[0].mean))"
        }
    }

    static func consoles(_ byHour: [Int]) -> String {
        Set(byHour).count == 1 ? "\(byHour[0])" : "\(byHour.min()!)–\(byHour.max()!) by hour"
    }

    static func estimate(_ estimate: Estimate) -> String {
        guard let mean = estimate.mean else { return "–" }
        return number(mean, 4) + (estimate.ci95.map { " ± " + number($0, 4) } ?? "")
    }

    static func difference(_ a: Estimate, _ b: Estimate) -> String {
        guard let x = a.mean, let y = b.mean else { return "–" }
        let change = y - x
        return (change >= 0 ? "+" : "") + number(change, 4) + (x != 0 ? " (\(number(100 * change / abs(x), 1)) %)" : "")
    }

    static func interval(_ range: ClosedRange<Double>?, _ decimals: Int, unit: String = "") -> String {
        guard let range else { return "" }
        return " (95 %: \(number(range.lowerBound, decimals))\(unit)–\(number(range.upperBound, decimals))\(unit))"
    }

    static func percent(_ part: Int, _ whole: Int) -> String { whole > 0 ? number(100 * Double(part) / Double(whole), 1) + " %" : "–" }

    static func seconds(_ value: Double) -> String {
        if value < 120 { return number(value, 1) + "s" }
        if value < 7_200 { return number(value / 60, 2) + "m" }
        return number(value / 3_600, 2) + "h"
    }

    static func number(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

}

/// The unit a duration axis reaching `top` seconds is drawn in, so that its ticks fall on round
/// numbers of it: seconds up to 5 minutes, minutes up to 3 hours, else hours.
struct DurationUnit {
    let name: String
    let seconds: Double

    init(top: Double) {
        (name, seconds) = top <= 300 ? ("s", 1) : top <= 3 * 3_600 ? ("min", 60) : ("h", 3_600)
    }

    /// `value` seconds in this unit.
    func of(_ value: Double) -> Double { value / seconds }
}
