/// Durations as scenario files write them: a number with a unit (`s`, `m`, `h`, `d`, `w`), several
/// such in a row (`1h30m`), or a bare number of seconds.
public enum DurationText {
    static let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]

    /// The longest duration callsim takes: 100 years of 365 days (a run's clock stays exact to
    /// well under a microsecond).
    public static let longest = 100 * 365 * 86_400.0

    /// The shortest duration that must take some time (handling, patience, a horizon): 1 ms.
    public static let shortestPositive = 0.001

    /// What a duration may look like, for error messages.
    public static let allowed = "a duration such as 45s, 2m, 1h30m, 1.5d or 2w, or a number of seconds, at most 100 years"

    /// The duration in seconds, or `nil` when `text` is not a duration from 0 to `longest`.
    public static func seconds(_ text: String) -> Double? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let plain = Double(text) { return (0...longest).contains(plain) ? plain : nil }
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
