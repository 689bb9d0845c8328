import Foundation
import SimStatistics

/// Runs a scenario's independent replications, in parallel if asked, and gathers their figures.
///
/// Each replication draws only from its own random streams, and the figures are gathered in
/// replication order, so the result is the same whatever `jobs` is.
public enum Simulator {
    /// Runs `scenario`'s replications by the precision rule (docs/model.md, "Targets and how they
    /// are decided"): a first batch of `replications`, then, while a target is undecided and the
    /// cap `maxReplications` is not reached, as many again (n, 2n, 4n, … capped), as long as the
    /// doubled run stays within `Scenario.maxCallsPerRun` calls (and `hourFigureLimit`). Targets are decided at the `Confidence`
    /// of the looks this rule may take. Replication i
    /// always uses the same streams, so the result equals a plain run with the final number,
    /// whatever `jobs` is.
    /// - Parameters:
    ///   - jobs: replications run at once (≥ 1).
    ///   - hourlyCentres: centres whose KPIs are also estimated by the hour of day calls arrived;
    ///     by default every centre when the scenario judges hours (`Scenario.judgesHours`), else none.
    ///   - hourFigureLimit: the most figures by hour (replications × centres × 24) the run may
    ///     extend to (sizing by hour bounds its work so).
    ///   - undecided: whether the result still holds an undecided decision; by default, whether
    ///     any target is undecided. Sizing passes the decisions it makes.
    ///   - progress: called after each replication ends with the replications done so far and the
    ///     calls they simulated.
    public static func run(
        _ scenario: Scenario, jobs: Int = 1, hourlyCentres: [Int]? = nil, hourFigureLimit: Int? = nil,
        undecided: ((RunResult) -> Bool)? = nil,
        progress: (@Sendable (_ replications: Int, _ calls: Int) -> Void)? = nil
    ) async -> RunResult {
        let started = Date()
        let hourlyCentres = hourlyCentres ?? (scenario.judgesHours ? Array(scenario.centres.indices) : [])
        // Figures are gathered as replications end and not kept with them (observations and figures
        // by hour never; each replication's ratios only while few): memory stays flat.
        let counts = Confidence.counts(firstBatch: scenario.replications, cap: scenario.maxReplications, sequential: scenario.precision > 0)
        var figures = RunFigures(scenario, counts: counts)
        var hours = HourFigures(centres: hourlyCentres)
        var wanted = scenario.replications
        let confidence = Confidence(looks: counts.count)
        while true {
            await batch(
                scenario, replications: figures.replications..<wanted, jobs: jobs, hourlyCentres: hourlyCentres,
                calls: figures.arrivals, progress: progress
            ) { summary in
                hours.add(summary)
                figures.add(summary)
            }
            var ran = scenario
            ran.replications = wanted
            func result(hours: HourFigures) -> RunResult {
                RunResult(
                    scenario: ran, figures: figures, wallSeconds: Date().timeIntervalSince(started), confidence: confidence,
                    hours: hours)
            }
            // Without hourly targets (or a caller's own decisions) the hours decide nothing until the
            // end, where the peak warning reads them: a look reads only the whole-day figures.
            let hoursDecide = undecided != nil || !scenario.hourlyTargets.isEmpty
            let look = result(hours: hoursDecide ? hours : HourFigures(centres: []))
            if look.overload != nil { return look }
            let open = undecided?(look) ?? look.targets.contains { $0.state == .undecided }
            // Doubling doubles the calls: never past the work a run may take (Scenario.maxCallsPerRun),
            // nor, when the caller bounds it (sizing by hour), past `hourFigureLimit` figures by hour.
            let affordable = Double(2 * look.simulatedCalls) <= Scenario.maxCallsPerRun
                && 2 * wanted * hourlyCentres.count * 24 <= (hourFigureLimit ?? .max)
            guard open, scenario.precision > 0, wanted < scenario.maxReplications, affordable else {
                return hoursDecide || hourlyCentres.isEmpty ? look : result(hours: hours)
            }
            wanted = min(2 * wanted, scenario.maxReplications)
        }
    }

    /// Runs `replications` of `scenario`, `jobs` at a time, and returns their figures in order.
    /// - Parameter done: calls simulated before this batch, for `progress`.
    public static func batch(
        _ scenario: Scenario, replications: Range<Int>, jobs: Int, hourlyCentres: [Int] = [], calls done: Int = 0,
        progress: (@Sendable (_ replications: Int, _ calls: Int) -> Void)? = nil
    ) async -> [ReplicationSummary] {
        var summaries: [ReplicationSummary] = []
        await batch(scenario, replications: replications, jobs: jobs, hourlyCentres: hourlyCentres, calls: done, progress: progress) {
            summaries.append($0)
        }
        return summaries
    }

    /// Runs `replications` of `scenario`, `jobs` at a time, and hands `each` their figures in
    /// order as they end: only those that end ahead of an earlier one wait, so a caller that folds
    /// them keeps memory flat however many there are.
    /// - Parameter done: calls simulated before this batch, for `progress`.
    public static func batch(
        _ scenario: Scenario, replications: Range<Int>, jobs: Int, hourlyCentres: [Int] = [], calls done: Int = 0,
        progress: (@Sendable (_ replications: Int, _ calls: Int) -> Void)? = nil,
        inOrder each: (ReplicationSummary) -> Void
    ) async {
        await withTaskGroup(of: (Int, ReplicationSummary).self) { group in
            var next = replications.lowerBound
            func start() {
                let replication = next
                group.addTask { (replication, replicate(scenario, replication: replication, hourlyCentres: hourlyCentres)) }
                next += 1
            }
            for _ in 0..<min(max(jobs, 1), replications.count) { start() }
            var finished = replications.lowerBound, calls = done
            var early: [Int: ReplicationSummary] = [:], handed = replications.lowerBound
            for await (replication, summary) in group {
                early[replication] = summary
                while let ready = early.removeValue(forKey: handed) {
                    each(ready)
                    handed += 1
                }
                finished += 1
                calls += summary.arrivals
                progress?(finished, calls)
                if next < replications.upperBound { start() }
            }
        }
    }

    /// Runs replication `replication` (from 0) of `scenario` on the calling thread.
    public static func replicate(_ scenario: Scenario, replication: Int, hourlyCentres: [Int] = []) -> ReplicationSummary {
        replicate(scenario, replication: replication, observer: NoAttemptLog(), hourlyCentres: hourlyCentres)
    }

    /// Plays replication `replication` (from 0) of `scenario` again on the calling thread, handing
    /// `write` a record of each attempt that arrived in the window as it ends (not in arrival
    /// order: an attempt ends when it is answered, hung up or blocked). The replication is the one
    /// `run` simulates: the same callers and fortunes. Memory stays flat.
    @discardableResult
    public static func logAttempts(
        _ scenario: Scenario, replication: Int = 0, write: @escaping (AttemptRecord) -> Void
    ) -> ReplicationSummary {
        replicate(scenario, replication: replication, observer: AttemptLog(write: write))
    }

    static func replicate(
        _ scenario: Scenario, replication: Int, observer: some AttemptObserver, hourlyCentres: [Int] = []
    ) -> ReplicationSummary {
        // Each policy's own type, so that its answers inline into the replication's loop.
        func play(_ routing: some RoutingPolicy) -> ReplicationSummary {
            var run = Replication(scenario, replication: replication, routing: routing, observer: observer, hourlyCentres: hourlyCentres)
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
