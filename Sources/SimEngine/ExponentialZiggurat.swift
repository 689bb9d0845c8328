import Foundation

/// Exp(1) variates by Marsaglia and Tsang's ziggurat ("The Ziggurat Method for Generating Random
/// Variables", J. Stat. Software 5(8), 2000), 256 layers. GSL has a ziggurat for the normal
/// distribution but not for the exponential, whose inversion (`log1p` of a uniform) was the single
/// most expensive step of a call.
///
/// One 64-bit number gives the layer (its low 8 bits) and the position in it (its top 53 bits, so
/// the two are independent). About 98.9 % of draws end at the first comparison, with one multiply;
/// the rest take the wedge test (an `exp`) or the tail (`r − log U`, exact by memorylessness).
/// Checked against the exponential distribution in `EngineTests` (Kolmogorov–Smirnov, chi-square
/// over 1,000 classes, the tail's mean excess).
///
/// `@unchecked Sendable`: it holds an `UnsafePointer`, which Swift cannot prove safe to share. The
/// 256 layers it points to are written once, in `init`, before `standard` is published (a `static
/// let`, initialised once under Swift's lock), then only read, and never freed: any thread may read them.
public struct ExponentialZiggurat: @unchecked Sendable {
    /// The right edge of the base layer; the tail starts there.
    static let r = 7.697117470131487
    /// The area of each layer, the base layer's tail included.
    static let v = 3.949659822581572e-3
    static let scale = 0x1p53

    /// One layer: the bound below which the draw is inside the layer's rectangle (`k`), the width
    /// of one step of the 53-bit position (`w`), and the density at the layer's top edge (`f`).
    @usableFromInline struct Layer {
        @usableFromInline let k: UInt64
        @usableFromInline let w: Double
        @usableFromInline let f: Double
    }

    /// The 256 layers, built once and kept for the life of the process (6 KiB): streams hold this
    /// pointer, so a draw reads no global.
    @usableFromInline let layers: UnsafePointer<Layer>

    /// The tables, built once.
    public static let standard = ExponentialZiggurat()

    private init() {
        var k = [UInt64](repeating: 0, count: 256)
        var w = [Double](repeating: 0, count: 256)
        var f = [Double](repeating: 0, count: 256)
        var edge = Self.r, previous = Self.r
        let q = Self.v / exp(-edge)
        k[0] = UInt64((edge / q) * Self.scale)
        k[1] = 0
        w[0] = q / Self.scale
        w[255] = edge / Self.scale
        f[0] = 1
        f[255] = exp(-edge)
        for layer in stride(from: 254, through: 1, by: -1) {
            edge = -log(Self.v / edge + exp(-edge))
            k[layer + 1] = UInt64((edge / previous) * Self.scale)
            previous = edge
            f[layer] = exp(-edge)
            w[layer] = edge / Self.scale
        }
        let layers = UnsafeMutablePointer<Layer>.allocate(capacity: 256)
        for index in 0..<256 { (layers + index).initialize(to: Layer(k: k[index], w: w[index], f: f[index])) }
        self.layers = UnsafePointer(layers)
    }

    /// One Exp(1) draw from `stream`, with `layers` the table of `standard` (each stream carries it).
    @inlinable @inline(__always)
    static func draw(_ stream: RandomStream, layers: UnsafePointer<Layer>) -> Double {
        let bits = stream.next()
        let layer = Int(bits & 0xFF), position = bits >> 11
        if position < layers[layer].k { return Double(position) * layers[layer].w }
        return standard.slowDraw(layer: layer, position: position, stream)
    }

    /// The draws that fall outside the first layer's rectangle: the tail, or the wedge test.
    @usableFromInline
    func slowDraw(layer: Int, position: UInt64, _ stream: RandomStream) -> Double {
        var layer = layer, position = position
        while true {
            if layer == 0 { return Self.r - log(1 - stream.uniform()) }
            let x = Double(position) * layers[layer].w
            if layers[layer].f + stream.uniform() * (layers[layer - 1].f - layers[layer].f) < exp(-x) { return x }
            let bits = stream.next()
            layer = Int(bits & 0xFF)
            position = bits >> 11
            if position < layers[layer].k { return Double(position) * layers[layer].w }
        }
    }
}
