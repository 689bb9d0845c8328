import CGSL
import SimEngine
import Foundation

/// Exact steady-state figures of the M/M/n+M queue (Erlang A; Garnett, Mandelbaum & Reiman 2002):
/// Poisson arrivals, exponential handling, `consoles` servers, and callers who hang up after an
/// exponential patience. Always stable.
///
/// With x = n·μ/θ and y = λ/θ (θ = 1 / mean patience), everything follows from the birth–death
/// chain through one series, S(x, z) = Σₖ zᵏ / ((x+1)(x+2)…(x+k+1)):
/// - P(all busy at arrival) = π_n·(1 + y·S(x, y)), with π_n = 1 / (1/B + y·S(x, y)) and B Erlang B;
/// - P(answered and wait > t) = π_n·x·q·e^{−nμt}·e^{y(1−q)}·S(x, y·q), q = e^{−θt} (the offered wait
///   given j callers ahead is a sum of exponentials with rates nμ + iθ, and the mixture over the
///   chain's states sums in closed form);
/// - P(abandon) = θ·E[queue]/λ = π_n·T(x, y), T = Σ (k+1)·(k-th term of S);
/// - mean wait of all callers = P(abandon)/θ; of answered callers, ∫ P(answered, wait > t) dt
///   / P(answered), by GSL's adaptive quadrature.
///
/// S comes from GSL's incomplete gamma function where its series would be long, and from the
/// series, summed in logarithms, elsewhere (see `logS`), so neither thousands of consoles nor very
/// patient callers overflow, lose precision or take long.
public struct ErlangA: QueueFormula {
    public let consoles: Int
    public let load: Double
    /// Mean handling time in seconds.
    public let meanHandling: Double
    /// Mean patience in seconds.
    public let meanPatience: Double

    let x: Double, y: Double
    /// log π_n: the probability that all consoles are busy and nobody waits.
    let logAllBusy: Double
    let logS: Double
    public let pAbandon: Double

    /// The queue with `consoles` consoles (≥ 1), `callsPerSecond` arrivals, `meanHandling` seconds of
    /// handling and `meanPatience` seconds of patience on average (all > 0).
    public init(consoles: Int, callsPerSecond: Double, meanHandling: Double, meanPatience: Double) {
        precondition(consoles >= 1 && callsPerSecond > 0 && meanHandling > 0 && meanPatience > 0)
        GSL.setUp()
        self.consoles = consoles
        self.load = callsPerSecond * meanHandling
        self.meanHandling = meanHandling
        self.meanPatience = meanPatience
        x = Double(consoles) * meanPatience / meanHandling
        y = callsPerSecond * meanPatience
        logS = Self.logS(x, y)
        logAllBusy = -logAddExp(ErlangB.logInverseBlocking(consoles: consoles, load: load), log(y) + logS)
        // P(abandon) = π_n·(1 + (y − x)·S): summed as π_n·T while y < x + 1, where the difference
        // would cancel.
        pAbandon = exp(logAllBusy + (y < x + 1 ? Self.logSums(x, y).t : logAddExp(0, log(y - x) + logS)))
    }

    public var pWait: Double { exp(logAllBusy + logAddExp(0, log(y) + logS)) }

    public var meanWait: Double? { pAbandon * meanPatience }

    public var meanWaitAnswered: Double? {
        let answered = 1 - pAbandon
        guard answered > 0 else { return nil }
        return integralOfAnsweredTail() / answered
    }

    public func serviceLevel(within threshold: Double) -> Double {
        max(0, 1 - pAbandon - answeredAndWaitingLonger(than: threshold))
    }

    public func waitQuantile(_ p: Double) -> Double? {
        let answered = 1 - pAbandon
        guard answered > 0 else { return nil }
        let tail = (1 - p) * answered  // answered callers who may wait longer than the quantile
        if answeredAndWaitingLonger(than: 0) <= tail { return 0 }
        var low = 0.0, high = meanHandling
        while answeredAndWaitingLonger(than: high) > tail { low = high; high *= 2 }
        for _ in 0..<200 where high - low > 1e-10 * high {
            let middle = (low + high) / 2
            if answeredAndWaitingLonger(than: middle) > tail { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    public var occupancy: Double { load * (1 - pAbandon) / Double(consoles) }

    /// P(answered and wait > t).
    func answeredAndWaitingLonger(than t: Double) -> Double {
        let theta = 1 / meanPatience, nMu = Double(consoles) / meanHandling
        let q = exp(-theta * t)
        let logTerm = logAllBusy + log(x) - theta * t - nMu * t + y * -expm1(-theta * t) + Self.logS(x, y * q)
        return exp(logTerm)
    }

    /// ∫₀^∞ P(answered and wait > t) dt, by GSL's adaptive quadrature (QAG, 61 points) on [0, T],
    /// where T is the first doubling of the mean handling time beyond which the tail is negligible.
    func integralOfAnsweredTail() -> Double {
        let start = answeredAndWaitingLonger(than: 0)
        guard start > 0 else { return 0 }
        var end = meanHandling
        while answeredAndWaitingLonger(than: end) > 1e-16 * start { end *= 2 }
        var queue = self
        return withUnsafeMutablePointer(to: &queue) { pointer in
            var function = gsl_function(
                function: { t, parameters in
                    parameters!.assumingMemoryBound(to: ErlangA.self).pointee.answeredAndWaitingLonger(than: t)
                },
                params: UnsafeMutableRawPointer(pointer))
            let workspace = gsl_integration_workspace_alloc(1_000)
            defer { gsl_integration_workspace_free(workspace) }
            // The integral is at most start × end: an absolute tolerance on that scale lets tiny
            // tails (many consoles for the load, start ≈ 1e-200) converge where a relative one cannot.
            let scale = start * end
            var result = 0.0, error = 0.0
            let status = gsl_integration_qag(
                &function, 0, end, 1e-13 * scale, 1e-10, 1_000, Int32(GSL_INTEG_GAUSS61), workspace, &result, &error)
            precondition(status == GSL_SUCCESS || error <= 1e-6 * max(result, scale), "GSL quadrature failed (\(status))")
            return result
        }
    }

    /// log S(x, z): from GSL's regularised incomplete gamma function P(x+1, z) where the series
    /// would be long (z ≥ (x+1)/2) and P is a normal number, else by the series.
    ///
    /// S = e^z·z^{−x−1}·Γ(x+1)·P(x+1, z); with Γ written through GSL's `gammastar` (Γ over Stirling's
    /// formula) the large terms cancel exactly: log S = (x+1)(d − log1p(d)) − ½log(x+1) + ½log 2π
    /// + log Γ*(x+1) + log P(x+1, z), with d = z/(x+1) − 1.
    static func logS(_ x: Double, _ z: Double) -> Double {
        if z >= (x + 1) / 2 {
            let p = gsl_sf_gamma_inc_P(x + 1, z)
            let star = gsl_sf_gammastar(x + 1)
            if p.isNormal && star.isNormal {
                let d = (z - x - 1) / (x + 1)
                return (x + 1) * (d - log1p(d)) - log(x + 1) / 2 + log(2 * Double.pi) / 2 + log(star) + log(p)
            }
        }
        return logSums(x, z).s
    }

    /// log S(x, z) and log T(x, z), T = Σ (k+1)·(k-th term of S), by their series. The terms rise while
    /// z > x + k + 1, then fall; they are summed scaled by the largest so far.
    static func logSums(_ x: Double, _ z: Double) -> (s: Double, t: Double) {
        var logTerm = -log(x + 1), logScale = logTerm
        var s = 1.0, t = 1.0  // in units of e^logScale
        var k = 1.0
        while true {
            logTerm += log(z / (x + k + 1))
            if logTerm > logScale {
                let shrink = exp(logScale - logTerm)
                s *= shrink
                t *= shrink
                logScale = logTerm
            }
            let term = exp(logTerm - logScale)
            s += term
            t += (k + 1) * term
            if z < x + k + 1 && (k + 1) * term < 1e-17 * s { break }
            k += 1
        }
        return (logScale + log(s), logScale + log(t))
    }
}
