/// The plotting area of a chart inside its SVG, in pixels.
public struct Frame: Sendable {
    public let left: Double, top: Double, width: Double, height: Double
    public var right: Double { left + width }
    public var bottom: Double { top + height }

    public init(left: Double, top: Double, width: Double, height: Double) {
        self.left = left
        self.top = top
        self.width = width
        self.height = height
    }
}

/// The look shared by every chart: colours, sizes and the space axes need.
public enum Style {
    public static let axis = "#555"
    public static let grid = "#e3e3e3"
    public static let text = "#222"
    public static let muted = "#666"
    /// What fails a target (vermillion, as the second series colour).
    public static let failing = "#D55E00"
    /// Series colours, told apart also by people with the common colour-vision deficiencies (Okabe–Ito).
    public static let series = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
    public static let fontSize = 11.0
    public static let tickLength = 4.0
}

/// Draws axes with ticks, labels and grid lines.
public enum Axis {
    /// A vertical axis on the frame's left with horizontal grid lines at the ticks.
    public static func left(
        _ svg: inout SVG, _ scale: LinearScale, frame: Frame, format: (Double) -> String, label: String? = nil, count: Int = 5
    ) {
        for tick in scale.ticks(count: count) {
            let y = scale(tick)
            svg.line(x1: frame.left, y1: y, x2: frame.right, y2: y, stroke: Style.grid)
            svg.line(x1: frame.left - Style.tickLength, y1: y, x2: frame.left, y2: y, stroke: Style.axis)
            svg.text(format(tick), x: frame.left - Style.tickLength - 2, y: y + 4, anchor: .end, size: Style.fontSize - 1, fill: Style.muted)
        }
        svg.line(x1: frame.left, y1: frame.top, x2: frame.left, y2: frame.bottom, stroke: Style.axis)
        if scale.clips { clipNote(&svg, x: frame.left, y: frame.top - 4, anchor: .start) }
        if let label {
            svg.text(label, x: frame.left - 40, y: frame.top + frame.height / 2, anchor: .middle, size: Style.fontSize, rotate: -90)
        }
    }

    /// A horizontal axis on the frame's bottom with numeric ticks (and vertical grid lines).
    public static func bottom(
        _ svg: inout SVG, _ scale: LinearScale, frame: Frame, format: (Double) -> String, label: String? = nil,
        count: Int = 6, grid: Bool = true
    ) {
        for tick in scale.ticks(count: count) {
            let x = scale(tick)
            if grid { svg.line(x1: x, y1: frame.top, x2: x, y2: frame.bottom, stroke: Style.grid) }
            svg.line(x1: x, y1: frame.bottom, x2: x, y2: frame.bottom + Style.tickLength, stroke: Style.axis)
            svg.text(format(tick), x: x, y: frame.bottom + Style.tickLength + 11, anchor: .middle, size: Style.fontSize - 1, fill: Style.muted)
        }
        svg.line(x1: frame.left, y1: frame.bottom, x2: frame.right, y2: frame.bottom, stroke: Style.axis)
        if scale.clips { clipNote(&svg, x: frame.right, y: frame.bottom + 30, anchor: .end) }
        if let label { svg.text(label, x: frame.left + frame.width / 2, y: frame.bottom + 30, anchor: .middle) }
    }

    /// Says on the chart that figures past what can be drawn sit at its edge.
    private static func clipNote(_ svg: inout SVG, x: Double, y: Double, anchor: SVG.Anchor) {
        let limit = String(format: "%.0e", LinearScale.largest)
        svg.text("figures beyond ±\(limit) are drawn at the edge", x: x, y: y, anchor: anchor, size: Style.fontSize - 1, fill: Style.failing)
    }

    /// A horizontal axis of categories, labelling every `every`-th band.
    public static func bands(
        _ svg: inout SVG, _ bands: BandScale, labels: [String], frame: Frame, every: Int = 1, label: String? = nil
    ) {
        for index in stride(from: 0, to: bands.count, by: max(every, 1)) {
            let x = bands.centre(index)
            svg.line(x1: x, y1: frame.bottom, x2: x, y2: frame.bottom + Style.tickLength, stroke: Style.axis)
            svg.text(labels[index], x: x, y: frame.bottom + Style.tickLength + 11, anchor: .middle, size: Style.fontSize - 1, fill: Style.muted)
        }
        svg.line(x1: frame.left, y1: frame.bottom, x2: frame.right, y2: frame.bottom, stroke: Style.axis)
        if let label { svg.text(label, x: frame.left + frame.width / 2, y: frame.bottom + 30, anchor: .middle) }
    }
}

/// A row of legend entries: a swatch (a box, or a line, dashed or not) and its label.
public struct Legend: Sendable {
    public enum Mark: Sendable { case box, line, dashed, dot }

    public struct Entry: Sendable {
        public let label: String
        public let colour: String
        public let mark: Mark

        public init(_ label: String, colour: String, mark: Mark) {
            self.label = label
            self.colour = colour
            self.mark = mark
        }
    }

    public let entries: [Entry]

    public init(_ entries: [Entry]) { self.entries = entries }

    /// Draws the row with its first swatch at (x, y), y being the text's baseline.
    public func draw(_ svg: inout SVG, x: Double, y: Double) {
        var x = x
        for entry in entries {
            switch entry.mark {
            case .box: svg.rect(x: x, y: y - 9, width: 14, height: 10, fill: entry.colour)
            case .line: svg.line(x1: x, y1: y - 4, x2: x + 14, y2: y - 4, stroke: entry.colour, width: 2)
            case .dashed: svg.line(x1: x, y1: y - 4, x2: x + 14, y2: y - 4, stroke: entry.colour, width: 2, dash: "4 3")
            case .dot: svg.circle(x: x + 7, y: y - 4, radius: 4, fill: entry.colour)
            }
            svg.text(entry.label, x: x + 18, y: y, size: Style.fontSize)
            x += 34 + Double(entry.label.count) * 6.5  // about 6.5 px a character at 11 px
        }
    }
}
