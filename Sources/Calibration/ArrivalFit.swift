import CGSL
import Fitting
import Foundation
import CallRecords
import SimStatistics

/// New callers (first attempts) a day at each centre, and when in the day and week they call:
/// the national shapes, each centre's own where it differs significantly from them, and the
/// spread of daily totals beyond Poisson's once the weekday effect is removed (`day_to_day_cv`).
public struct ArrivalFit: Sendable {
    /// One centre's arrivals.
    public struct Centre: Sendable {
        /// First-attempt callers a day: the mean of the daily counts, with Student's t interval
        /// over the days (which holds the day-to-day spread, not Poisson's alone).
        public let callsPerDay: FitFigure
        public let firstAttempts: Int
        /// First attempts by local hour and by weekday (Monday first), summed over the period.
        public let byHour: [Int], byWeekday: [Int]
        /// Its own profile (normalised to mean 1) where it differs from the national one; nil otherwise.
        public let dailyProfile: [Double]?, weeklyProfile: [Double]?
        /// The p-values of the tests of its shapes against the national ones.
        public let dailyPValue: Double, weeklyPValue: Double
    }

    public let centres: [Centre]
    public let dailyProfile: [Double], weeklyProfile: [Double]
    /// Nil when the days vary no more than Poisson's.
    public let dayToDayCV: FitFigure?
    /// The significance level at which a centre's shape is its own: 1 % shared among the centres' tests (Bonferroni).
    public let level: Double

    /// Fits `firsts` (the first attempts' records) over `period`, for `centres` centres.
    init(_ records: [CallRecord], firsts: [Int], period: RecordPeriod, centres: Int) {
        let days = period.days
        var daily = Array(repeating: Array(repeating: 0, count: days), count: centres)
        var hours = Array(repeating: Array(repeating: 0, count: 24), count: centres)
        var weekdays = Array(repeating: Array(repeating: 0, count: 7), count: centres)
        for index in firsts {
            let record = records[index]
            daily[record.centre][record.arrival.day - period.firstDay] += 1
            hours[record.centre][record.arrival.hour] += 1
            weekdays[record.centre][record.arrival.weekday] += 1
        }
        let occurrences = period.weekdayCounts.map(Double.init)
        /// Callers a day on each weekday, normalised to mean 1 over the weekdays present.
        func weekly(_ counts: [Int]) -> [Double] {
            let perDay = zip(counts, occurrences).map { $1 > 0 ? Double($0) / $1 : 0 }
            let present = zip(perDay, occurrences).filter { $1 > 0 }.map(\.0)
            let mean = present.reduce(0, +) / Double(max(present.count, 1))
            return zip(perDay, occurrences).map { $1 > 0 && mean > 0 ? $0 / mean : 1 }
        }
        func normalised(_ counts: [Int]) -> [Double] {
            let mean = Double(counts.reduce(0, +)) / Double(counts.count)
            return counts.map { mean > 0 ? Double($0) / mean : 1 }
        }
        let level = 0.01 / Double(max(centres, 1))
        // Weekdays carry whole days' factors: a weekday's total varies by μ(1 + μ_day·cv²), so the
        // weekly test needs the spread of days, which needs the weekly shape: each centre's own, first.
        let ownWeights = weekdays.map(weekly)
        let rates = daily.map { Double($0.reduce(0, +)) / Double(days) }
        var centreDays: [CentreDay] = []
        // μ is the mean of the m days that share the day's weekday, so (N − μ)² falls short of the
        // variance by the factor 1 − 1/m: it is scaled back by m / (m − 1) (a weekday seen once tells nothing).
        for centre in 0..<centres where rates[centre] > 0 {
            for day in 0..<days {
                let weekday = RecordPeriod.weekday(of: period.firstDay + day)
                let m = occurrences[weekday]
                guard m > 1 else { continue }
                centreDays.append(CentreDay(
                    count: Double(daily[centre][day]), mean: rates[centre] * ownWeights[centre][weekday], scale: m / (m - 1)))
            }
        }
        let dayToDayCV = Self.coefficientOfVariation(centreDays)
        let squaredCV = (dayToDayCV?.value ?? 0) * (dayToDayCV?.value ?? 0)
        // Hours within a day share the day's factor in proportion: Poisson counts, a chi-square test.
        let ownDaily = Self.ownShapes(hours, level: level) { _ in 1 }
        let ownWeekly = Self.ownShapes(weekdays, level: level) { 1 + rates[$0] * squaredCV }
        func pooled(_ counts: [[Int]], _ own: [Int: Double], width: Int) -> [Int] {
            (0..<width).map { slot in counts.indices.filter { own[$0] == nil }.reduce(0) { $0 + counts[$1][slot] } }
        }
        let dailyProfile = normalised(pooled(hours, ownDaily.own, width: 24))
        let weeklyProfile = weekly(pooled(weekdays, ownWeekly.own, width: 7))
        (self.dailyProfile, self.weeklyProfile, self.level, self.dayToDayCV) = (dailyProfile, weeklyProfile, level, dayToDayCV)
        self.centres = (0..<centres).map { centre in
            Centre(
                callsPerDay: FitFigure.mean(of: daily[centre].map(Double.init)), firstAttempts: daily[centre].reduce(0, +),
                byHour: hours[centre], byWeekday: weekdays[centre],
                dailyProfile: ownDaily.own[centre] != nil ? normalised(hours[centre]) : nil,
                weeklyProfile: ownWeekly.own[centre] != nil ? weekly(weekdays[centre]) : nil,
                dailyPValue: ownDaily.pValues[centre], weeklyPValue: ownWeekly.pValues[centre])
        }
    }

    /// Which centres have a shape of their own: the centre that differs most from the pooled counts
    /// of the others still sharing (at `level`, its p-value from `homogeneity` against them) is given its own and
    /// leaves the pool, until none differs. Returns those centres (with their p-values) and every
    /// centre's p-value against the final pool.
    static func ownShapes(
        _ counts: [[Int]], level: Double, dispersion: (_ centre: Int) -> Double
    ) -> (own: [Int: Double], pValues: [Double]) {
        var own: [Int: Double] = [:]
        let width = counts.first?.count ?? 0
        func pValue(_ centre: Int) -> Double {
            let pool = (0..<width).map { slot in counts.indices.filter { own[$0] == nil && $0 != centre }.reduce(0) { $0 + counts[$1][slot] } }
            return homogeneity(counts[centre], pool, dispersion: dispersion(centre))
        }
        while true {
            let sharing = counts.indices.filter { own[$0] == nil }
            guard sharing.count > 1 else { break }
            let tested = sharing.map { ($0, pValue($0)) }
            guard let worst = tested.min(by: { $0.1 < $1.1 }), worst.1 < level else { break }
            own[worst.0] = worst.1
        }
        return (own, counts.indices.map { own[$0] ?? pValue($0) })
    }
    /// The p-value of Pearson's chi-square test that `counts` and `pool` come from one shape (a
    /// 2 × k table; expected counts from its margins), the statistic divided by `dispersion`
    /// (over-dispersed counts).
    static func homogeneity(_ counts: [Int], _ pool: [Int], dispersion: Double) -> Double {
        let rows = [counts.reduce(0, +), pool.reduce(0, +)].map(Double.init)
        let total = rows[0] + rows[1]
        guard rows[0] > 0, rows[1] > 0 else { return 1 }
        var statistic = 0.0, cells = 0
        for (a, b) in zip(counts, pool) where a + b > 0 {
            let column = Double(a + b)
            for (observed, row) in [(Double(a), rows[0]), (Double(b), rows[1])] {
                let expected = row * column / total
                statistic += (observed - expected) * (observed - expected) / expected
            }
            cells += 1
        }
        guard cells > 1 else { return 1 }
        return gsl_cdf_chisq_Q(statistic / dispersion, Double(cells - 1))
    }

    /// One centre's count on one day, the count its weekday leads to expect, and m / (m − 1).
    struct CentreDay {
        let count: Double, mean: Double, scale: Double
    }

    /// cv by moments: a day's count N, given the day's factor, is Poisson; over factors it has
    /// mean μ and variance μ + μ²cv² (negative binomial), so Σ[s(N − μ)² − N] / Σμ² estimates cv².
    /// Nil when that is not above 0 (the days vary no more than Poisson's). The 95 % interval is
    /// the set of cv² from which the estimate lies within 1.96 standard deviations, each computed
    /// from the negative binomial's cumulants at that cv² (a score-type interval): over a few weeks
    /// the spread of squared deviations is too skewed, and too tied to the estimate, for the
    /// empirical variance (a low estimate came with a narrow interval that missed the truth).
    static func coefficientOfVariation(_ days: [CentreDay]) -> FitFigure? {
        let bottom = days.reduce(0) { $0 + $1.mean * $1.mean }
        guard bottom > 0, days.count > 1 else { return nil }
        let estimate = days.reduce(0) { $0 + $1.scale * ($1.count - $1.mean) * ($1.count - $1.mean) - $1.count } / bottom
        guard estimate > 0 else { return nil }
        /// The estimator's standard deviation were cv² the truth: each term's variance from the
        /// cumulants κ2…κ4 of the negative binomial (mean μ, shape 1 / cv²), the squared deviation's
        /// share scaled by s, which is exact for the m − 1 degrees of freedom of a weekday's m days.
        func deviation(_ squared: Double) -> Double {
            let variance = days.reduce(0.0) { total, day in
                let mu = day.mean, c = squared
                let k2 = mu + mu * mu * c
                let k3 = mu + 3 * mu * mu * c + 2 * mu * mu * mu * c * c
                let k4 = mu + 7 * mu * mu * c + 12 * pow(mu, 3) * c * c + 6 * pow(mu, 4) * c * c * c
                return total + day.scale * (k4 + 2 * k2 * k2) + k2 - 2 * k3
            }
            return variance.squareRoot() / bottom
        }
        let z = 1.959964, largest = 100.0  // cv 10, the most a scenario takes
        let lower = estimate - z * deviation(0) <= 0 ? 0
            : rootOfDecreasing({ estimate - $0 - z * deviation($0) }, from: estimate / 2) ?? 0
        // Above the estimate the distance c² − estimate first overtakes 1.96 deviations, then (the
        // deviation grows as c³) may fall behind again: the bound is the first crossing, bracketed
        // by stepping up from the estimate.
        let above = { (squared: Double) in estimate + z * deviation(squared) - squared }
        var step = estimate
        while above(step) > 0, step < largest { step *= 1.5 }
        let upper = above(step) > 0 ? largest : min(largest, rootOfDecreasing(above, from: step) ?? largest)
        // Beyond cv 10 (which a scenario cannot take) or with a degenerate spread, the bounds are
        // kept around the estimate; without finite bounds there is no interval.
        guard lower.isFinite, upper.isFinite else { return FitFigure(estimate.squareRoot(), interval: nil, sampleSize: days.count) }
        let interval = min(lower, estimate).squareRoot()...max(upper, estimate).squareRoot()
        return FitFigure(estimate.squareRoot(), interval: interval, sampleSize: days.count)
    }
}
