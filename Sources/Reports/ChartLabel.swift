import Charts

/// How the report's charts write numbers on axes and labels.
public enum ChartLabel {
    public static func count(_ value: Double) -> String {
        value >= 100 || value == value.rounded() ? SVG.number(value.rounded()) : SVG.number((value * 10).rounded() / 10)
    }

    /// A share as a percentage with up to two decimals (0.0005 → "0.05%").
    public static func percent(_ value: Double) -> String { SVG.number(value * 100) + "%" }

    /// Seconds as s, min or h, whichever reads best.
    public static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return SVG.number((seconds * 10).rounded() / 10) + " s" }
        if seconds < 120 { return SVG.number(seconds.rounded()) + " s" }
        if seconds < 7_200 { return SVG.number((seconds / 6).rounded() / 10) + " min" }
        return SVG.number((seconds / 360).rounded() / 10) + " h"
    }
}
