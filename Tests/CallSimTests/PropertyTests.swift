import CallModel
import PropertyBased
import ScenarioFile
import Synchronization
import Testing

/// Properties of the model over random valid scenarios: every feature switched on and off at
/// random, each scenario read through the scenario reader as a planner's file would be.
@Suite struct PropertyTests {
    static let routings = ["local", "{policy: overflow, overflow_after: 20s}", "pooled",
                           "{policy: local, periods: [{from: \"22:00\", to: \"06:00\", policy: pooled}]}"]

    /// A scenario of 1 to 4 centres from the generated numbers.
    static func yaml(routing: Int, centres: Int, rate: Double, consoles: Int, features: Int, redial: Double) -> String {
        let codes = ["A", "B", "C", "D"].prefix(centres)
        var text = """
            name: Property
            seed: \(features * 7 + consoles)
            horizon: 2d
            warmup: 6h
            replications: 2
            precision: 0
            handling: {distribution: lognormal, mean: 4m, sd: 3m}
            routing: \(routing == 0 ? "{policy: local}" : routing == 1 ? Self.routings[1] : routing == 2 ? "{policy: pooled}" : Self.routings[3])

            """
        if features & 1 != 0 { text += "patience: {distribution: exponential, mean: 90s}\n" }
        if features & 2 != 0 { text += "queue_capacity: \(features % 5)\n" }
        if features & 4 != 0 { text += "redial: {probability: \(redial), delay: {distribution: exponential, mean: 3m}}\n" }
        if features & 8 != 0 { text += "surges: [{from: 12h, to: 1d, factor: 2.5}]\n" }
        if features & 16 != 0 { text += "absences: [{centre: A, from: 8h, to: 20h, consoles: 1}]\n" }
        if features & 32 != 0 { text += "arrivals: {day_to_day_cv: 0.3}\n" }
        if features & 64 != 0 {
            text += "escalation: {probability: 0.1, handoff: 1m, decision: {distribution: uniform, min: 0s, max: 2m}}\n"
        }
        text += "centres:\n"
        for (index, code) in codes.enumerated() {
            let neighbours = codes.filter { $0 != code }.joined(separator: ", ")
            let staffing = features & 128 != 0 && index == 0
                ? "{by_hour: [\((0..<24).map { $0 < 7 ? "1" : String(consoles + 1) }.joined(separator: ", "))]}"
                : String(consoles + 1)
            text += "  - {code: \(code), calls_per_day: \(rate * Double(index + 1)), consoles: \(staffing), neighbours: [\(neighbours)]}\n"
        }
        return text
    }

    @Test("Conservation, no negative counts, determinism whatever the jobs, and a bounded run, over random scenarios")
    func modelProperties() async {
        let ran = Mutex(0)
        await propertyCheck(
            count: 200,
            input: Gen.int(in: 0...3), Gen.int(in: 1...4), Gen.double(in: 5...400), Gen.int(in: 0...3),
            Gen.int(in: 0...255), Gen.double(in: 0...0.9)
        ) { routing, centres, rate, consoles, features, redial in
            let text = Self.yaml(routing: routing, centres: centres, rate: rate, consoles: consoles, features: features, redial: redial)
            guard let scenario = try? ScenarioReader.parse(text, file: "property.yaml") else {
                return  // refused as unstable (too few consoles, nobody hangs up): nothing to run
            }
            ran.withLock { $0 += 1 }
            let one = await Simulator.run(scenario, jobs: 1)
            let two = await Simulator.run(scenario, jobs: 2)
            #expect(one.total.map(\.values) == two.total.map(\.values), "jobs 1 and 2 differ:\n\(text)")
            #expect(one.overload == nil)
            let scopes = [one.total] + one.centres.map(\.kpis)
            for kpis in scopes {
                for replication in 0..<2 {
                    func value(_ kpi: KPI) -> Double { kpis[kpi.index].values[replication] ?? 0 }
                    // Every counted attempt ends exactly once: answered, abandoned or blocked.
                    #expect(value(.offered) == value(.answered) + value(.abandoned) + value(.blocked), "\(text)")
                    for kpi in KPI.allCases {  // a percentile's values are its sections' figures (none without an estimate)
                        #expect(kpis[kpi.index].values.allSatisfy { ($0 ?? 0) >= 0 }, "\(kpi) negative:\n\(text)")
                    }
                    #expect(value(.redials) <= value(.offered) && value(.escalated) <= value(.answered))
                }
            }
            // The centres add up to the total (each caller counted at one centre).
            for kpi in [KPI.offered, .answered, .abandoned, .blocked] {
                let sum = one.centres.reduce(0.0) { $0 + ($1.kpis[kpi.index].mean ?? 0) }
                #expect(abs(sum - (one.total[kpi.index].mean ?? 0)) < 1e-9 * max(1, sum))
            }
            // A run ends within what the scenario implies: a bounded number of events per call
            // (arrival, answer, patience, eligibility, redial) plus shift changes and switches.
            let hours = (scenario.warmup + scenario.horizon) / 3_600 + 24 * 2
            let bound = 8 * Double(one.simulatedCalls) + 4 * hours * Double(scenario.centres.count) * 2 + 100
            #expect(Double(one.events) <= bound, "\(one.events) events for \(one.simulatedCalls) calls:\n\(text)")
            #expect(Double(one.simulatedCalls) <= 20 * scenario.expectedCallsPerReplication * 2 + 100)
        }
        // Most generated scenarios run: the properties were checked, not skipped.
        let count = ran.withLock { $0 }
        #expect(count >= 150, "only \(count) of 200 generated scenarios ran")
    }
}
