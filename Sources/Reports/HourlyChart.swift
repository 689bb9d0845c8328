import Charts

/// Calls offered and console capacity by hour of the day (bars and a step line), above the
/// service level by hour (a line with the target marked): where the day's peak hurts.
public struct HourlyChart: Sendable {
    /// One run's hourly figures.
    public struct Series: Sendable {
        public let name: String
        /// Calls offered in each hour, per day.
        public let offered: [Double]
        /// Calls the consoles on shift could answer in each hour (consoles × 3600 / mean console time).
        public let capacity: [Double]
        /// Service level of the calls arriving in each hour (0 ... 1).
        public let serviceLevel: [Double?]

        public init(name: String, offered: [Double], capacity: [Double], serviceLevel: [Double?]) {
            precondition(offered.count == 24 && capacity.count == 24 && serviceLevel.count == 24)
            self.name = name
            self.offered = offered
            self.capacity = capacity
            self.serviceLevel = serviceLevel
        }
    }

    public let series: [Series]
    /// The service-level target, drawn as a dashed line.
    public let target: Double?
    /// Hours in which an hourly target fails (at some scope), marked under the service level.
    public let failingHours: Set<Int>
    /// Hours in which every console answers every centre's callers (pooled). In the others the
    /// capacity line is all centres' consoles, each answering its own centre's callers (and,
    /// under overflow, its neighbours'): headroom in the line is not headroom at a busy centre.
    /// Such hours are marked and the legend says so.
    public let localHours: Set<Int>

    public init(series: [Series], target: Double?, failingHours: Set<Int> = [], localHours: Set<Int> = []) {
        precondition(!series.isEmpty && failingHours.allSatisfy { (0..<24).contains($0) }
                     && localHours.allSatisfy { (0..<24).contains($0) })
        self.series = series
        self.target = target
        self.failingHours = failingHours
        self.localHours = localHours
    }

    public func render(id: String, width: Double = 720) -> String {
        let top = Frame(left: 56, top: 34, width: width - 76, height: 170)
        let bottom = Frame(left: 56, top: top.bottom + 46, width: top.width, height: 110)
        var svg = SVG(width: width, height: bottom.bottom + 40, title: "Calls offered and console capacity by hour of the day, and the service level by hour")
        // Capacity far above the calls would flatten them: the axis stops at 3 × the busiest hour
        // and capacity above it is drawn at the top, its figure written there.
        let busiest = series.flatMap(\.offered).max() ?? 0
        let capacityPeak = series.flatMap(\.capacity).max() ?? 0
        let ceiling = max(busiest * 1.15, min(capacityPeak * 1.05, busiest * 3), 1)
        let calls = LinearScale(domain: 0 ... ceiling, range: (top.bottom, top.top)).nice()
        let hours = BandScale(count: 24, range: (top.left, top.right), padding: 0.25)
        let labels = (0..<24).map { String(format: "%02d", $0) }
        Axis.left(&svg, calls, frame: top, format: ChartLabel.count, label: "calls per hour")
        Axis.bands(&svg, hours, labels: labels, frame: top, every: 2)
        let barWidth = hours.bandwidth / Double(series.count)
        for (index, run) in series.enumerated() {
            let colour = Style.series[index % Style.series.count]
            for hour in 0..<24 {
                let y = calls(run.offered[hour])
                svg.rect(x: hours.start(hour) + Double(index) * barWidth, y: y, width: barWidth, height: top.bottom - y,
                         fill: colour, extra: [("fill-opacity", "0.55")])
            }
            let capped = run.capacity.map { min($0, calls.domain.upperBound) }
            let steps = (0..<24).map { (hours.range.0 + Double($0) * hours.step, calls(capped[$0])) } + [(top.right, calls(capped[23]))]
            svg.polyline(steps, stroke: colour, width: 2, step: true, dash: "5 3")
            if let most = run.capacity.max(), most > calls.domain.upperBound {
                svg.text("capacity up to \(ChartLabel.count(most)) calls/h, above the chart", x: top.right - 4,
                         y: top.top + 12 + Double(index) * 12, anchor: .end, size: 10, fill: colour)
            }
        }
        // Hours whose consoles each answer only their own centre's callers: a grey band along the
        // hour axis, and the legend says what the capacity line is there.
        for hour in localHours.sorted() {
            svg.rect(x: hours.range.0 + Double(hour) * hours.step, y: top.bottom - 4, width: hours.step, height: 4,
                     fill: Style.muted, extra: [("fill-opacity", "0.6")])
        }
        let capacityName = localHours.isEmpty ? "capacity"
            : localHours.count == 24 ? "capacity of all centres (each answers its own callers)"
            : "capacity (▬ hours: each centre answers its own callers)"
        var entries: [Legend.Entry] = []
        for (index, run) in series.enumerated() {
            let colour = Style.series[index % Style.series.count]
            let prefix = series.count > 1 ? run.name + ": " : ""
            entries += [Legend.Entry(prefix + "offered", colour: colour, mark: .box), Legend.Entry(prefix + capacityName, colour: colour, mark: .dashed)]
        }
        Legend(entries).draw(&svg, x: top.left, y: 16)

        let share = LinearScale(domain: 0 ... 1, range: (bottom.bottom, bottom.top))
        Axis.left(&svg, share, frame: bottom, format: ChartLabel.percent, label: "service level", count: 4)
        Axis.bands(&svg, hours, labels: labels, frame: bottom, every: 2, label: "hour of the day (calls by the hour they arrived)")
        if let target {
            svg.line(x1: bottom.left, y1: share(target), x2: bottom.right, y2: share(target), stroke: Style.muted, width: 1.5, dash: "6 4")
            svg.text("target \(ChartLabel.percent(target))", x: bottom.right, y: share(target) - 4, anchor: .end, size: 10, fill: Style.muted)
        }
        // Hours failing an hourly target: a shaded band behind the service level, and a mark under the axis.
        for hour in failingHours.sorted() {
            svg.rect(x: hours.range.0 + Double(hour) * hours.step, y: bottom.top, width: hours.step, height: bottom.height,
                     fill: Style.failing, extra: [("fill-opacity", "0.12")])
            svg.text("✕", x: hours.centre(hour), y: bottom.top - 4, anchor: .middle, size: 10, fill: Style.failing)
        }
        if !failingHours.isEmpty {
            svg.text("✕ an hourly target fails", x: bottom.left, y: bottom.top - 4, anchor: .start, size: 10, fill: Style.failing)
        }
        for (index, run) in series.enumerated() {
            let colour = Style.series[index % Style.series.count]
            let points = (0..<24).compactMap { hour in run.serviceLevel[hour].map { (hours.centre(hour), share($0)) } }
            svg.polyline(points, stroke: colour, width: 2)
            for point in points { svg.circle(x: point.0, y: point.1, radius: 2.5, fill: colour) }
        }
        return svg.render(id: id)
    }
}
