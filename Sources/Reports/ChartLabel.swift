import Charts

/// How the report's charts write numbers on axes and labels.
public enum ChartLabel {
    public static func count(_ value: Double) -> String {
        value >= 100 || value == value.rounded() ? SVG.number(value.rounded()) : SVG.number((value * 10).rounded() / 10)
    }

    /// A share as a percentage with up to two decimals (0.0005 → "0.05%").
    public static func percent(_ value: Double) -> String { SVG.number(value * 100) + "%" }

    /// Seconds as s, min, h or d, whichever reads best (`FigureText`, as every output writes them).
    public static func duration(_ seconds: Double) -> String { FigureText.text(seconds, .duration) }
}
