import CGSL

/// One stream of random numbers for one purpose: a GSL `taus2` generator (L'Ecuyer's maximally
/// equidistributed combined Tausworthe generator, period 2⁸⁸). Its state is 24 bytes, so the hundreds
/// of streams of a national scenario stay in cache; it draws about twice as fast as MT19937.
///
/// A stream is a handle, not an owner: the `RandomStreams` that made it owns the generator and must
/// outlive it (keep the owner in the same struct as its streams, as a replication does). Handles
/// keep the hot loop free of reference counting.
/// Every draw goes through GSL, so the numbers are the same on every machine and every Swift version.
public struct RandomStream {
    @usableFromInline let generator: UnsafeMutablePointer<gsl_rng>

    init(_ generator: UnsafeMutablePointer<gsl_rng>) { self.generator = generator }

    /// A uniform number in [0, 1).
    @inlinable public func uniform() -> Double { gsl_rng_uniform(generator) }

    /// An exponential variate with the given mean.
    @inlinable public func exponential(mean: Double) -> Double { gsl_ran_exponential(generator, mean) }

    /// `true` with probability `p`.
    @inlinable public func bernoulli(_ p: Double) -> Bool { gsl_ran_bernoulli(generator, p) == 1 }

    /// A whole number in `0..<n`, each equally likely (`n` ≥ 1).
    @inlinable public func index(below n: Int) -> Int { Int(gsl_rng_uniform_int(generator, UInt(n))) }

    /// A lognormal variate: exp of a normal with mean `zeta` and standard deviation `sigma`.
    @inlinable public func lognormal(zeta: Double, sigma: Double) -> Double {
        gsl_ran_lognormal(generator, zeta, sigma)
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
/// 4,096 groups and 16 purposes), `seed32 = fmix32(index &+ base)` where `base` is the scenario's
/// seed mixed by SplitMix64; `fmix32` (MurmurHash3's finaliser) is a bijection, so distinct
/// indices give distinct seeds (GSL seeds its generators from 32 bits).
public final class RandomStreams {
    /// The most replications, groups and purposes that have distinct seeds.
    public static let maxReplications = 1 << 16, maxGroups = 1 << 12, maxPurposes = 1 << 4

    private let base: UInt32
    private let replication: Int
    private var generators: [UnsafeMutablePointer<gsl_rng>] = []

    /// The streams of replication `replication` (counted from 0) of a run with seed `seed`.
    public init(seed: UInt64, replication: Int) {
        precondition(replication >= 0 && replication < Self.maxReplications)
        GSL.setUp()
        self.base = UInt32(truncatingIfNeeded: Self.splitMix64(seed))
        self.replication = replication
    }

    deinit { for generator in generators { gsl_rng_free(generator) } }

    /// A new generator for `purpose` of `group`, seeded as the type's documentation says.
    public func stream(group: Int, purpose: Int) -> RandomStream {
        precondition(group >= 0 && group < Self.maxGroups && purpose >= 0 && purpose < Self.maxPurposes)
        let index = UInt32(replication << 16 | group << 4 | purpose)
        guard let generator = gsl_rng_alloc(cgsl_rng_taus2()) else { fatalError("out of memory") }
        gsl_rng_set(generator, UInt(Self.fmix32(index &+ base)))
        generators.append(generator)
        return RandomStream(generator)
    }

    static func splitMix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func fmix32(_ x: UInt32) -> UInt32 {
        var h = x
        h ^= h >> 16
        h &*= 0x85EB_CA6B
        h ^= h >> 13
        h &*= 0xC2B2_AE35
        h ^= h >> 16
        return h
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
