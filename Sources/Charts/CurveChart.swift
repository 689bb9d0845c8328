/// Lines of y against x, each with an optional 95 % band, and marked thresholds: the survival
/// curve of waits (the share of callers still waiting after t).
public struct CurveChart: Sendable {
    public struct Series: Sendable {
        public let name: String
        public let points: [(x: Double, y: Double)]
        /// The 95 % interval at each point, drawn as a shaded band.
        public let band: [(x: Double, low: Double, high: Double)]

        public init(name: String, points: [(x: Double, y: Double)], band: [(x: Double, low: Double, high: Double)] = []) {
            self.name = name
            self.points = points
            self.band = band
        }
    }

    /// A marked value: a vertical line at an x, or a horizontal one at a y.
    public struct Marker: Sendable {
        public let value: Double
        public let label: String

        public init(_ value: Double, _ label: String) {
            self.value = value
            self.label = label
        }
    }

    public let series: [Series]
    public let xLabel: String, yLabel: String
    public let xDomain: ClosedRange<Double>, yDomain: ClosedRange<Double>
    public let xFormat: @Sendable (Double) -> String, yFormat: @Sendable (Double) -> String
    public let verticals: [Marker], horizontals: [Marker]
    /// Draws each line as a staircase.
    public let step: Bool
    public let title: String

    public init(
        title: String, series: [Series], xLabel: String, yLabel: String, xDomain: ClosedRange<Double>, yDomain: ClosedRange<Double>,
        xFormat: @escaping @Sendable (Double) -> String, yFormat: @escaping @Sendable (Double) -> String,
        verticals: [Marker] = [], horizontals: [Marker] = [], step: Bool = false
    ) {
        self.title = title
        self.series = series
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xDomain = xDomain
        self.yDomain = yDomain
        self.xFormat = xFormat
        self.yFormat = yFormat
        self.verticals = verticals
        self.horizontals = horizontals
        self.step = step
    }

    public func render(id: String, width: Double = 720) -> String {
        let frame = Frame(left: 56, top: 30, width: width - 76, height: 220)
        var svg = SVG(width: width, height: frame.bottom + 42, title: title)
        let x = LinearScale(domain: xDomain, range: (frame.left, frame.right)).nice(count: 8)
        let y = LinearScale(domain: yDomain, range: (frame.bottom, frame.top)).nice()
        Axis.left(&svg, y, frame: frame, format: yFormat, label: yLabel)
        Axis.bottom(&svg, x, frame: frame, format: xFormat, label: xLabel, count: 8)
        for (index, run) in series.enumerated() where !run.band.isEmpty {
            let colour = Style.series[index % Style.series.count]
            let band = run.band.filter { x.domain.contains($0.x) }
            svg.polygon(band.map { (x($0.x), y($0.high)) } + band.reversed().map { (x($0.x), y($0.low)) }, fill: colour, opacity: 0.18)
        }
        for (index, run) in series.enumerated() {
            let colour = Style.series[index % Style.series.count]
            svg.polyline(run.points.filter { x.domain.contains($0.x) }.map { (x($0.x), y($0.y)) }, stroke: colour, width: 2, step: step)
        }
        for (index, marker) in verticals.enumerated() where x.domain.contains(marker.value) {
            svg.line(x1: x(marker.value), y1: frame.top, x2: x(marker.value), y2: frame.bottom, stroke: Style.muted, width: 1.5, dash: "6 4")
            let right = x(marker.value) > frame.left + frame.width * 0.7
            svg.text(marker.label, x: x(marker.value) + (right ? -4 : 4), y: frame.top + 12 + Double(index) * 13,
                     anchor: right ? .end : .start, size: 10, fill: Style.muted)
        }
        for marker in horizontals where y.domain.contains(marker.value) {
            svg.line(x1: frame.left, y1: y(marker.value), x2: frame.right, y2: y(marker.value), stroke: Style.muted, width: 1.5, dash: "2 3")
            svg.text(marker.label, x: frame.right, y: y(marker.value) - 4, anchor: .end, size: 10, fill: Style.muted)
        }
        Legend(series.enumerated().map { Legend.Entry($1.name, colour: Style.series[$0 % Style.series.count], mark: .line) })
            .draw(&svg, x: frame.left, y: 16)
        return svg.render(id: id)
    }
}
