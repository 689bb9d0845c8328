import CallModel
import SimStatistics

/// Where a run misses its targets, in the terms sizing acts on: the plan's slots that miss their
/// own targets, centres that miss a whole-day target that no single hour answers for, and the total.
struct Verdict {
    var failingSlots: [ConsolePlan.Slot] = []
    /// Centres missing a whole-day target while each hour meets its own, with the first target missed.
    var failingCentres: [(centre: Int, miss: Target.Measure)] = []
    /// The first target the total misses, if any.
    var totalMiss: Target?
    /// When that is an hourly target: the hour it is missed in.
    var totalMissHour: Int?

    /// Some judged target is undecided: more replications would settle it.
    var undecided = false

    var totalFails: Bool { totalMiss != nil }
    var allMet: Bool { failingSlots.isEmpty && failingCentres.isEmpty && !totalFails }

    /// Judges `result` at `centres` (and at the total when `judgeTotal`). Sizing all day, a centre's
    /// targets are judged on all its calls; sizing by hour, each hour's on the calls arriving in it
    /// (but `urgent_lost_per_year`, a count over the year), and the whole day's too, so that the
    /// sized scenario passes `check`. A target fails in the states `check` fails
    /// (borderline-missed, undecided, missed); one that cannot be estimated does not hold a
    /// candidate back (docs/model.md, "Targets and how they are decided").
    init(_ result: RunResult, centres: [Int], judgeTotal: Bool, byHour: Bool) {
        let scenario = result.scenario
        var undecided = false
        /// `undecidedFails`: an undecided target whose estimate is on the right side fails too.
        func misses(_ targets: [Target], _ kpis: [Estimate], at scope: Scope, undecidedFails: Bool = true) -> Bool {
            var missed = false
            for target in targets {
                let result = target.result(scope: scope, kpis: kpis, horizon: scenario.horizon, precision: scenario.precision)
                if result.state == .undecided {
                    undecided = true
                    if undecidedFails || !result.onTheRightSide { missed = true }
                } else if result.state.fails {
                    missed = true
                }
            }
            return missed
        }
        /// An hourly target failing at `scope` (sizing all day): undecided ones fail too.
        func hourlyMiss(_ scope: Scope) -> TargetResult? {
            let rows = result.targets.filter { $0.hour != nil && $0.scope == scope }
            if rows.contains(where: { $0.state == .undecided }) { undecided = true }
            return rows.first { $0.state.fails }
        }
        for centre in centres {
            let whole = result.centres[centre].kpis
            let scope = Scope.centre(scenario.centres[centre].code)
            let centreTargets = scenario.targets(of: centre)
            if byHour {
                // An hour's calls are few: its undecided targets hold the run open while its work
                // by hour stays bounded (Scenario.maxHourFiguresPerRun); one still undecided then,
                // its estimate on the right side, does not fail (more consoles would not decide
                // it), one on the wrong side does. The same for the whole day's targets, judged on
                // a run that cannot extend past that bound either. Hourly targets are judged with
                // the hour's own.
                let hourly = centreTargets.filter { $0.measure != .urgentLostPerYear } + scenario.hourlyTargets(of: centre)
                let hours = (0..<24).filter { misses(hourly, result.centreHours[centre]![$0], at: scope, undecidedFails: false) }
                failingSlots += hours.map { ConsolePlan.Slot(centre: centre, hour: $0) }
                if hours.isEmpty, let miss = centreTargets.first(where: { misses([$0], whole, at: scope, undecidedFails: false) }) {
                    failingCentres.append((centre, miss.measure))
                }
            } else if misses(centreTargets, whole, at: scope) || hourlyMiss(scope) != nil {
                failingSlots.append(ConsolePlan.Slot(centre: centre, hour: 0))
            }
        }
        if judgeTotal {
            // Every total target is judged, so that `undecided` sees them all. A target of the total
            // met only just (borderline-met) falls short too: its truth may lie past the threshold,
            // and an independent check of the plan would then miss it (docs/model.md, "Sizing").
            totalMiss = scenario.targets.filter { target in
                let shortOfMet = target.result(
                    scope: .total, kpis: result.total, horizon: scenario.horizon, precision: scenario.precision
                ).fallsShortForTheTotal
                return misses([target], result.total, at: .total) || shortOfMet
            }.first
            if totalMiss == nil, !byHour, let miss = hourlyMiss(.total) {
                totalMiss = miss.target
                totalMissHour = miss.hour
            }
        }
        self.undecided = undecided
    }

    /// How much a slot adds to a miss of `measure` in aggregate, where a console helps most: its
    /// urgent callers lost, its abandoned calls, or its calls not answered within the threshold
    /// (`NationalPlacement.contribution` of the slot's means).
    static func share(
        _ slot: ConsolePlan.Slot, of measure: Target.Measure?, in result: RunResult, byHour: Bool
    ) -> Double {
        NationalPlacement.contribution(figures(slot, in: result, byHour: byHour).map(\.mean), to: measure ?? .serviceLevel)
    }

    /// A slot's KPI estimates: its centre's hour, or its centre's whole day.
    static func figures(_ slot: ConsolePlan.Slot, in result: RunResult, byHour: Bool) -> [Estimate] {
        byHour ? result.centreHours[slot.centre]![slot.hour] : result.centres[slot.centre].kpis
    }
}

extension TargetResult {
    /// A target of the total that a sized plan may not leave as it is: failing, or met only just
    /// (borderline-met), where another seed's check may well miss it.
    var fallsShortForTheTotal: Bool { state.fails || state == .borderlineMet }
}
