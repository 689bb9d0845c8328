import CallModel
import Charts
import Foundation

/// The charts of the HTML report, built from result documents: one run, or several side by side
/// (each a series in the same chart).
enum ReportCharts {
    static func hourly(_ runs: [(name: String, view: ReportView)]) -> String {
        let series = runs.map { run in
            let view = run.view
            let offered = view.hours.map { ($0[.offered].mean ?? 0) / max(view.days, 1e-9) }
            let perConsole = view.meanConsoleTime.map { 3_600 / $0 } ?? 0
            let capacity = view.hours.map { Double($0.consoles ?? 0) * perConsole }
            return HourlyChart.Series(name: run.name, offered: offered, capacity: capacity, serviceLevel: view.hours.map { $0[.serviceLevel].mean })
        }
        return HourlyChart(
            series: series, target: runs[0].view.target(.serviceLevel), failingHours: runs[0].view.failingHours,
            localHours: Set((0..<24).filter { !runs[0].view.sharedHours[$0] })
        ).render(id: "chart-hourly")
    }

    /// The survival curve of waits; the axis in seconds, or in minutes when waits run past 5 minutes.
    static func survival(_ runs: [(name: String, view: ReportView)]) -> String {
        let view = runs[0].view
        let p99 = runs.compactMap { $0.view.total[.waitP99].mean }.max() ?? 0
        let reach = min(max(view.threshold * 4, p99 * 1.2, view.target(.waitP95) ?? 0, 60), 3_600)
        let minutes = reach > 300
        let unit: Double = minutes ? 60 : 1
        let suffix = minutes ? " min" : " s"
        let format: @Sendable (Double) -> String = { SVG.number($0) + suffix }
        let series = runs.map { run in
            CurveChart.Series(
                name: run.name,
                points: run.view.waitSurvival.compactMap { point in point.share.mean.map { (point.wait / unit, $0) } },
                band: run.view.waitSurvival.compactMap { point in
                    point.share.mean.map { (point.wait / unit, max($0 - (point.share.ci95 ?? 0), 0), min($0 + (point.share.ci95 ?? 0), 1)) }
                })
        }
        let top = series.flatMap { $0.points.map(\.y) }.max() ?? 0
        var verticals = [CurveChart.Marker(view.threshold / unit, "service-level threshold \(ChartLabel.duration(view.threshold))")]
        if let p95 = view.target(.waitP95) { verticals.append(CurveChart.Marker(p95 / unit, "wait p95 target \(ChartLabel.duration(p95))")) }
        if let asa = view.target(.asa) { verticals.append(CurveChart.Marker(asa / unit, "ASA target \(ChartLabel.duration(asa))")) }
        var horizontals: [CurveChart.Marker] = []
        if view.target(.waitP95) != nil, top >= 0.05 { horizontals.append(CurveChart.Marker(0.05, "5 % still waiting")) }
        return CurveChart(
            title: "Share of answered callers still waiting after each wait", series: series,
            xLabel: "wait of answered callers" + (minutes ? " (minutes)" : " (seconds)"), yLabel: "still waiting",
            xDomain: 0 ... reach / unit, yDomain: 0 ... max(top, 0.001),
            xFormat: format, yFormat: ChartLabel.percent, verticals: verticals, horizontals: horizontals, step: false
        ).render(id: "chart-waits")
    }

    /// Centres worst first: by the first run's service level, lowest first (no calls last).
    static func worstFirst(_ view: ReportView) -> [Int] {
        view.centres.indices.sorted { a, b in
            let (x, y) = (view.centres[a][.serviceLevel].mean ?? 2, view.centres[b][.serviceLevel].mean ?? 2)
            if x != y { return x < y }
            return (view.centres[a][.abandonmentRate].mean ?? 0) > (view.centres[b][.abandonmentRate].mean ?? 0)
        }
    }

    /// Every centre's figure for `measure` with its interval and the target, worst first (by the first run).
    static func centres(_ runs: [(name: String, view: ReportView)], measure: Target.Measure, title: String, id: String) -> String {
        let kpi = measure.kpi
        let order = worstFirst(runs[0].view)
        let series = runs.map { run in
            IntervalChart.Series(name: run.name, values: order.map { index -> IntervalChart.Value? in
                let figure = run.view.centres.indices.contains(index) ? run.view.centres[index][kpi] : .missing
                return figure.mean.map { IntervalChart.Value(mean: $0, ci95: figure.ci95) }
            })
        }
        let highs = series.flatMap { $0.values.compactMap { $0?.high } }
        let lows = series.flatMap { $0.values.compactMap { $0?.low } }
        let target = runs[0].view.target(measure)
        let domain: ClosedRange<Double> = measure.isMinimum
            ? min(lows.min() ?? 0, target ?? 1, 1) ... 1 : 0 ... max(highs.max() ?? 0, target ?? 0, 0.01)
        return IntervalChart(
            title: title, rows: order.map { runs[0].view.centres[$0].code }, series: series, domain: max(domain.lowerBound, 0) ... domain.upperBound,
            axisLabel: title, format: ChartLabel.percent, threshold: target.map { CurveChart.Marker($0, "target") }
        ).render(id: id)
    }

    static let serviceClasses = TileMap.Classes(
        bounds: [0, 0.5, 0.7, 0.8, 0.9, 0.95], colours: ["#a50026", "#f46d43", "#fdae61", "#fee08b", "#a6d96a", "#1a9850"])
    static let abandonmentClasses = TileMap.Classes(
        bounds: [0, 0.01, 0.02, 0.05, 0.1, 0.2], colours: ["#1a9850", "#a6d96a", "#fee08b", "#fdae61", "#f46d43", "#a50026"])

    static func map(_ view: ReportView, kpi: KPI, id: String, title: String) -> String {
        TileMap(
            title: title,
            tiles: view.centres.map { TileMap.Tile(code: $0.code, latitude: $0.latitude, longitude: $0.longitude, value: $0[kpi].mean) },
            classes: kpi == .serviceLevel ? serviceClasses : abandonmentClasses, format: ChartLabel.percent
        ).render(id: id)
    }

    /// The percentiles of the delay to 112 the report shows (`Curves.escalationPercentiles`).
    static let percentiles = Curves.escalationPercentiles

    /// Delay to 112 by scope (the total and each call type): one series per run, the 95th percentile.
    static func escalation(_ runs: [(name: String, view: ReportView)]) -> String {
        let scopes = runs[0].view.escalation.map(\.code)
        let series: [IntervalChart.Series]
        if runs.count == 1 {
            series = percentiles.map { level in
                IntervalChart.Series(name: "p\(Int((level * 100).rounded()))", values: runs[0].view.escalation.map { scope in
                    let figure = scope.delay(percentile: level)
                    return figure.mean.map { IntervalChart.Value(mean: $0 / 60, ci95: figure.ci95.map { $0 / 60 }) }
                })
            }
        } else {
            series = runs.map { run in
                IntervalChart.Series(name: run.name + " p95", values: scopes.map { code in
                    let figure = run.view.escalation.first { $0.code == code }?.delay(percentile: 0.95) ?? .missing
                    return figure.mean.map { IntervalChart.Value(mean: $0 / 60, ci95: figure.ci95.map { $0 / 60 }) }
                })
            }
        }
        let high = series.flatMap { $0.values.compactMap { $0?.high } }.max() ?? 1
        let target = runs[0].view.target(.escalationDelayP95).map { $0 / 60 }
        return IntervalChart(
            title: "Delay from first ring to \(runs[0].view.emergencyService) alerted, percentiles", rows: scopes, series: series,
            domain: 0 ... max(high, target ?? 0, 1), axisLabel: "delay to \(runs[0].view.emergencyService) (minutes)", format: { SVG.number($0) + " min" },
            threshold: target.map { CurveChart.Marker($0, "p95 target") }
        ).render(id: "chart-escalation", width: 720)
    }
}
