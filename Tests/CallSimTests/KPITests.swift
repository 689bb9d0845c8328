import CallModel
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
