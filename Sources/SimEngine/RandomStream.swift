import CGSL
import Foundation

/// One stream of random numbers for one purpose: a GSL generator of type xoshiro256** (Blackman
/// and Vigna; `Sources/CGSL/shim.h`), period 2²⁵⁶ − 1, 32 bytes of state.
///
/// A stream is a handle, not an owner: the `RandomStreams` that made it owns the generator and must
/// outlive it (keep the owner in the same struct as its streams, as a replication does). Handles
/// keep the hot loop free of reference counting.
///
/// Uniforms, Bernoulli trials and exponentials (by a ziggurat, `ExponentialZiggurat`) are drawn
/// here, inline, from the generator's 64-bit output; every other distribution is GSL's, drawing
/// from the same generator through GSL's generator interface. The numbers are the same on every
/// machine and every Swift version.
public struct RandomStream {
    /// The stream's state, its GSL generator and the ziggurat's table, in one cache line
    /// (`cgsl_stream`, Sources/CGSL/shim.h).
    @usableFromInline let stream: UnsafeMutablePointer<cgsl_stream>

    init(_ stream: UnsafeMutablePointer<cgsl_stream>) { self.stream = stream }

    /// The GSL generator, for GSL's distributions.
    @inlinable var generator: UnsafeMutablePointer<gsl_rng> { cgsl_stream_generator(stream) }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public func next() -> UInt64 { cgsl_xoshiro_next(stream) }

    /// A uniform number in [0, 1), on a grid of 2⁻⁵³ (what GSL's `gsl_rng_uniform` gives for this
    /// generator).
    @inlinable @inline(__always)
    public func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// An exponential variate with the given mean.
    @inlinable @inline(__always)
    public func exponential(mean: Double) -> Double {
        mean * ExponentialZiggurat.draw(self, layers: stream.pointee.table.assumingMemoryBound(to: ExponentialZiggurat.Layer.self))
    }

    /// `true` with probability `p` (as GSL's `gsl_ran_bernoulli`: a uniform below `p`).
    @inlinable public func bernoulli(_ p: Double) -> Bool { uniform() < p }

    /// A whole number in `0..<n`, each equally likely (`n` ≥ 1).
    @inlinable public func index(below n: Int) -> Int { Int(gsl_rng_uniform_int(generator, UInt(n))) }

    /// A lognormal variate: exp of a normal with mean `zeta` and standard deviation `sigma` (GSL's
    /// ziggurat for the normal).
    @inlinable public func lognormal(zeta: Double, sigma: Double) -> Double {
        exp(zeta + gsl_ran_gaussian_ziggurat(generator, sigma))
    }

    /// A gamma variate with the given shape and scale.
    @inlinable public func gamma(shape: Double, scale: Double) -> Double { gsl_ran_gamma(generator, shape, scale) }

    /// A Weibull variate with the given scale and shape.
    @inlinable public func weibull(scale: Double, shape: Double) -> Double {
        gsl_ran_weibull(generator, scale, shape)
    }

    /// A uniform variate on [min, max).
    @inlinable public func flat(min: Double, max: Double) -> Double { gsl_ran_flat(generator, min, max) }
}

/// The random streams of one replication, and the owner of their generators.
///
/// Each stream is named by a replication, a group (a centre) and a purpose (arrivals, handling, …),
/// and its seed is a one-to-one function of those and of the scenario's seed: two streams of one
/// run never share a seed, and a stream's numbers do not depend on which other streams exist. That
/// is what lets two scenarios that differ only in consoles see exactly the same callers (common
/// random numbers), and what makes results independent of how many threads ran the replications.
///
/// Seeds: `index = replication << 16 | group << 4 | purpose` (so at most 65,536 replications,
/// 4,096 groups and 16 purposes), `seed = base ^ index × 0x9E3779B97F4A7C15` where `base` is the
/// scenario's seed mixed by SplitMix64; an odd multiplier and a fixed xor are one-to-one, so
/// distinct indices give distinct seeds, and SplitMix64 fills each generator's 256 bits of state
/// from its seed (as xoshiro's authors recommend).
///
/// Each stream takes one cache line (`cgsl_stream`), laid out side by side, 64 to a block (a
/// centre's streams are made one after another), not in memory of its own as `gsl_rng_alloc` would
/// put it.
public final class RandomStreams {
    /// The most replications, groups and purposes that have distinct seeds.
    public static let maxReplications = 1 << 16, maxGroups = 1 << 12, maxPurposes = 1 << 4

    private let base: UInt64
    private let replication: Int
    /// Blocks of streams, `blockSize` each; the last one is filled up to `used`.
    private var blocks: [UnsafeMutablePointer<cgsl_stream>] = []
    private var used = RandomStreams.blockSize
    private static let blockSize = 64

    /// The streams of replication `replication` (counted from 0) of a run with seed `seed`.
    public init(seed: UInt64, replication: Int) {
        precondition(replication >= 0 && replication < Self.maxReplications)
        GSL.setUp()
        self.base = cgsl_splitmix64(seed)
        self.replication = replication
    }

    deinit {
        for block in blocks { block.deallocate() }
    }

    /// A new generator for `purpose` of `group`, seeded as the type's documentation says.
    public func stream(group: Int, purpose: Int) -> RandomStream {
        precondition(group >= 0 && group < Self.maxGroups && purpose >= 0 && purpose < Self.maxPurposes)
        let index = UInt64(replication << 16 | group << 4 | purpose)
        if used == Self.blockSize {
            assert(MemoryLayout<cgsl_stream>.stride == 64)
            let bytes = UnsafeMutableRawPointer.allocate(byteCount: Self.blockSize * MemoryLayout<cgsl_stream>.stride, alignment: 64)
            blocks.append(bytes.bindMemory(to: cgsl_stream.self, capacity: Self.blockSize))
            used = 0
        }
        let stream = blocks[blocks.count - 1] + used
        used += 1
        stream.initialize(to: cgsl_stream())
        stream.pointee.generator = gsl_rng(type: cgsl_rng_xoshiro256(), state: UnsafeMutableRawPointer(stream))
        stream.pointee.table = UnsafeRawPointer(ExponentialZiggurat.standard.layers)
        cgsl_xoshiro_seed(stream, base ^ (index &* 0x9E37_79B9_7F4A_7C15))
        return RandomStream(stream)
    }
}

/// Process-wide GSL settings.
public enum GSL {
    /// GSL's default error handler aborts the process; callsim validates every parameter before it
    /// calls GSL, and treats a NaN from GSL as an internal error instead.
    private static let handlerOff: Void = { _ = gsl_set_error_handler_off() }()

    /// Turns GSL's aborting error handler off (once; safe from any thread).
    public static func setUp() { _ = handlerOff }
}
