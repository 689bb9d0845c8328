/// How the arrival rate varies over the day and the week: a piecewise-constant rate, one level
/// per hour of the week, with time 0 on a Monday at 00:00.
///
/// Both profiles are relative weights, normalised here to mean 1, so a centre's long-run rate is
/// its `calls_per_day` whatever the profiles' shapes.
public struct ArrivalPattern: Sendable {
    /// Relative rate for each hour of the day (24 values, mean 1).
    public let daily: [Double]
    /// Relative rate for each day of the week, Monday first (7 values, mean 1).
    public let weekly: [Double]
    /// Coefficient of variation of each day's Gamma(mean 1) rate factor per centre; `nil`: none.
    public let dayToDayCV: Double?
    /// daily × weekly for each of the 168 hours of the week.
    let hourOfWeek: [Double]

    static let hour = 3_600.0
    static let week = 168 * hour

    /// A pattern from the two profiles: non-negative weights, not all zero; flat by default.
    public init(
        daily: [Double] = Array(repeating: 1, count: 24), weekly: [Double] = Array(repeating: 1, count: 7),
        dayToDayCV: Double? = nil
    ) {
        precondition(daily.count == 24 && weekly.count == 7)
        let dailySum = daily.reduce(0, +), weeklySum = weekly.reduce(0, +)
        precondition(dailySum > 0 && weeklySum > 0)
        let daily = daily.map { $0 * 24 / dailySum }, weekly = weekly.map { $0 * 7 / weeklySum }
        self.daily = daily
        self.weekly = weekly
        self.hourOfWeek = (0..<168).map { daily[$0 % 24] * weekly[$0 / 24] }
        self.dayToDayCV = dayToDayCV
    }

    /// The first arrival after `t` of a Poisson process with rate `rate` × the pattern, by inverting
    /// its integrated rate: walk forward hour by hour until the area under the rate reaches
    /// `unitExponential` (an Exp(1) draw). Exact, not a thinning or a step approximation.
    /// - Parameter rate: long-run arrivals per second (> 0).
    func nextArrival(after t: Double, rate: Double, unitExponential: Double) -> Double {
        var area = unitExponential
        var now = t
        // Whole weeks carry `rate × week` each: skip them at once.
        let perWeek = rate * Self.week
        if area >= perWeek {
            let weeks = (area / perWeek).rounded(.down)
            area -= weeks * perWeek
            now += weeks * Self.week
        }
        return hourOfWeek.withUnsafeBufferPointer { hourOfWeek in
            while true {
                let hours = ClockHours.wholeHours(now)
                let hourEnd = Double(hours + 1) * Self.hour
                let level = rate * hourOfWeek[hours % 168]
                if level > 0 {
                    let step = area / level
                    if now + step < hourEnd { return now + step }
                    area = max(0, area - level * (hourEnd - now))
                }
                now = hourEnd
            }
        }
    }
}
