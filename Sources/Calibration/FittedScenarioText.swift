import CallRecords
import Fitting
import Foundation

/// The fitted scenario as YAML that `run`, `check` and `size` read: every estimate with its
/// 95 % interval and sample size as a comment, and what the records could not say marked as an
/// assumption.
public enum FittedScenarioText {
    /// The scenario; with `rival`, handling and patience take the rival family's fit instead of
    /// the best (gamma ↔ lognormal, Weibull ↔ exponential), to see whether the choice matters.
    public static func yaml(_ fit: ScenarioFit, name: String? = nil, rival: Bool = false) -> String {
        func choice(_ ranked: [FittedDistribution]) -> FittedDistribution {
            guard rival, let other = ranked.first(where: { $0.family == ranked[0].family.rival }) else { return ranked[0] }
            return other
        }
        func choice(_ duration: DurationFit) -> String {
            if case .fitted(let ranked, _) = duration { return distribution(choice(ranked)) }
            return distribution(duration)
        }
        var lines: [String] = []
        let first = ClockTime.dateText(day: fit.period.firstDay), last = ClockTime.dateText(day: fit.period.lastDay)
        lines.append("# Fitted by `callsim fit` from \(fit.file): \(fit.records) records over \(fit.period.days) days (\(first) to \(last)).")
        if fit.bad.isEmpty {
            lines.append("# Bad records: none.")
        } else {
            lines.append("# Bad records: \(fit.bad.count), left out: " + fit.bad.prefix(20).map { "line \($0.line) (\($0.column))" }.joined(separator: ", ") + (fit.bad.count > 20 ? ", …" : "") + ".")
        }
        lines.append("# Each estimate: its 95 % interval and the observations it rests on. ASSUMPTION marks what records cannot tell.")
        lines.append("name: \(quoted(name ?? "Fitted from \((fit.file as NSString).lastPathComponent)"))")
        lines.append("seed: 1")
        lines.append("horizon: 28d                     # ASSUMPTION: four weeks, as a planner would run")
        lines.append("warmup: 1d")
        lines.append("replications: 20")
        lines.append("")
        let types = fit.calls.types
        let several = types.count > 1
        if let handling = several ? fit.calls.handling : types.first?.handling {
            lines.append("handling: \(choice(handling))" + (several ? "   # all types together; each type below has its own" : "") + "   # \(comment(handling))")
        } else {
            lines.append("handling: 5m   # ASSUMPTION: the records have no handling times")
        }
        if !several, let wrapup = types.first?.wrapup { lines.append("wrapup: \(distribution(wrapup))   # \(comment(wrapup))") }
        if let patience = fit.patience {
            let best = choice(patience.ranked)
            let ranking = patience.ranked.map { "\($0.family.rawValue) \(number($0.aic, 1))" }.joined(separator: ", ")
            lines.append("patience: \(distribution(best))")
            lines.append("  # mean \(duration(best.mean)) (95 %: \(duration(best.meanInterval.lowerBound))–\(duration(best.meanInterval.upperBound))), by censored maximum likelihood from \(patience.abandoned + patience.answered) waits: \(patience.abandoned) hung up (observed), \(patience.answered) answered (censored)\(patience.zeroWaits > 0 ? "; \(patience.zeroWaits) who hung up at once left out" : "")")
            lines.append("  # AIC (smaller is better): \(ranking). The mean wait of those who hung up, \(duration(patience.naiveMean)), is not patience.")
        } else {
            lines.append("# patience: none — nobody hung up in the records, so nobody hangs up in the scenario")
        }
        var escalation: [String] = []
        if let handoff = fit.calls.handoff { escalation.append("handoff: \(distribution(handoff))") }
        if !several, let probability = types.first?.escalation { escalation.insert("probability: \(number(probability.value, 4))", at: 0) }
        if !escalation.isEmpty {
            lines.append("escalation: {\(escalation.joined(separator: ", "))}")
            if let probability = types.first?.escalation, !several { lines.append("  # probability: \(comment(probability)) answered calls") }
            if let handoff = fit.calls.handoff { lines.append("  # handoff: \(comment(handoff)); the decision time is not in the records (ASSUMPTION: 0)") }
        }
        if let redial = fit.redial, redial.probability.value > 0, let delay = redial.delay {
            let capped = redial.probability.value > 0.99
            lines.append("redial: {probability: \(number(min(redial.probability.value, 0.99), 4)), delay: \(distribution(delay))}")
            if capped { lines.append("  # ASSUMPTION: every unanswered caller in the records called again; a scenario's callers give up in the end (at most 0.99)") }
            lines.append("  # probability: \(comment(redial.probability)) unanswered attempts (those in the last \(duration(redial.margin)) left out); delay: \(comment(delay))")
        } else if fit.redial == nil {
            lines.append("# redial: the records do not link callers' attempts (no caller column), so none is fitted")
        }
        lines.append("")
        lines.append("arrivals:")
        lines.append("  daily_profile: \(profile(fit.arrivals.dailyProfile))")
        lines.append("    # first attempts by local hour, all centres: \(fit.arrivals.centres.reduce(0) { $0 + $1.firstAttempts }) callers")
        lines.append("  weekly_profile: \(profile(fit.arrivals.weeklyProfile))   # Monday first")
        if let cv = fit.arrivals.dayToDayCV {
            let capped = cv.value > 10 ? " (fitted \(number(cv.value, 3)); ASSUMPTION: 10, the most a scenario takes)" : ""
            lines.append("  day_to_day_cv: \(number(max(0.001, min(cv.value, 10)), 3))   # \(comment(cv)) centre-days, weekday effect removed\(capped)")
        } else {
            lines.append("  # day_to_day_cv: the days vary no more than Poisson's")
        }
        if several {
            lines.append("")
            lines.append("call_types:")
            let shares = roundedShares(types.map(\.share.value))
            for (type, share) in zip(types, shares) {
                var fields = ["name: \(quoted(type.name))", "share: \(share)"]
                if let handling = type.handling { fields.append("handling: \(choice(handling))") }
                if let wrapup = type.wrapup { fields.append("wrapup: \(distribution(wrapup))") }
                if let escalation = type.escalation { fields.append("escalation: {probability: \(number(escalation.value, 4))}") }
                lines.append("  - {\(fields.joined(separator: ", "))}")
                lines.append("    # share: \(comment(type.share)) callers")
                if let handling = type.handling { lines.append("    # handling: \(comment(handling))\(type.zeroHandling > 0 ? "; \(type.zeroHandling) of 0 s left out" : "")") }
                if let wrapup = type.wrapup { lines.append("    # wrapup: \(comment(wrapup))") }
                if let escalation = type.escalation { lines.append("    # escalation: \(comment(escalation)) answered calls") }
            }
        }
        if let after = fit.staffing.overflowAfter {
            lines.append("")
            lines.append("routing: {policy: overflow, overflow_after: \(number(after.rounded(.down), 0))s}   # the shortest wait before another centre answered")
        }
        lines.append("")
        lines.append("centres:")
        for (index, code) in fit.centres.enumerated() {
            let arrivals = fit.arrivals.centres[index], staffing = fit.staffing.centres[index]
            lines.append("  - code: \(quoted(code))")
            lines.append("    calls_per_day: \(number(arrivals.callsPerDay.value, 2))   # first-attempt callers a day: \(comment(arrivals.callsPerDay)) days, \(arrivals.firstAttempts) callers")
            let consoles = staffing.consoles
            if Set(consoles).count == 1 {
                lines.append("    consoles: \(consoles[0])   # the most answering at once while its callers waited")
            } else {
                lines.append("    consoles: {by_hour: [\(consoles.map(String.init).joined(separator: ", "))]}   # by hour: the most answering at once while its callers waited")
            }
            if let capacity = staffing.queueCapacity {
                lines.append("    queue_capacity: \(capacity)   # the fewest waiting when a caller got a busy tone")
            }
            if !staffing.neighbours.isEmpty {
                lines.append("    neighbours: [\(staffing.neighbours.map { quoted(fit.centres[$0]) }.joined(separator: ", "))]   # answered its callers, most often first")
            }
            if arrivals.dailyProfile != nil || arrivals.weeklyProfile != nil {
                lines.append("    arrivals:")
                if let daily = arrivals.dailyProfile {
                    lines.append("      daily_profile: \(profile(daily))")
                    lines.append("        # its own: differs from the national shape (chi-square p = \(pValue(arrivals.dailyPValue)))")
                }
                if let weekly = arrivals.weeklyProfile {
                    lines.append("      weekly_profile: \(profile(weekly))   # its own (p = \(pValue(arrivals.weeklyPValue)))")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Shares to four decimals that add up to exactly 1 (the reader checks the sum): each rounded,
    /// and what rounding lost or gained given to the largest.
    static func roundedShares(_ shares: [Double]) -> [String] {
        var units = shares.map { Int(($0 * 10_000).rounded()) }
        if let largest = units.indices.max(by: { units[$0] < units[$1] }) { units[largest] += 10_000 - units.reduce(0, +) }
        return units.map { number(Double($0) / 10_000, 4) }
    }

    /// The family's fit, or a constant's duration.
    static func distribution(_ fit: DurationFit) -> String {
        switch fit {
        case .constant(let value, _): return value > 0 ? seconds(max(value, 0.001)) : "0s"
        case .fitted(let ranked, _): return distribution(ranked[0])
        }
    }

    static func distribution(_ fit: FittedDistribution) -> String {
        switch fit.family {
        case .exponential: return "{distribution: exponential, mean: \(seconds(fit.first))}"
        case .gamma, .lognormal: return "{distribution: \(fit.family.rawValue), mean: \(seconds(fit.first)), sd: \(seconds(fit.second))}"
        case .weibull: return "{distribution: weibull, shape: \(number(fit.first, 4)), scale: \(seconds(fit.second))}"
        }
    }

    static func comment(_ fit: DurationFit) -> String {
        switch fit {
        case .constant(_, let size): return "the same in all \(size) records"
        case .fitted(let ranked, let sample):
            let best = ranked[0]
            var text = "mean \(duration(best.mean)) (95 %: \(duration(best.meanInterval.lowerBound))–\(duration(best.meanInterval.upperBound))), n = \(sample.count)"
            text += "; AIC " + ranked.map { "\($0.family.rawValue) \(number($0.aic, 1))" }.joined(separator: ", ")
            if let goodness = best.goodness { text += "; Kolmogorov–Smirnov D = \(number(goodness.ks, 4)) (p ≈ \(pValue(goodness.pValue)))" }
            return text
        }
    }

    static func comment(_ figure: FitFigure) -> String {
        let interval = figure.interval.map { "95 %: \(number($0.lowerBound, 4))–\(number($0.upperBound, 4)), " } ?? ""
        return "\(interval)n = \(figure.sampleSize)"
    }

    static func profile(_ values: [Double]) -> String { "[" + values.map { number($0, 3) }.joined(separator: ", ") + "]" }

    /// Seconds with a unit, to the millisecond: `123.456s`.
    static func seconds(_ value: Double) -> String { number(value, 3) + "s" }

    /// A duration for a comment, in the unit a planner reads: `48.2s`, `11.3m`, `2.5h`.
    static func duration(_ value: Double) -> String {
        if value < 120 { return number(value, 1) + "s" }
        if value < 7_200 { return number(value / 60, 2) + "m" }
        return number(value / 3_600, 2) + "h"
    }

    static func number(_ value: Double, _ decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    static func pValue(_ p: Double) -> String { p < 1e-4 ? String(format: "%.1e", p) : number(p, 4) }

    /// A name as YAML reads it back exactly: plain when it is letters, digits, `_`, inner `-` and
    /// inner spaces and reads as no other value; else double-quoted, every character that needs it
    /// escaped.
    static func quoted(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == " " } && !text.isEmpty
            && text.first != "-" && text.first != " " && text.last != " "
            && !["true", "false", "yes", "no", "null", "on", "off", "y", "n", "~"].contains(text.lowercased()) && Double(text) == nil
        if plain { return text }
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case "\u{85}": escaped += "\\N"
            case "\u{2028}": escaped += "\\L"
            case "\u{2029}": escaped += "\\P"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                    escaped += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else if scalar.properties.generalCategory == .format || scalar.properties.generalCategory == .privateUse {
                    // Invisible (a byte-order mark, a zero-width space): a YAML reader may drop it unescaped.
                    escaped += scalar.value > 0xFFFF
                        ? "\\U" + String(scalar.value, radix: 16).leftPadded(to: 8) : "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped + "\""
    }
}

extension String {
    /// `self` with zeros in front, `width` characters at least.
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
