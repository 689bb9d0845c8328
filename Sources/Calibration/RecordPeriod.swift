import CallRecords

/// The whole local days the records cover, from the day of the first arrival to the day of the
/// last: the denominator of callers a day, and the days each weekday occurs.
public struct RecordPeriod: Sendable {
    /// The first and last local day (days since 1970-01-01 on the records' clock).
    public let firstDay: Int, lastDay: Int

    /// The longest period `fit` takes: ten years. A stray date (a year typed wrong) would otherwise
    /// make a period of centuries, and arrays of its days.
    public static let longest = 3_660

    init(_ records: [CallRecord]) {
        var first = Int.max, last = Int.min
        for record in records {
            first = min(first, record.arrival.day)
            last = max(last, record.arrival.day)
        }
        (firstDay, lastDay) = (first, last)
    }

    public var days: Int { lastDay - firstDay + 1 }

    /// How many times each weekday (Monday 0) occurs in the period.
    public var weekdayCounts: [Int] {
        (0..<7).map { weekday in
            (firstDay...lastDay).filter { (($0 + 3) % 7 + 7) % 7 == weekday }.count
        }
    }

    /// The weekday of `day` (Monday 0).
    static func weekday(of day: Int) -> Int { ((day + 3) % 7 + 7) % 7 }
}
