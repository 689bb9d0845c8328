@testable import CallModel
import SimStatistics
import Testing

/// `KPI.index` is a switch written by hand: it must be each KPI's position in `allCases`, which
/// the result document's order and every array indexed by KPI rely on.
@Suite struct KPITests {
    @Test("every KPI's index is its position in allCases")
    func indexIsPosition() {
        for (position, kpi) in KPI.allCases.enumerated() { #expect(kpi.index == position, "\(kpi)") }
        #expect(Set(KPI.allCases).count == KPI.allCases.count)
    }
}

/// `CallTally.add` builds the sum through the memberwise initialiser, so the compiler catches a
/// property it forgets, unless that property was given a default value; this catches that too.
@Suite struct CallTallyTests {
    @Test("CallTally.add merges every stored property: each doubles when a tally is added to itself")
    func addMergesEveryProperty() {
        var waits = WaitHistogram(), delays = WaitHistogram()
        for wait in [0, 3, 40, 400] as [Double] { waits.record(wait) }
        delays.record(90)
        // Every property nonzero (the initialiser must name each one that has no default value).
        let tally = CallTally(
            offered: 17, answered: 11, abandoned: 4, blocked: 2, answeredWithinThreshold: 9, escalated: 3,
            urgentLostCount: 1, overflowed: 5, redials: 6, unservedCallers: 7, lostCallers: 8, urgentLost: 0.25,
            answeredWaitSum: 123.5, waitSum: 456.25, busyTime: 7_890.5, waits: waits, escalationDelays: delays)
        var sum = tally
        sum.add(tally)
        let before = Mirror(reflecting: tally).children.map { ($0.label ?? "?", $0.value) }
        let after = Mirror(reflecting: sum).children.map { ($0.label ?? "?", $0.value) }
        #expect(before.count == after.count && before.count >= 17, "\(before.count) stored properties")
        for ((label, one), (_, two)) in zip(before, after) {
            switch (one, two) {
            case let (one as Int, two as Int):
                #expect(one != 0 && two == 2 * one, "\(label): \(one) + \(one) gave \(two)")
            case let (one as Double, two as Double):
                #expect(one != 0 && two == 2 * one, "\(label): \(one) + \(one) gave \(two)")
            case let (one as WaitHistogram, two as WaitHistogram):
                #expect(one.count != 0 && two.count == 2 * one.count, "\(label): \(one.count) + \(one.count) gave \(two.count)")
                #expect(two.quantile(0.5) == one.quantile(0.5), "\(label): the merged histogram's median moved")
            default:
                Issue.record("\(label): a stored property of a type this test does not know how to check (\(type(of: one)))")
            }
        }
    }
}
