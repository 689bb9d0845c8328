/// An SVG drawing built element by element; it renders to text that is the same for the same
/// drawing (numbers written with at most two decimals), so reports are byte-identical.
public struct SVG: Sendable {
    public let width: Double
    public let height: Double
    /// What the drawing shows, for screen readers.
    public let title: String
    private var elements: [String] = []

    public init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    /// A number as SVG text: at most two decimals, no trailing zeros.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if abs(rounded) >= 1e15 { return String(format: "%.0f", rounded) }
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// Text with `&`, `<`, `>` and quotes escaped for XML.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, extra: [(String, String)] = []) {
        elements.append("<rect" + Self.attributes([
            ("x", Self.number(x)), ("y", Self.number(y)), ("width", Self.number(max(width, 0))),
            ("height", Self.number(max(height, 0))), ("fill", fill),
        ] + extra) + "/>")
    }

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        elements.append("<line" + Self.attributes([
            ("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)), ("y2", Self.number(y2)),
            ("stroke", stroke), ("stroke-width", Self.number(width)),
        ] + (dash.map { [("stroke-dasharray", $0)] } ?? [])) + "/>")
    }

    /// A line through `points`; `step` draws it as a staircase (each value held until the next point).
    public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, step: Bool = false, dash: String? = nil) {
        guard !points.isEmpty else { return }
        var path: [(Double, Double)] = []
        for (index, point) in points.enumerated() {
            if step, index > 0 { path.append((point.0, points[index - 1].1)) }
            path.append(point)
        }
        elements.append("<polyline" + Self.attributes([
            ("points", path.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")),
            ("fill", "none"), ("stroke", stroke), ("stroke-width", Self.number(width)),
        ] + (dash.map { [("stroke-dasharray", $0)] } ?? [])) + "/>")
    }

    /// A filled shape through `points`.
    public mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double = 1) {
        elements.append("<polygon" + Self.attributes([
            ("points", points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")),
            ("fill", fill), ("fill-opacity", Self.number(opacity)),
        ]) + "/>")
    }

    public mutating func circle(x: Double, y: Double, radius: Double, fill: String) {
        elements.append("<circle" + Self.attributes([
            ("cx", Self.number(x)), ("cy", Self.number(y)), ("r", Self.number(radius)), ("fill", fill),
        ]) + "/>")
    }

    public enum Anchor: String, Sendable { case start, middle, end }

    public mutating func text(
        _ text: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 11, weight: String? = nil,
        fill: String = "#222", rotate: Double? = nil
    ) {
        var pairs: [(String, String)] = [
            ("x", Self.number(x)), ("y", Self.number(y)), ("text-anchor", anchor.rawValue), ("font-size", Self.number(size)),
            ("fill", fill),
        ]
        if let weight { pairs.append(("font-weight", weight)) }
        if let rotate { pairs.append(("transform", "rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))")) }
        elements.append("<text" + Self.attributes(pairs) + ">" + Self.escape(text) + "</text>")
    }

    /// The drawing as an inline `<svg>` element that scales to its container's width.
    public func render(id: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(Self.escape(id))\" class=\"chart\" role=\"img\" "
            + "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" aria-labelledby=\"\(Self.escape(id))-title\">"
            + "<title id=\"\(Self.escape(id))-title\">\(Self.escape(title))</title>"
            + elements.joined() + "</svg>"
    }
}
