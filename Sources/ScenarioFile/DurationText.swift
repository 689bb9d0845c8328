/// Durations as scenario files and the command line write them: a number with a unit (`s`, `m`,
/// `h`, `d`, `w`), or several such in a row (`1h30m`). A bare number is refused (`patience: {mean: 2}`
/// meant two minutes and became two seconds), except 0, which needs no unit.
public enum DurationText {
    static let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]

    /// The longest duration callsim takes: 100 years of 365 days (a run's clock stays exact to
    /// well under a microsecond).
    public static let longest = 100 * 365 * 86_400.0

    /// The shortest duration that must take some time (handling, patience, a horizon): 1 ms.
    public static let shortestPositive = 0.001

    /// What a duration may look like, for error messages.
    public static let allowed = "a duration with a unit (s, m, h, d or w) such as 45s, 2m, 1h30m, 1.5d or 2w, at most 100 years"

    /// Why `text` is not a duration, in words a planner acts on (`nil` when it is one).
    public static func problem(_ text: String) -> String? {
        guard seconds(text) == nil else { return nil }
        let text = text.trimmingCharacters(in: .whitespaces)
        if let bare = Double(text), bare.isFinite, bare > 0 {
            let minutes = bare * 60 <= longest ? ", or \(Self.number(bare * 60))s for \(text) minutes" : ""
            return "a bare number has no unit: write \(text)s for seconds, \(text)m for minutes\(minutes)"
        }
        if text.range(of: #"[0-9.][yY]"#, options: .regularExpression) != nil {
            return "y is not a unit (years differ in length): write days, such as 365d, or weeks, such as 52w"
        }
        return nil
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// The duration in seconds, or `nil` when `text` is not a duration from 0 to `longest`.
    public static func seconds(_ text: String) -> Double? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let plain = Double(text) { return plain == 0 ? 0 : nil }  // only 0 may go without a unit
        var total = 0.0
        var number = ""
        for character in text {
            if character.isNumber || character == "." {
                number.append(character)
            } else if let unit = units[character], let value = Double(number), value.isFinite {
                total += value * unit
                number = ""
            } else {
                return nil
            }
        }
        return number.isEmpty && !text.isEmpty && (0...longest).contains(total) ? total : nil
    }
}

import Foundation
