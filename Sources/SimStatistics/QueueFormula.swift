/// Exact steady-state figures of a single queue with Poisson arrivals and exponential handling,
/// the way `callsim erlang`, sizing and the validation tests use them.
///
/// Waits are in seconds. "Answered" callers are those a console took; the others abandoned.
public protocol QueueFormula: Sendable {
    /// Number of consoles (servers).
    var consoles: Int { get }
    /// Offered load in Erlangs: arrival rate × mean handling time.
    var load: Double { get }
    /// Probability that a caller has to wait (finds every console busy).
    var pWait: Double { get }
    /// Probability that a caller hangs up before being answered.
    var pAbandon: Double { get }
    /// Mean wait of answered callers (ASA); `nil` when there is no steady state.
    var meanWaitAnswered: Double? { get }
    /// Mean wait of all callers, an abandoning caller counting the time until he hung up.
    var meanWait: Double? { get }
    /// Probability of being answered within `threshold` seconds.
    func serviceLevel(within threshold: Double) -> Double
    /// The `p`-quantile of the wait of answered callers; `nil` when there is no steady state.
    func waitQuantile(_ p: Double) -> Double?
    /// Share of console time spent on calls.
    var occupancy: Double { get }
}

/// The fewest consoles meeting targets, for any formula.
public enum Staffing {
    /// The fewest consoles from 1 to `maximum` whose queue meets every given target, or `nil` when
    /// even `maximum` does not. Each figure improves with more consoles, so a binary search finds it.
    /// - Parameters:
    ///   - formula: the queue with a given number of consoles.
    ///   - serviceLevel: at least this probability of being answered within `within` seconds.
    ///   - abandonment: at most this probability of abandoning.
    public static func fewestConsoles(
        maximum: Int, serviceLevel: Double?, within: Double, abandonment: Double?,
        formula: (Int) -> any QueueFormula
    ) -> Int? {
        fewestConsoles(maximum: maximum, formula: formula) { queue in
            if let serviceLevel, queue.serviceLevel(within: within) < serviceLevel { return false }
            if let abandonment, queue.pAbandon > abandonment { return false }
            return true
        }
    }

    /// The fewest consoles from 1 to `maximum` whose queue has a steady state and `meets` a
    /// condition that more consoles never break, or `nil` when even `maximum` does not.
    public static func fewestConsoles(
        maximum: Int, formula: (Int) -> any QueueFormula, meets condition: (any QueueFormula) -> Bool
    ) -> Int? {
        func meets(_ consoles: Int) -> Bool {
            let queue = formula(consoles)
            return queue.meanWait != nil && condition(queue)
        }
        guard maximum >= 1, meets(maximum) else { return nil }
        var low = 0, high = maximum  // low fails (or is 0), high meets
        while high - low > 1 {
            let middle = (low + high) / 2
            if meets(middle) { high = middle } else { low = middle }
        }
        return high
    }
}
