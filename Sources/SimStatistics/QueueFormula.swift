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
