import CallModel
import SimStatistics
import Testing

/// Busy tones and redials against exact results: Erlang B (M/M/c/c), the M/M/c/K queue, and a
/// retrial queue whose continuous-time Markov chain is solved in the test.
@Suite struct LossAndRetrialTests {
    /// A share per replication: `part` over `whole` (offered attempts).
    func share(_ result: RunResult, _ part: KPI, of whole: KPI = .offered) -> Estimate {
        Estimate(values: zip(result[part].values, result[whole].values).map { a, b in
            guard let a, let b, b > 0 else { return nil }
            return a / b
        })
    }

    func scenario(consoles: Int, capacity: Int?, patience: String?, redial: String?, seed: Int) throws -> Scenario {
        try CallSimTests.scenario("""
            name: Loss
            seed: \(seed)
            horizon: 60d
            warmup: 2d
            replications: 20
            handling: {distribution: exponential, mean: 4m}
            \(patience.map { "patience: {distribution: exponential, mean: \($0)}" } ?? "")
            \(capacity.map { "queue_capacity: \($0)" } ?? "")
            \(redial.map { "redial: \($0)" } ?? "")
            centres:
              - {code: Q, calls_per_hour: 22.5, consoles: \(consoles)}
            """)
    }

    @Test("A queue capacity of 0: blocking is Erlang B")
    func erlangB() async throws {
        // 22.5 calls an hour of 4 minutes: 1.5 Erlangs on 3 consoles.
        let exact = ErlangB.blocking(consoles: 3, load: 1.5)
        #expect(abs(exact - 0.1343) < 1e-4)
        let result = await simulate(try scenario(consoles: 3, capacity: 0, patience: nil, redial: nil, seed: 21))
        expectAgrees(share(result, .blocked), exact, "P(blocked)")
        expectAgrees(result[.utilisation], 1.5 * (1 - exact) / 3, "utilisation")
    }

    @Test("M/M/c/K: 2 consoles and 3 places to wait; blocking and mean wait from the birth–death chain")
    func mmck() async throws {
        let (c, k, load) = (2, 3, 1.5)
        // π(n) ∝ load^n / n! up to c, then × (load / c) per waiting place.
        var weights: [Double] = [1]
        for n in 1...(c + k) { weights.append(weights[n - 1] * load / Double(min(n, c))) }
        let total = weights.reduce(0, +)
        let pi = weights.map { $0 / total }
        let blocked = pi[c + k]
        // Mean wait of admitted callers by Little: E[queue] / (λ (1 − P(blocked))).
        let queue = (c...(c + k)).reduce(0.0) { $0 + Double($1 - c) * pi[$1] }
        let meanWait = queue / (22.5 / 3_600 * (1 - blocked))
        let result = await simulate(try scenario(consoles: c, capacity: k, patience: nil, redial: nil, seed: 22))
        expectAgrees(share(result, .blocked), blocked, "P(blocked)")
        expectAgrees(result[.meanWait], meanWait, "mean wait of admitted callers")
    }

    /// The retrial queue: first attempts Poisson λ; an attempt finding the `c` consoles busy waits
    /// if one of the `k` places is free (patience Exp(θ) when given), else is blocked; a blocked or
    /// abandoning attempt calls again with probability `p` after Exp(δ). States (callers in the
    /// centre n, callers waiting to call again m), the orbit truncated at `orbit`.
    struct RetrialChain {
        let c: Int, k: Int, lambda: Double, mu: Double, theta: Double, p: Double, delta: Double, orbit: Int

        /// Stationary probabilities by Gauss–Seidel on the balance equations, `[n][m]`.
        func stationary() -> [[Double]] {
            let top = c + k
            func rates(_ n: Int, _ m: Int) -> [(Int, Int, Double)] {
                var out: [(Int, Int, Double)] = []
                if n < top {
                    out.append((n + 1, m, lambda))
                    if m > 0 { out.append((n + 1, m - 1, Double(m) * delta)) }
                } else {
                    if m < orbit { out.append((n, m + 1, lambda * p)) }
                    if m > 0 { out.append((n, m - 1, Double(m) * delta * (1 - p))) }
                }
                if n > 0 { out.append((n - 1, m, Double(min(n, c)) * mu)) }
                let waiting = Double(max(0, n - c)) * theta
                if waiting > 0 {
                    if m < orbit { out.append((n - 1, m + 1, waiting * p)) }
                    out.append((n - 1, m, waiting * (1 - p)))
                }
                return out
            }
            var incoming = Array(repeating: Array(repeating: [(Int, Int, Double)](), count: orbit + 1), count: top + 1)
            var leaving = Array(repeating: Array(repeating: 0.0, count: orbit + 1), count: top + 1)
            for n in 0...top {
                for m in 0...orbit {
                    for (n2, m2, rate) in rates(n, m) where (n2, m2) != (n, m) {
                        incoming[n2][m2].append((n, m, rate))
                        leaving[n][m] += rate
                    }
                }
            }
            var pi = Array(repeating: Array(repeating: 1.0 / Double((top + 1) * (orbit + 1)), count: orbit + 1), count: top + 1)
            for _ in 0..<20_000 {
                var change = 0.0
                for n in 0...top {
                    for m in 0...orbit where leaving[n][m] > 0 {
                        let value = incoming[n][m].reduce(0) { $0 + pi[$1.0][$1.1] * $1.2 } / leaving[n][m]
                        change = max(change, abs(value - pi[n][m]))
                        pi[n][m] = value
                    }
                }
                let sum = pi.joined().reduce(0, +)
                pi = pi.map { $0.map { $0 / sum } }
                if change < 1e-14 { break }
            }
            return pi
        }

        /// Per attempt: the shares blocked, abandoned and redialled.
        func shares() -> (blocked: Double, abandoned: Double, redials: Double) {
            let pi = stationary()
            var attempts = 0.0, blocked = 0.0, abandoned = 0.0, retries = 0.0
            for n in 0...(c + k) {
                for m in 0...orbit {
                    let arriving = (lambda + Double(m) * delta) * pi[n][m]
                    attempts += arriving
                    retries += Double(m) * delta * pi[n][m]
                    if n == c + k { blocked += arriving }
                    abandoned += Double(max(0, n - c)) * theta * pi[n][m]
                }
            }
            return (blocked / attempts, abandoned / attempts, retries / attempts)
        }
    }

    @Test("Redials with a queue limit: blocked and redialled shares of the retrial chain")
    func retrialWithQueueLimit() async throws {
        let chain = RetrialChain(c: 2, k: 1, lambda: 22.5 / 3_600, mu: 1 / 240, theta: 0, p: 0.6, delta: 1 / 300, orbit: 80)
        let exact = chain.shares()
        let result = await simulate(try scenario(
            consoles: 2, capacity: 1, patience: nil,
            redial: "{probability: 0.6, delay: {distribution: exponential, mean: 5m}}", seed: 23))
        expectAgrees(share(result, .blocked), exact.blocked, "P(blocked) per attempt")
        expectAgrees(share(result, .redials), exact.redials, "redials per attempt")
        #expect(result[.abandoned].mean == 0)
    }

    @Test("Redials without a queue limit, callers hanging up: abandoned and redialled shares of the retrial chain")
    func retrialWithPatience() async throws {
        let chain = RetrialChain(c: 2, k: 40, lambda: 22.5 / 3_600, mu: 1 / 240, theta: 1 / 120, p: 0.5, delta: 1 / 300, orbit: 80)
        let exact = chain.shares()
        #expect(exact.blocked < 1e-12, "the 40 places to wait stand for no limit")
        let result = await simulate(try scenario(
            consoles: 2, capacity: nil, patience: "2m",
            redial: "{probability: 0.5, delay: {distribution: exponential, mean: 5m}}", seed: 24))
        expectAgrees(share(result, .abandoned), exact.abandoned, "P(abandon) per attempt")
        expectAgrees(share(result, .redials), exact.redials, "redials per attempt")
    }
}
