/// A moment as a call record writes it: ISO 8601 with the offset from UTC of the switch's clock
/// (`2024-01-01T08:30:00+02:00`). Kept as seconds since 1970-01-01 00:00 UTC and the offset, so
/// that the local hour and weekday (which profiles are made of) and the order of moments are
/// both at hand. Reading and writing are by hand: a year of records is millions of stamps.
public struct ClockTime: Sendable, Equatable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Double
    /// The clock's offset from UTC, in seconds (+02:00: 7200).
    public let offset: Int

    public init(seconds: Double, offset: Int) {
        self.seconds = seconds
        self.offset = offset
    }

    /// Seconds since 1970-01-01 00:00 on the local clock.
    public var local: Double { seconds + Double(offset) }
    /// The local clock hour, 0–23.
    public var hour: Int { Int((local - 86_400 * (local / 86_400).rounded(.down)) / 3_600) }
    /// The local day, counted from 1970-01-01.
    public var day: Int { Int((local / 86_400).rounded(.down)) }
    /// The local weekday, Monday 0 … Sunday 6 (1970-01-01 was a Thursday).
    public var weekday: Int { ((day + 3) % 7 + 7) % 7 }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.seconds < b.seconds }

    /// `self` moved on by `seconds`, on the same clock.
    public func adding(_ seconds: Double) -> ClockTime { ClockTime(seconds: self.seconds + seconds, offset: offset) }

    /// Reads `2024-01-01T08:30:00+02:00`, with optional fractional seconds, `Z` for UTC, a space for
    /// `T`, or a date alone (midnight, with `offset` then, as for no offset at all). Nil if malformed.
    public init?(_ text: Substring, defaultOffset: Int = 0) {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + digits] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += digits
            return value
        }
        func expect(_ character: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == character else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
            (1...12).contains(month), (1...ClockTime.days(inMonth: month, year: year)).contains(day)
        else { return nil }
        var second = 0.0
        var offset = defaultOffset
        if index < bytes.count {
            guard expect(84) || expect(32), let hour = number(2), expect(58), let minute = number(2),
                hour < 24, minute < 60
            else { return nil }
            var wholeSecond = 0
            if expect(58) {
                guard let value = number(2), value < 60 else { return nil }
                wholeSecond = value
            }
            second = Double(hour * 3_600 + minute * 60 + wholeSecond)
            if expect(46) {
                var scale = 0.1, digits = 0
                while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 {
                    second += Double(bytes[index] - 48) * scale
                    scale /= 10
                    index += 1
                    digits += 1
                }
                guard digits > 0 else { return nil }
            }
            if expect(90) {
                offset = 0
            } else if index < bytes.count {
                let sign: Int
                if expect(43) { sign = 1 } else if expect(45) { sign = -1 } else { return nil }
                guard let hours = number(2) else { return nil }
                _ = expect(58)
                guard let minutes = number(2), hours < 24, minutes < 60 else { return nil }
                offset = sign * (hours * 3_600 + minutes * 60)
            }
        }
        guard index == bytes.count else { return nil }
        let days = ClockTime.daysFromCivil(year: year, month: month, day: day)
        self.init(seconds: Double(days) * 86_400 + second - Double(offset), offset: offset)
        // Written to the millisecond, a moment must stay within years 0000–9999 (its text reads back).
        guard (self.local * 1_000).rounded() / 1_000 < Double(ClockTime.daysFromCivil(year: 10_000, month: 1, day: 1)) * 86_400 else { return nil }
    }

    /// ISO 8601 with the offset, to the millisecond when not whole seconds.
    public var text: String {
        let local = (self.local * 1_000).rounded() / 1_000
        let day = Int((local / 86_400).rounded(.down))
        let (year, month, dayOfMonth) = ClockTime.civil(fromDays: day)
        let secondsOfDay = local - Double(day) * 86_400
        let whole = Int(secondsOfDay.rounded(.down))
        let millis = Int(((secondsOfDay - Double(whole)) * 1_000).rounded())
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var text = "\(String(String(year + 10_000).dropFirst()))-\(two(month))-\(two(dayOfMonth))T\(two(whole / 3_600)):\(two(whole / 60 % 60)):\(two(whole % 60))"
        if millis > 0 { text += "." + String(String(millis + 1_000).dropFirst()) }
        if offset == 0 { return text + "Z" }
        let size = abs(offset)
        return text + (offset < 0 ? "-" : "+") + two(size / 3_600) + ":" + two(size / 60 % 60)
    }

    /// A local day as a date, `2024-01-01`.
    public static func dateText(day: Int) -> String {
        let (year, month, dayOfMonth) = civil(fromDays: day)
        return "\(String(String(year + 10_000).dropFirst()))-\(month < 10 ? "0" : "")\(month)-\(dayOfMonth < 10 ? "0" : "")\(dayOfMonth)"
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
