import Foundation

/// Runs a scenario's independent replications, in parallel if asked, and gathers their figures.
///
/// Each replication draws only from its own random streams, and the figures are gathered in
/// replication order, so the result is the same whatever `jobs` is.
public enum Simulator {
    /// Runs every replication of `scenario`.
    /// - Parameters:
    ///   - jobs: replications run at once (≥ 1).
    ///   - hourlyCentres: centres whose KPIs are also estimated by the hour of day calls arrived.
    ///   - progress: called after each replication ends with the replications done so far and the
    ///     calls they simulated.
    public static func run(
        _ scenario: Scenario, jobs: Int = 1, hourlyCentres: [Int] = [],
        progress: (@Sendable (_ replications: Int, _ calls: Int) -> Void)? = nil
    ) async -> RunResult {
        let started = Date()
        let count = scenario.replications
        var summaries = [ReplicationSummary?](repeating: nil, count: count)
        await withTaskGroup(of: (Int, ReplicationSummary).self) { group in
            var next = 0
            func start() {
                let replication = next
                group.addTask { (replication, replicate(scenario, replication: replication, hourlyCentres: hourlyCentres)) }
                next += 1
            }
            for _ in 0..<min(max(jobs, 1), count) { start() }
            var done = 0, calls = 0
            for await (replication, summary) in group {
                summaries[replication] = summary
                done += 1
                calls += summary.arrivals
                progress?(done, calls)
                if next < count { start() }
            }
        }
        return RunResult(
            scenario: scenario, replications: summaries.map { $0! }, wallSeconds: Date().timeIntervalSince(started))
    }

    /// Runs replication `replication` (from 0) of `scenario` on the calling thread.
    public static func replicate(_ scenario: Scenario, replication: Int, hourlyCentres: [Int] = []) -> ReplicationSummary {
        // Each policy's own type, so that its answers inline into the replication's loop.
        func play(_ routing: some RoutingPolicy) -> ReplicationSummary {
            var run = Replication(scenario, replication: replication, routing: routing, hourlyCentres: hourlyCentres)
            return run.run()
        }
        switch scenario.routing {
        case .local: return play(LocalRouting())
        case .overflow(let after): return play(OverflowRouting(after: after, centres: scenario.centres))
        case .pooled: return play(PooledRouting(centres: scenario.centres.count))
        case .byTimeOfDay(let main, let periods):
            return play(TimeOfDayRouting(main: main, periods: periods, centres: scenario.centres))
        }
    }
}
