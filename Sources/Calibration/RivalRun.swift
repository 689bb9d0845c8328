import Fitting
import CallModel
import CallRecords
import ScenarioFile
import SimStatistics

/// The fitted scenario run as fitted and with the rival families for handling and patience
/// (gamma ↔ lognormal, Weibull ↔ exponential), on the same random numbers: how much each KPI
/// moves shows whether the choice of family matters to a planner.
public struct RivalRun: Sendable {
    /// The total's KPIs compared.
    public static let kpis: [KPI] = [.serviceLevel, .abandonmentRate, .asa, .waitP95, .utilisation]

    public let fitted: [Estimate], rival: [Estimate]
    /// What the rival scenario changed, in words.
    public let changes: [String]

    /// Refuses (a `CallLogError`) a fitted scenario whose 40 replications would pass `run`'s work limits.
    public init(_ fit: ScenarioFit, jobs: Int) async throws {
        var changes: [String] = []
        func note(_ what: String, _ ranked: [FittedDistribution]?) {
            guard let ranked, let best = ranked.first, ranked.contains(where: { $0.family == best.family.rival }) else { return }
            changes.append("\(what): \(best.family.rawValue) → \(best.family.rival.rawValue)")
        }
        let several = fit.calls.types.count > 1
        if several {
            for type in fit.calls.types { note("handling of \(type.name)", type.handling.flatMap(\.ranked)) }
        } else {
            note("handling", fit.calls.types.first?.handling.flatMap(\.ranked))
        }
        note("patience", fit.patience?.ranked)
        self.changes = changes
        func run(_ rival: Bool) async throws -> [Estimate] {
            var scenario = try ScenarioReader.parse(FittedScenarioText.yaml(fit, rival: rival), file: "fitted.yaml")
            scenario.replications = 40
            scenario.precision = 0
            guard !scenario.expectedWork.tooMuch else {
                throw CallLogError(description: "the fitted scenario takes \(Int(scenario.expectedWork.firstBatch)) calls over 40 replications of 28 days, more than callsim simulates in one run; its report cannot compare the rival families")
            }
            let result = await Simulator.run(scenario, jobs: jobs)
            return Self.kpis.map { result.total[$0.index] }
        }
        fitted = try await run(false)
        rival = changes.isEmpty ? fitted : try await run(true)
    }
}
