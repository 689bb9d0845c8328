import Charts

/// Consoles needed against consoles rostered, by hour of the day: the requirement as bars, the
/// roster's coverage as a step line, hours short of the requirement marked ✕ and hours covered
/// beyond it shaded; optionally today's consoles as a dashed line.
public struct CoverageChart: Sendable {
    public let title: String
    /// Consoles needed in each hour (24).
    public let required: [Int]
    /// Consoles the shifts keep on the line in each hour (24).
    public let coverage: [Int]
    /// Today's consoles in each hour, for comparison (24), if shown.
    public let today: [Int]?
    /// Hours judged elsewhere (a centre's pooled hours, covered for the pool as a whole): banded
    /// grey along the hour axis, neither ✕ nor shaded.
    public let pooledHours: Set<Int>
    /// What the coverage is called in the legend ("rostered"; "on shift" on the what-if page).
    public let coverageName: String

    public init(
        title: String, required: [Int], coverage: [Int], today: [Int]? = nil, pooledHours: Set<Int> = [], coverageName: String = "rostered"
    ) {
        precondition(required.count == 24 && coverage.count == 24 && (today?.count ?? 24) == 24)
        self.title = title
        self.required = required
        self.coverage = coverage
        self.today = today
        self.pooledHours = pooledHours
        self.coverageName = coverageName
    }

    public func render(id: String, width: Double = 720, height: Double = 220) -> String {
        let frame = Frame(left: 44, top: 36, width: width - 60, height: height - 74)
        var svg = SVG(width: width, height: height, title: title)
        let peak = Double(max(required.max() ?? 0, coverage.max() ?? 0, today?.max() ?? 0, 1))
        let consoles = LinearScale(domain: 0 ... peak * 1.1, range: (frame.bottom, frame.top)).nice(count: 4)
        let hours = BandScale(count: 24, range: (frame.left, frame.right), padding: 0.25)
        Axis.left(&svg, consoles, frame: frame, format: ChartLabel.count, label: "consoles", count: 4)
        Axis.bands(&svg, hours, labels: (0..<24).map { String(format: "%02d", $0) }, frame: frame, every: 3, label: "hour of the day")
        for hour in 0..<24 where coverage[hour] > required[hour] && !pooledHours.contains(hour) {  // covered beyond the need
            svg.rect(x: hours.range.0 + Double(hour) * hours.step, y: frame.top, width: hours.step, height: frame.height,
                     fill: Style.series[2], extra: [("fill-opacity", "0.10")])
        }
        for hour in 0..<24 {
            let y = consoles(Double(required[hour]))
            svg.rect(x: hours.start(hour), y: y, width: hours.bandwidth, height: frame.bottom - y, fill: Style.series[0],
                     extra: [("fill-opacity", "0.55")])
        }
        func steps(_ values: [Int]) -> [(Double, Double)] {
            (0..<24).map { (hours.range.0 + Double($0) * hours.step, consoles(Double(values[$0]))) }
                + [(frame.right, consoles(Double(values[23])))]
        }
        if let today { svg.polyline(steps(today), stroke: Style.muted, width: 1.5, step: true, dash: "5 3") }
        svg.polyline(steps(coverage), stroke: Style.series[4], width: 2.5, step: true)
        for hour in pooledHours.sorted() {
            svg.rect(x: hours.range.0 + Double(hour) * hours.step, y: frame.bottom - 4, width: hours.step, height: 4,
                     fill: Style.muted, extra: [("fill-opacity", "0.6")])
        }
        let short = (0..<24).filter { coverage[$0] < required[$0] && !pooledHours.contains($0) }
        for hour in short {
            svg.text("✕", x: hours.centre(hour), y: frame.top - 4, anchor: .middle, size: 10, fill: Style.failing)
        }
        var entries = [
            Legend.Entry("needed", colour: Style.series[0], mark: .box), Legend.Entry(coverageName, colour: Style.series[4], mark: .line),
            Legend.Entry("beyond the need", colour: Style.series[2], mark: .box),
        ]
        if today != nil { entries.append(Legend.Entry("today", colour: Style.muted, mark: .dashed)) }
        if !pooledHours.isEmpty { entries.append(Legend.Entry("▬ pooled", colour: Style.muted, mark: .box)) }
        if !short.isEmpty { entries.append(Legend.Entry("✕ short", colour: Style.failing, mark: .dot)) }
        Legend(entries).draw(&svg, x: frame.left, y: 14)
        return svg.render(id: id)
    }
}
