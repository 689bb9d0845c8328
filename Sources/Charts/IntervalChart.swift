/// One row per item (centres, call types), each with an estimate and its 95 % interval as a dot
/// and a whisker, per series, with the figure written at the row's end and a threshold marked.
public struct IntervalChart: Sendable {
    /// An estimate and its interval.
    public struct Value: Sendable {
        public let mean: Double
        public let low: Double
        public let high: Double

        public init(mean: Double, ci95: Double?) {
            self.mean = mean
            low = mean - (ci95 ?? 0)
            high = mean + (ci95 ?? 0)
        }

        /// A value within an interval that need not be symmetric (a prediction interval of replications).
        public init(mean: Double, low: Double, high: Double) {
            self.mean = mean
            self.low = low
            self.high = high
        }
    }

    public struct Series: Sendable {
        public let name: String
        /// One value per row; `nil` where there is no estimate.
        public let values: [Value?]

        public init(name: String, values: [Value?]) {
            self.name = name
            self.values = values
        }
    }

    public let title: String
    public let rows: [String]
    public let series: [Series]
    public let domain: ClosedRange<Double>
    public let format: @Sendable (Double) -> String
    public let threshold: CurveChart.Marker?
    public let axisLabel: String

    public init(
        title: String, rows: [String], series: [Series], domain: ClosedRange<Double>, axisLabel: String,
        format: @escaping @Sendable (Double) -> String, threshold: CurveChart.Marker? = nil
    ) {
        precondition(series.allSatisfy { $0.values.count == rows.count })
        self.title = title
        self.rows = rows
        self.series = series
        self.domain = domain
        self.axisLabel = axisLabel
        self.format = format
        self.threshold = threshold
    }

    public static let rowHeight = 16.0

    public func render(id: String, width: Double = 350) -> String {
        let labelWidth = 10.0 + 7 * Double(rows.map(\.count).max() ?? 2)
        let valueWidth = 62.0 * Double(series.count)
        let frame = Frame(left: labelWidth, top: 28, width: width - labelWidth - valueWidth - 8, height: Double(rows.count) * Self.rowHeight)
        var svg = SVG(width: width, height: frame.bottom + 40, title: title)
        let scale = LinearScale(domain: domain, range: (frame.left, frame.right)).nice(count: 4)
        Axis.bottom(&svg, scale, frame: frame, format: format, label: axisLabel, count: 4)
        let rowsScale = BandScale(count: max(rows.count, 1), range: (frame.top, frame.bottom), padding: 0)
        for (index, row) in rows.enumerated() {
            let y = rowsScale.centre(index)
            if index % 2 == 0 { svg.rect(x: 0, y: y - Self.rowHeight / 2, width: width, height: Self.rowHeight, fill: "#f6f6f6") }
            svg.text(row, x: labelWidth - 6, y: y + 4, anchor: .end, size: 10, weight: "bold")
        }
        if let threshold, scale.domain.contains(threshold.value) {
            svg.line(x1: scale(threshold.value), y1: frame.top - 4, x2: scale(threshold.value), y2: frame.bottom, stroke: Style.muted, width: 1.5, dash: "6 4")
            svg.text(threshold.label, x: scale(threshold.value), y: frame.top - 8, anchor: .middle, size: 10, fill: Style.muted)
        }
        // Several series share a row, each a little above or below its middle.
        let spacing = min(7, (Self.rowHeight - 4) / Double(series.count))
        for (seriesIndex, run) in series.enumerated() {
            let colour = Style.series[seriesIndex % Style.series.count]
            for (index, value) in run.values.enumerated() {
                let y = rowsScale.centre(index) + (Double(seriesIndex) - Double(series.count - 1) / 2) * spacing
                let column = frame.right + 8 + Double(seriesIndex) * 62
                guard let value else {
                    svg.text("–", x: column, y: rowsScale.centre(index) + 4, size: 10, fill: Style.muted)
                    continue
                }
                func clamp(_ v: Double) -> Double { min(max(v, scale.domain.lowerBound), scale.domain.upperBound) }
                svg.line(x1: scale(clamp(value.low)), y1: y, x2: scale(clamp(value.high)), y2: y, stroke: colour, width: 1.5)
                svg.circle(x: scale(clamp(value.mean)), y: y, radius: 3, fill: colour)
                svg.text(format(value.mean), x: column, y: rowsScale.centre(index) + 4, size: 10, fill: colour)
            }
        }
        if series.count > 1 {
            Legend(series.enumerated().map { Legend.Entry($1.name, colour: Style.series[$0 % Style.series.count], mark: .dot) })
                .draw(&svg, x: 4, y: 12)
        }
        return svg.render(id: id)
    }
}
