import Foundation
import SimStatistics
import Sizing
import Testing

/// The exact formulas against published reference values and exact identities.
@Suite struct ErlangFormulaTests {
    /// 100 calls per 30 minutes, 3-minute handling: 10 Erlangs.
    static let rate = 200.0 / 3_600

    @Test("Erlang C reference: 10 Erlangs on 14 and 12 consoles")
    func erlangCReference() {
        let fourteen = ErlangC(consoles: 14, callsPerSecond: Self.rate, meanHandling: 180)
        #expect(abs(fourteen.pWait - 0.1741319) < 5e-7)
        #expect(abs(fourteen.serviceLevel(within: 20) - 0.88835) < 5e-5)
        #expect(abs((fourteen.meanWaitAnswered ?? 0) - 7.836) < 5e-3)
        #expect(abs(fourteen.occupancy - 10.0 / 14) < 1e-12)
        let twelve = ErlangC(consoles: 12, callsPerSecond: Self.rate, meanHandling: 180)
        #expect(abs(twelve.pWait - 0.4493882) < 5e-7)
        #expect(abs((ErlangC(consoles: 13, callsPerSecond: Self.rate, meanHandling: 180).meanWaitAnswered ?? 0) - 17.116) < 5e-3)
    }

    @Test("Erlang C at or above its load: every caller waits, no steady-state wait")
    func erlangCUnstable() {
        let queue = ErlangC(consoles: 10, callsPerSecond: Self.rate, meanHandling: 180)
        #expect(queue.pWait == 1 && queue.meanWait == nil && queue.waitQuantile(0.9) == nil)
    }

    @Test("Erlang A reference: 10 Erlangs, 5-minute patience, 13 and 14 consoles")
    func erlangAReference() {
        let thirteen = ErlangA(consoles: 13, callsPerSecond: Self.rate, meanHandling: 180, meanPatience: 300)
        #expect(abs(thirteen.pWait - 0.2258) < 5e-5)
        #expect(abs(thirteen.pAbandon - 0.0250) < 5e-5)
        #expect(abs((thirteen.meanWait ?? 0) - 7.49) < 5e-3)
        let fourteen = ErlangA(consoles: 14, callsPerSecond: Self.rate, meanHandling: 180, meanPatience: 300)
        #expect(abs(fourteen.pWait - 0.1453) < 5e-5)
        #expect(abs(fourteen.pAbandon - 0.0140) < 5e-5)
        #expect(abs((fourteen.meanWait ?? 0) - 0.0699 * 60) < 5e-3)
    }

    /// The M/M/c+M queue as a birth–death chain on the number of callers present, truncated far
    /// in the tail and solved here from its balance equations (in logarithms): P(wait) by PASTA,
    /// the mean wait of all callers by Little's law, P(abandon) = θ·E[waiting]/λ, occupancy =
    /// E[busy consoles]/c. Independent of ErlangA's closed form.
    static func birthDeath(consoles: Int, arrivalRate: Double, serviceRate: Double, abandonRate: Double)
        -> (pWait: Double, meanWait: Double, pAbandon: Double, occupancy: Double)
    {
        let size = consoles + 5_000
        var logWeights = [0.0]
        for n in 1...size {
            let departures = Double(min(n, consoles)) * serviceRate + Double(max(n - consoles, 0)) * abandonRate
            logWeights.append(logWeights[n - 1] + log(arrivalRate) - log(departures))
        }
        let top = logWeights.max()!
        let weights = logWeights.map { exp($0 - top) }
        let total = weights.reduce(0, +)
        var pWait = 0.0, waiting = 0.0, busy = 0.0
        for (n, weight) in weights.enumerated() {
            let p = weight / total
            if n >= consoles { pWait += p }
            waiting += p * Double(max(n - consoles, 0))
            busy += p * Double(min(n, consoles))
        }
        return (pWait, waiting / arrivalRate, abandonRate * waiting / arrivalRate, busy / Double(consoles))
    }

    @Test("Erlang A equals the birth–death chain solved independently; SL(0) = 1 − P(wait); answered and abandoned add up",
          arguments: [(1, 0.5, 60.0), (5, 4.9, 600), (13, 10, 300), (100, 120, 30), (2, 0.2, 1e7)])
    func identities(consoles: Int, load: Double, patience: Double) throws {
        let queue = ErlangA(consoles: consoles, callsPerSecond: load / 180, meanHandling: 180, meanPatience: patience)
        let meanWait = try #require(queue.meanWait)
        let chain = Self.birthDeath(
            consoles: consoles, arrivalRate: load / 180, serviceRate: 1.0 / 180, abandonRate: 1 / patience)
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(b), 1e-12) }
        #expect(close(queue.pWait, chain.pWait), "P(wait) \(queue.pWait) vs chain \(chain.pWait)")
        #expect(close(meanWait, chain.meanWait), "mean wait \(meanWait) vs chain \(chain.meanWait)")
        #expect(close(queue.pAbandon, chain.pAbandon), "P(abandon) \(queue.pAbandon) vs chain \(chain.pAbandon)")
        #expect(close(queue.occupancy, chain.occupancy), "occupancy \(queue.occupancy) vs chain \(chain.occupancy)")
        #expect(abs(queue.serviceLevel(within: 0) - (1 - queue.pWait)) < 1e-9)
        // The answered callers' mean wait and the abandoners' make up the mean of all callers.
        let asa = try #require(queue.meanWaitAnswered)
        #expect(asa >= 0 && asa * (1 - queue.pAbandon) <= meanWait * (1 + 1e-9) + 1e-12)
        // The service level rises with the threshold, and the percentiles are consistent with it.
        let p90 = try #require(queue.waitQuantile(0.9))
        let answered = 1 - queue.pAbandon
        if p90 > 0 { #expect(abs(queue.serviceLevel(within: p90) - 0.9 * answered) < 1e-6) }
        #expect(queue.serviceLevel(within: 60) >= queue.serviceLevel(within: 20))
    }

    @Test("Erlang A tends to Erlang C as patience grows", arguments: [1, 5, 20, 100, 2_000])
    func patientLimit(consoles: Int) throws {
        let load = 0.9 * Double(consoles)
        let c = ErlangC(consoles: consoles, callsPerSecond: load / 180, meanHandling: 180)
        let a = ErlangA(consoles: consoles, callsPerSecond: load / 180, meanHandling: 180, meanPatience: 1e12)
        #expect(abs(a.pWait - c.pWait) < 1e-6)
        #expect(abs((a.meanWaitAnswered ?? 0) - (c.meanWaitAnswered ?? 0)) < 1e-5 * max(1, c.meanWaitAnswered ?? 0))
        #expect(abs(a.serviceLevel(within: 20) - c.serviceLevel(within: 20)) < 1e-6)
        #expect(abs((a.waitQuantile(0.95) ?? 0) - (c.waitQuantile(0.95) ?? 0)) < 1e-4 * max(1, c.waitQuantile(0.95) ?? 0))
        #expect(a.pAbandon < 1e-6)
    }

    @Test("Thousands of consoles and Erlangs stay finite and consistent")
    func large() throws {
        let c = ErlangC(consoles: 10_100, callsPerSecond: 10_000 / 180.0, meanHandling: 180)
        #expect(c.pWait > 0 && c.pWait < 1)
        let a = ErlangA(consoles: 9_900, callsPerSecond: 10_000 / 180.0, meanHandling: 180, meanPatience: 120)
        // Values from the truncated birth–death chain, summed independently (in Python, in logarithms).
        #expect(abs(a.pWait - 0.7770629651911071) < 1e-9)
        #expect(abs(a.pAbandon - 0.011173983690342539) < 1e-11)
        let lightly = ErlangC(consoles: 10_000, callsPerSecond: 10 / 180.0, meanHandling: 180)
        #expect(lightly.pWait == 0 && lightly.serviceLevel(within: 20) == 1)
        // Patient callers on an overloaded centre: the queue is long but the figures are finite.
        let patient = ErlangA(consoles: 12, callsPerSecond: 15 / 180.0, meanHandling: 180, meanPatience: 3e7)
        #expect(abs(patient.pAbandon - 0.2) < 1e-6)
        #expect(try #require(patient.meanWaitAnswered).isFinite)
    }

    @Test("The fewest consoles meeting a target")
    func staffing() {
        let c = FewestConsoles.search(maximum: 1_000, serviceLevel: 0.8, within: 20, abandonment: nil) {
            ErlangC(consoles: $0, callsPerSecond: Self.rate, meanHandling: 180)
        }
        #expect(c == 14)
        let a = FewestConsoles.search(maximum: 1_000, serviceLevel: 0.8, within: 20, abandonment: 0.05) {
            ErlangA(consoles: $0, callsPerSecond: Self.rate, meanHandling: 180, meanPatience: 300)
        }
        #expect(a == 13)
        #expect(FewestConsoles.search(maximum: 12, serviceLevel: 0.8, within: 20, abandonment: nil) {
            ErlangC(consoles: $0, callsPerSecond: Self.rate, meanHandling: 180)
        } == nil)
    }

    @Test("Far more consoles than load: Erlang A's waits are tiny, finite and fall with every console")
    func manyConsoles() throws {
        // 8 Erlangs on up to 1,000 consoles: the tail starts near 1e-200, where a relative quadrature
        // tolerance alone cannot converge (sizing evaluates its maximum first).
        var previous = Double.infinity
        for consoles in [10, 20, 50, 100, 200, 400, 1_000] {
            let queue = ErlangA(consoles: consoles, callsPerSecond: 1 / 60.0, meanHandling: 480, meanPatience: 360)
            let asa = try #require(queue.meanWaitAnswered)
            #expect(asa >= 0 && asa.isFinite && asa <= previous, "\(consoles) consoles: ASA \(asa)")
            #expect(try #require(queue.waitQuantile(0.95)) == 0 || consoles == 10)
            previous = asa
        }
        #expect(previous < 1e-100)
    }
}
