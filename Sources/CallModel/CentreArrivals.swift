import SimEngine

/// A period during which calls come faster (a launch, a media campaign, a news story): the arrival
/// rate of the listed centres (all when `centres` is `nil`) is multiplied by `factor` in [from, to).
/// Overlapping surges multiply.
public struct Surge: Sendable, Equatable {
    public var from: Double
    public var to: Double
    public var factor: Double
    /// Codes of the centres it applies to; `nil`: every centre.
    public var centres: [String]?

    public init(from: Double, to: Double, factor: Double, centres: [String]? = nil) {
        self.from = from
        self.to = to
        self.factor = factor
        self.centres = centres
    }
}

/// One centre's arrival process: its Poisson rate × the daily and weekly pattern × each day's
/// random factor (day-to-day variation) × the surges in force; the next arrival is found by
/// inverting the integrated rate exactly.
struct CentreArrivals {
    /// Long-run arrivals per second.
    let rate: Double
    let pattern: ArrivalPattern
    /// This centre's surges.
    let surges: [Surge]
    /// Gamma(mean 1, CV) day factors, drawn day by day as the process reaches each day; `nil`: none.
    let dayToDayCV: Double?
    var day = -1
    var dayFactor = 1.0

    init(rate: Double, pattern: ArrivalPattern, surges: [Surge], dayToDayCV: Double?) {
        self.rate = rate
        self.pattern = pattern
        self.surges = surges
        self.dayToDayCV = dayToDayCV.flatMap { $0 > 0 ? $0 : nil }
    }

    /// The first arrival after `time`, walking from one change of rate (an hour, a day, a surge's
    /// start or end) to the next until the area under the rate reaches `unitExponential`.
    /// - Parameter days: the stream day factors are drawn from, one per day, in order.
    mutating func next(after time: Double, unitExponential: Double, days: RandomStream) -> Double {
        if surges.isEmpty && dayToDayCV == nil {
            return pattern.nextArrival(after: time, rate: rate, unitExponential: unitExponential)
        }
        var area = unitExponential
        var now = time
        while true {
            let hours = ClockHours.wholeHours(now)
            var end = Double(hours + 1) * ArrivalPattern.hour
            var level = rate * pattern.hourOfWeek[hours % 168] * factor(forDay: hours / 24, days)
            for surge in surges {
                if surge.from <= now && now < surge.to {
                    level *= surge.factor
                    end = min(end, surge.to)
                } else if surge.from > now {
                    end = min(end, surge.from)
                }
            }
            if level > 0 {
                let step = area / level
                if now + step < end { return now + step }
                area = max(0, area - level * (end - now))
            }
            now = end
        }
    }

    /// The day factor of `day`, drawing every day's factor in order as the process gets there.
    mutating func factor(forDay day: Int, _ days: RandomStream) -> Double {
        guard let cv = dayToDayCV else { return 1 }
        while self.day < day {
            dayFactor = days.gamma(shape: 1 / (cv * cv), scale: cv * cv)
            self.day += 1
        }
        return dayFactor
    }
}
