import Foundation

/// Maps numbers of a domain onto pixels, and chooses round tick values for an axis.
///
/// Ticks are multiples of 1, 2 or 5 × 10ⁿ, about `count` of them, within the domain; `nice()`
/// widens the domain to whole ticks so that the axis starts and ends on a labelled value.
public struct LinearScale: Sendable, Equatable {
    public let domain: ClosedRange<Double>
    /// Pixels for the domain's lower and upper end (the upper may be the smaller, as on a y axis).
    public let range: (Double, Double)

    public init(domain: ClosedRange<Double>, range: (Double, Double)) {
        precondition(domain.lowerBound.isFinite && domain.upperBound.isFinite)
        self.domain = domain.lowerBound == domain.upperBound
            ? domain.lowerBound ... domain.lowerBound + 1 : domain
        self.range = range
    }

    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.domain == b.domain && a.range == b.range
    }

    /// The pixel of `value` (outside the domain it extrapolates).
    public func callAsFunction(_ value: Double) -> Double {
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
        return stride(from: first, through: last, by: 1).map { Self.clean($0 * step) }
    }

    /// The scale with its domain widened to whole ticks.
    public func nice(count: Int = 5) -> LinearScale {
        let step = tickStep(count: count)
        let lower = (domain.lowerBound / step + 1e-9).rounded(.down) * step
        let upper = (domain.upperBound / step - 1e-9).rounded(.up) * step
        return LinearScale(domain: Self.clean(lower) ... Self.clean(upper), range: range)
    }

    /// Removes the binary noise of multiplying a step (0.1 × 3 = 0.30000000000000004).
    static func clean(_ value: Double) -> Double { (value * 1e9).rounded() / 1e9 }
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
