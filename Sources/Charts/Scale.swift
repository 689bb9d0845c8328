import Foundation

/// Maps numbers of a domain onto pixels, and chooses round tick values for an axis.
///
/// Ticks are multiples of 1, 2 or 5 × 10ⁿ, about `count` of them, within the domain; `nice()`
/// widens the domain to whole ticks so that the axis starts and ends on a labelled value.
public struct LinearScale: Sendable, Equatable {
    public let domain: ClosedRange<Double>
    /// Pixels for the domain's lower and upper end (the upper may be the smaller, as on a y axis).
    public let range: (Double, Double)

    /// Takes any domain. An empty or very narrow one is widened (to 1 past a single value, or to a
    /// billionth of its size); bounds beyond ±`largest` are clipped to it (`clips` says so), and a
    /// bound that is not a number is read as 0, so that ticks and pixels always exist.
    public init(domain: ClosedRange<Double>, range: (Double, Double)) {
        let lower = Self.drawable(domain.lowerBound), asked = Self.drawable(domain.upperBound)
        var upper = lower == asked ? lower + max(1, abs(lower) * 1e-9) : asked
        let narrowest = max(max(abs(lower), abs(upper)) * 1e-9, 1e-300)
        if upper - lower < narrowest { upper = lower + narrowest }
        self.domain = lower ... upper
        self.range = range
        clips = !(domain.lowerBound.magnitude <= Self.largest && domain.upperBound.magnitude <= Self.largest)
    }

    /// The largest magnitude drawn where it lies; figures beyond it are drawn at ±`largest`.
    public static let largest = 1e305
    /// Whether the domain asked for went past ±`largest` (or was not a number) and was clipped.
    public private(set) var clips: Bool

    private static func drawable(_ value: Double) -> Double {
        value.isNaN ? 0 : min(max(value, -largest), largest)
    }

    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.domain == b.domain && a.range == b.range
    }

    /// The pixel of `value` (outside the domain it extrapolates, up to ±`largest`).
    public func callAsFunction(_ value: Double) -> Double {
        let value = Self.drawable(value)
        let fraction = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        return range.0 + fraction * (range.1 - range.0)
    }

    /// The distance between ticks: 1, 2 or 5 × 10ⁿ, giving about `count` intervals over the domain.
    public func tickStep(count: Int = 5) -> Double {
        let span = domain.upperBound - domain.lowerBound
        let raw = span / Double(max(count, 1))
        let power = pow(10, (log10(raw)).rounded(.down))
        let error = raw / power
        let factor: Double = error >= 7.5 ? 10 : error >= 3.5 ? 5 : error >= 1.5 ? 2 : 1
        return factor * power
    }

    /// Round values within the domain, about `count` intervals apart.
    public func ticks(count: Int = 5) -> [Double] {
        let step = tickStep(count: count)
        // A tolerance keeps an end that is a whole tick (0.3 / 0.1 = 2.9999999999999996).
        let first = (domain.lowerBound / step - 1e-9).rounded(.up), last = (domain.upperBound / step + 1e-9).rounded(.down)
        guard first <= last else { return [] }
        // Far from zero on a narrow domain (1e301 … 1.000000001e301) a multiple of the step can
        // round past an end: such a tick is drawn at the end.
        return stride(from: first, through: last, by: 1).map {
            min(max(Self.clean($0 * step, step: step), domain.lowerBound), domain.upperBound)
        }
    }

    /// The scale with its domain widened to whole ticks.
    public func nice(count: Int = 5) -> LinearScale {
        let step = tickStep(count: count)
        let lower = (domain.lowerBound / step + 1e-9).rounded(.down) * step
        let upper = (domain.upperBound / step - 1e-9).rounded(.up) * step
        var wider = LinearScale(domain: Self.clean(lower, step: step) ... Self.clean(upper, step: step), range: range)
        wider.clips = wider.clips || clips
        return wider
    }

    /// Removes the binary noise of multiplying a step (0.1 × 3 = 0.30000000000000004), to a
    /// billionth; steps finer than a millionth, and values too large to scale, are left as they are.
    static func clean(_ value: Double, step: Double) -> Double {
        let scaled = value * 1e9
        return step >= 1e-6 && scaled.isFinite ? scaled.rounded() / 1e9 : value
    }
}

/// Places categories (hours, centres) in equal bands along an axis.
public struct BandScale: Sendable {
    public let count: Int
    public let range: (Double, Double)
    /// Share of each band left empty between bars (0 ..< 1).
    public let padding: Double

    public init(count: Int, range: (Double, Double), padding: Double = 0.2) {
        precondition(count >= 1 && (0..<1).contains(padding))
        self.count = count
        self.range = range
        self.padding = padding
    }

    /// Width of one band, padding included.
    public var step: Double { (range.1 - range.0) / Double(count) }
    /// Width of the bar in a band.
    public var bandwidth: Double { step * (1 - padding) }
    /// Where the bar of category `index` starts.
    public func start(_ index: Int) -> Double { range.0 + Double(index) * step + step * padding / 2 }
    /// The middle of category `index`'s band.
    public func centre(_ index: Int) -> Double { range.0 + (Double(index) + 0.5) * step }
}
