import Foundation

/// Exact steady-state figures of the M/M/n queue (Erlang C): Poisson arrivals, exponential
/// handling, `consoles` servers, nobody abandons, unlimited waiting room.
///
/// Computed through the Erlang B recursion, which stays stable for thousands of consoles.
/// Defined only while the load is below the consoles (`load < consoles`).
public struct ErlangC: Sendable {
    /// Number of consoles (servers).
    public let consoles: Int
    /// Offered load in Erlangs: arrival rate × mean handling time.
    public let load: Double
    /// Mean handling time in seconds.
    public let meanHandling: Double

    /// The queue with `consoles` consoles, `callsPerSecond` arrivals and `meanHandling` seconds of
    /// handling per call; `nil` when the load reaches the consoles (no steady state).
    public init?(consoles: Int, callsPerSecond: Double, meanHandling: Double) {
        let load = callsPerSecond * meanHandling
        guard consoles >= 1, load > 0, load < Double(consoles) else { return nil }
        self.consoles = consoles
        self.load = load
        self.meanHandling = meanHandling
    }

    /// Erlang B: the probability that all `consoles` are busy in the loss system with this load.
    public static func blocking(consoles: Int, load: Double) -> Double {
        var b = 1.0
        for n in stride(from: 1, through: consoles, by: 1) { b = load * b / (Double(n) + load * b) }
        return b
    }

    /// Probability that a caller has to wait.
    public var pWait: Double {
        let n = Double(consoles)
        let b = Self.blocking(consoles: consoles, load: load)
        return n * b / (n - load * (1 - b))
    }

    /// Rate (per second) at which the wait's tail decays: (consoles − load) / mean handling.
    var decay: Double { (Double(consoles) - load) / meanHandling }

    /// Mean wait of all callers, in seconds (everyone is answered, so also the ASA).
    public var meanWait: Double { pWait / decay }

    /// Probability of being answered within `threshold` seconds.
    public func serviceLevel(within threshold: Double) -> Double { 1 - pWait * exp(-decay * threshold) }

    /// The `p`-quantile of the wait, in seconds: 0 while `p` ≤ 1 − P(wait).
    public func waitQuantile(_ p: Double) -> Double {
        let c = pWait
        return p <= 1 - c ? 0 : log(c / (1 - p)) / decay
    }

    /// Share of console time spent on calls: load / consoles.
    public var occupancy: Double { load / Double(consoles) }
}
