import CallModel
import Foundation
import SimStatistics

/// How every human output writes a figure — the terminal, report.md, report.html, `check`, `size`
/// and `compare` — so one figure reads the same everywhere, with at most 4 significant digits.
/// CSV and JSON keep raw numbers.
///
/// A figure's unit comes from its KPI, never from its name. The mean picks the unit and the
/// decimals, and its ± half-width is written the same way, so the two compare at a glance.
enum FigureText {
    /// What a figure measures.
    enum Unit: Sendable {
        /// A share, written as a percentage.
        case share
        /// Seconds, written in s, min, h, d or y by size.
        case duration
        /// A count (calls, callers, Erlangs), with k or M past 10,000.
        case count
    }

    /// Every KPI is listed, with no `default`: a new KPI does not compile until it has a unit, so a
    /// share or a duration is never written as a count.
    static func unit(of kpi: KPI) -> Unit {
        switch kpi {
        case .abandonmentRate, .serviceLevel, .utilisation, .unservedRate: return .share
        case .asa, .meanWait, .waitP50, .waitP90, .waitP95, .waitP99, .escalationDelayP95: return .duration
        case .offered, .answered, .abandoned, .blocked, .escalated, .urgentLost, .urgentLostCount, .overflowed, .redials,
            .callers, .consoleHours:
            return .count
        }
    }

    /// The unit of a target's figure (`urgent_lost_per_year` is a count a year).
    static func unit(of measure: Target.Measure) -> Unit {
        measure == .urgentLostPerYear ? .count : unit(of: measure.kpi)
    }

    /// The unit of a figure named by its key in the result document (a KPI's, or
    /// `urgent_lost_per_year`).
    static func unit(ofKey key: String) -> Unit {
        if let kpi = KPI(rawValue: key) { return unit(of: kpi) }
        if let measure = Target.Measure.allCases.first(where: { $0.reportedKey == key }) { return unit(of: measure) }
        return .count
    }

    /// `mean ± ci95`, or `–` without a mean.
    static func text(_ estimate: Estimate, _ unit: Unit) -> String {
        text(mean: estimate.mean, ci95: estimate.ci95, unit)
    }

    static func text(mean: Double?, ci95: Double?, _ unit: Unit) -> String {
        guard let mean, mean.isFinite else { return "–" }
        let style = Style(mean: mean, ci95: ci95, unit: unit)
        guard let ci95, ci95.isFinite else { return style.write(mean) }
        return style.write(mean) + " ± " + style.write(ci95)
    }

    /// One value on its own (a threshold, a baseline's mean).
    static func text(_ value: Double?, _ unit: Unit) -> String { text(mean: value, ci95: nil, unit) }

    /// The scale, suffix and decimals a mean calls for.
    struct Style {
        let scale: Double, suffix: String
        var decimals: Int

        /// The style for `mean`, with the decimals an interval above 0 needs so that it never reads
        /// "± 0" (an interval of exactly 0, a figure that is not random, does).
        init(mean: Double, ci95: Double?, unit: Unit) {
            self.init(size: abs(mean), ci95: ci95, unit: unit)
            guard let ci95, ci95 > 0, ci95.isFinite else { return }
            var decimals = self.decimals
            while decimals < 9, (ci95 * scale * pow(10, Double(decimals))).rounded() == 0 { decimals += 1 }
            self.decimals = decimals
        }

        private init(size: Double, ci95: Double?, unit: Unit) {
            switch unit {
            case .share:
                // Small shares, or shares known to better than 0.1 point, need two decimals to show.
                let fine = size < 0.01 || (ci95 ?? 1) < 0.001
                (scale, suffix, decimals) = (100, "%", fine ? 2 : 1)
            case .duration:
                switch size {
                case ..<1: (scale, suffix, decimals) = (1, " s", 2)
                case ..<10: (scale, suffix, decimals) = (1, " s", 1)
                case ..<120: (scale, suffix, decimals) = (1, " s", 0)
                case ..<7_200: (scale, suffix, decimals) = (1.0 / 60, " min", 1)
                case ..<172_800: (scale, suffix, decimals) = (1.0 / 3_600, " h", 1)
                case ..<(1_000 * 86_400): (scale, suffix, decimals) = (1.0 / 86_400, " d", 1)
                default: (scale, suffix, decimals) = (1.0 / (365 * 86_400), " y", 1)
                }
            case .count:
                switch size {
                case ..<1: (scale, suffix, decimals) = (1, "", 2)
                case ..<100: (scale, suffix, decimals) = (1, "", 1)
                case ..<10_000: (scale, suffix, decimals) = (1, "", 0)
                case ..<10_000_000:
                    (scale, suffix) = (1e-3, " k")
                    decimals = max(0, 3 - Int(log10(size * 1e-3)))
                default:
                    (scale, suffix) = (1e-6, " M")
                    decimals = max(0, 3 - Int(log10(size * 1e-6)))
                }
            }
        }

        func write(_ value: Double) -> String {
            String(format: "%.\(decimals)f", value * scale) + suffix
        }
    }
}
