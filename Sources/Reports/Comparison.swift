import CallModel
import SimStatistics

/// Whether two runs' replications can be paired: both used the same seed, so replication i drew
/// the same callers in both (common random numbers). Pairs run over the replications both have.
/// `check --baseline` and `compare` both decide it here.
enum Pairing {
    static func paired(_ seedA: UInt64?, _ seedB: UInt64?) -> Bool { seedA != nil && seedA == seedB }
}

/// Two runs' figures side by side with B − A and its 95 % interval — what `callsim compare`
/// shows — computed once and written as a terminal table or as HTML.
struct Comparison {
    /// One figure of both runs.
    struct Row {
        let key: KPI
        let label: String
        let a: ReportView.KPIValue
        let b: ReportView.KPIValue
        /// B − A with its 95 % half-width; `nil` when a run has no figure.
        let difference: (mean: Double, ci95: Double?)?

        /// 0 lies outside the difference's interval; `nil` without an interval.
        var significant: Bool? { difference.flatMap { d in d.ci95.map { abs(d.mean) > $0 } } }

        /// A, B and B − A in the figure's unit (`FigureText`).
        var texts: (a: String, b: String, difference: String) {
            let unit = FigureText.unit(of: key)
            let shown = difference.map { d in (d.mean > 0 ? "+" : "") + FigureText.text(mean: d.mean, ci95: d.ci95, unit) } ?? "–"
            return (FigureText.text(mean: a.mean, ci95: a.ci95, unit), FigureText.text(mean: b.mean, ci95: b.ci95, unit), shown)
        }
    }

    let a: ReportView
    let b: ReportView
    let paired: Bool

    init(_ a: ReportView, _ b: ReportView) {
        self.a = a
        self.b = b
        paired = Pairing.paired(a.seed, b.seed)
    }

    /// How the intervals were found, for people.
    var how: String {
        paired ? "paired by replication (same seed: common random numbers)" : "from the two 95 % intervals (different seeds)"
    }

    /// The total's key figures; counts per day.
    var keyRows: [Row] {
        HTMLReport.cards(service: a.emergencyService).map { key, label in
            let days = (HTMLReport.shownDays(key, of: a) ?? 1, HTMLReport.shownDays(key, of: b) ?? 1)
            return row(key, label, a.total[key], b.total[key], scales: (1 / days.0, 1 / days.1))
        }
    }

    /// One figure of a centre (by code) or the total (`nil`), unscaled.
    func row(_ key: KPI, centre code: String) -> Row? {
        guard let first = a.centres.first(where: { $0.code == code }), let second = b.centres.first(where: { $0.code == code }) else {
            return nil
        }
        return row(key, key.rawValue, first[key], second[key], scales: (1, 1))
    }

    func row(_ key: KPI, _ label: String, _ first: ReportView.KPIValue, _ second: ReportView.KPIValue,
             scales: (Double, Double)) -> Row {
        let (x, y) = (Self.scale(first, scales.0), Self.scale(second, scales.1))
        return Row(key: key, label: label, a: x, b: y, difference: Self.difference(x, y, paired: paired && scales.0 == scales.1))
    }

    /// B − A and its 95 % half-width: paired by replication over the replications both have, or
    /// from the two intervals (√(ciA² + ciB²)).
    static func difference(_ a: ReportView.KPIValue, _ b: ReportView.KPIValue, paired: Bool) -> (mean: Double, ci95: Double?)? {
        guard let meanA = a.mean, let meanB = b.mean else { return nil }
        if paired, !a.values.isEmpty, !b.values.isEmpty {
            let estimate = Estimate(values: zip(a.values, b.values).map { x, y in x.flatMap { x in y.map { $0 - x } } })
            if let mean = estimate.mean { return (mean, estimate.ci95) }
        }
        guard let ciA = a.ci95, let ciB = b.ci95 else { return (meanB - meanA, nil) }
        return (meanB - meanA, (ciA * ciA + ciB * ciB).squareRoot())
    }

    static func scale(_ figure: ReportView.KPIValue, _ factor: Double) -> ReportView.KPIValue {
        guard factor != 1 else { return figure }
        return ReportView.KPIValue(
            mean: figure.mean.map { $0 * factor }, ci95: figure.ci95.map { $0 * factor },
            values: figure.values.map { $0.map { $0 * factor } })
    }

    /// The terminal table of the key figures.
    var text: String {
        var out = "A: \(a.scenario) (\(a.source))\nB: \(b.scenario) (\(b.source))\n"
        out += "Differences B − A ± 95 % interval, \(how).\n\n"
        let rows = keyRows.map { row -> [String] in
            let texts = row.texts
            return [row.label, "", texts.a, texts.b, texts.difference, row.significant.map { $0 ? "yes" : "no" } ?? "–"]
        }
        return out + TableReports.aligned([["figure", "", "A", "B", "B − A", "significant"]] + rows)
    }
}
