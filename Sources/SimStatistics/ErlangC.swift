import Foundation

/// Exact steady-state figures of the M/M/n queue (Erlang C): Poisson arrivals, exponential
/// handling, `consoles` servers, nobody abandons, unlimited waiting room.
///
/// Computed through the Erlang B recursion, which stays stable for thousands of consoles. When the
/// load reaches the consoles there is no steady state: the queue grows without end, every caller
/// waits (`pWait` 1), the waits are `nil` and the service level is 0.
public struct ErlangC: QueueFormula {
    public let consoles: Int
    public let load: Double
    /// Mean handling time in seconds.
    public let meanHandling: Double

    /// The queue with `consoles` consoles (≥ 1), `callsPerSecond` arrivals (> 0) and `meanHandling`
    /// seconds of handling per call (> 0).
    public init(consoles: Int, callsPerSecond: Double, meanHandling: Double) {
        precondition(consoles >= 1 && callsPerSecond > 0 && meanHandling > 0)
        self.consoles = consoles
        self.load = callsPerSecond * meanHandling
        self.meanHandling = meanHandling
    }

    /// `true` when the load is below the consoles, so that the queue has a steady state.
    public var isStable: Bool { load < Double(consoles) }

    public var pWait: Double {
        guard isStable else { return 1 }
        let n = Double(consoles)
        let b = ErlangB.blocking(consoles: consoles, load: load)
        return n * b / (n - load * (1 - b))
    }

    public var pAbandon: Double { 0 }

    /// Rate (per second) at which the wait's tail decays: (consoles − load) / mean handling.
    var decay: Double { (Double(consoles) - load) / meanHandling }

    public var meanWaitAnswered: Double? { isStable ? pWait / decay : nil }

    public var meanWait: Double? { meanWaitAnswered }

    public func serviceLevel(within threshold: Double) -> Double {
        isStable ? 1 - pWait * exp(-decay * threshold) : 0
    }

    public func waitQuantile(_ p: Double) -> Double? {
        guard isStable else { return nil }
        let c = pWait
        return p <= 1 - c ? 0 : log(c / (1 - p)) / decay
    }

    public var occupancy: Double { min(1, load / Double(consoles)) }
}

/// Erlang B: the loss system M/M/n/n, where a caller who finds every console busy is turned away.
public enum ErlangB {
    /// The probability that all `consoles` are busy (a caller is blocked) with `load` Erlangs offered.
    public static func blocking(consoles: Int, load: Double) -> Double {
        var b = 1.0
        for n in stride(from: 1, through: consoles, by: 1) { b = load * b / (Double(n) + load * b) }
        return b
    }

    /// log(1 / blocking), computed in logarithms so that it neither overflows nor underflows for
    /// thousands of consoles and light loads.
    public static func logInverseBlocking(consoles: Int, load: Double) -> Double {
        var logInverse = 0.0  // one console-less system blocks everyone: 1/B = 1
        let logLoad = log(load)
        for n in stride(from: 1, through: consoles, by: 1) {
            logInverse = logAddExp(0, log(Double(n)) - logLoad + logInverse)
        }
        return logInverse
    }
}

/// log(eᵃ + eᵇ) without overflow.
func logAddExp(_ a: Double, _ b: Double) -> Double {
    if a == -.infinity { return b }
    if b == -.infinity { return a }
    let high = max(a, b)
    return high + log1p(exp(min(a, b) - high))
}
