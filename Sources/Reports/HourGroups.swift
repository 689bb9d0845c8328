import CallModel
import SimStatistics

/// Hours of the day as planners read them: runs of consecutive hours ("18–20 h", "02, 05–06 h"),
/// and hourly results grouped by scope, figure and state.
enum HourGroups {
    /// `hours` (ascending, 0 ... 23) as runs: "18–20 h", "03 h", "02, 05–06 h".
    static func text(_ hours: [Int]) -> String {
        var runs: [(Int, Int)] = []
        for hour in hours.sorted() {
            if let last = runs.last, last.1 == hour - 1 { runs[runs.count - 1].1 = hour } else { runs.append((hour, hour)) }
        }
        return runs.map { $0.0 == $0.1 ? hourText($0.0) : "\(hourText($0.0))–\(hourText($0.1))" }.joined(separator: ", ") + " h"
    }

    static func hourText(_ hour: Int) -> String { hour < 10 ? "0\(hour)" : "\(hour)" }

    /// The lowest and highest of `estimates` in `unit`: "7.4–9.8 %", or one figure.
    static func range(_ estimates: [Estimate], _ unit: FigureText.Unit) -> String {
        let means = estimates.compactMap(\.mean)
        guard let low = means.min(), let high = means.max() else { return "–" }
        let (lowText, highText) = (FigureText.text(low, unit), FigureText.text(high, unit))
        guard lowText != highText else { return lowText }
        // "7.4%" and "9.8%" share their unit: "7.4–9.8%".
        func suffix(_ text: String) -> Substring { text[(text.lastIndex { $0.isNumber }.map { text.index(after: $0) } ?? text.startIndex)...] }
        let shared = suffix(lowText)
        if !shared.isEmpty, shared == suffix(highText) { return "\(lowText.dropLast(shared.count))–\(highText)" }
        return "\(lowText)–\(highText)"
    }

    /// A scope, and the clock hour of an hourly figure: `CJ 18:00–19:00`.
    static func place(_ scope: Scope, hour: Int?) -> String {
        scope.description + (hour.map { " " + text([$0]) } ?? "")
    }

    /// One scope's hourly results of one target in one state.
    struct Group {
        let scope: Scope
        let target: Target
        let state: TargetState
        var hours: [Int]
        var estimates: [Estimate]

        /// "CJ abandonment_rate ≤ 5 %: missed at 18–20 h, 7.4–9.8 %".
        var line: String {
            let measure = target.measure, unit = FigureText.unit(of: measure)
            let bound = "\(measure.isMinimum ? "≥" : "≤") \(FigureText.text(target.threshold, unit))"
            return "\(scope) \(measure.reportedKey) \(bound): \(state.rawValue) at \(HourGroups.text(hours)), "
                + HourGroups.range(estimates, unit)
        }
    }

    /// `results`' hourly rows grouped by scope, target and state, in the order they first appear.
    static func groups(_ results: [TargetResult]) -> [Group] {
        var groups: [Group] = []
        for row in results {
            guard let hour = row.hour else { continue }
            if let index = groups.firstIndex(where: { $0.scope == row.scope && $0.target == row.target && $0.state == row.state }) {
                groups[index].hours.append(hour)
                groups[index].estimates.append(row.estimate)
            } else {
                groups.append(Group(scope: row.scope, target: row.target, state: row.state, hours: [hour], estimates: [row.estimate]))
            }
        }
        return groups
    }
}

extension PeakWarning {
    /// The line on stderr: "warning: total abandonment_rate ≤ 5 % holds for the day, but is missed
    /// at 18–20 h (7.4–9.8 %): add hourly_targets or size --by-hour".
    public var message: String {
        let measure = target.measure, unit = FigureText.unit(of: measure)
        let bound = "\(measure.isMinimum ? "≥" : "≤") \(FigureText.text(target.threshold, unit))"
        let day = dayState.fails ? "fails for the day (\(dayState.rawValue)) and" : "holds for the day, but"
        return "warning: \(scope) \(measure.reportedKey) \(bound) \(day) is missed at \(HourGroups.text(hours)) "
            + "(\(HourGroups.range(estimates, unit))): add hourly_targets or size --by-hour"
    }

    /// The warning as `check --format json` lists it.
    var json: JSON {
        let measure = target.measure
        return .object([
            ("scope", .string(scope.description)), ("kpi", .string(measure.reportedKey)),
            ("bound", .string(measure.bound.rawValue)), ("threshold", .number(target.threshold)),
            ("hours", .array(hours.map { .number(Double($0)) })),
            ("estimates", .array(estimates.map { .number($0.mean) })),
        ])
    }
}
