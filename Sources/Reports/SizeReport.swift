import CallModel
import SimStatistics
import Sizing

/// What `callsim size` prints: per centre today's consoles, the consoles needed, Erlang A's figure
/// and the KPIs at the answer, as a terminal table or as JSON (docs/scenario-format.md, "Results").
public enum SizeReport {
    static let shown: [KPI] = [.serviceLevel, .abandonmentRate, .asa, .waitP95, .escalationDelayP95, .utilisation]

    /// The terminal table, the shift plans when sized by hour, and notes.
    public static func text(_ outcome: ConsoleSizing.Outcome, original: Scenario) -> String {
        let result = outcome.result
        let plan = outcome.plan
        let unit = plan.byHour ? " (console-hours a day)" : ""
        var out = "callsim size — \(original.name)\n"
        out += "Fewest consoles\(plan.byHour ? " in each hour of the day" : "") meeting every target, "
        out += "confirmed by simulation (\(outcome.simulations) runs); \(KPIText.headline(result)).\n"
        out += "KPIs at the answer: mean over replications ± 95 % confidence half-width.\n\n"
        let header = ["code", "centre", "now" + unit, "needed", "Erlang A"] + shown.map { kpi in KPIText.summary.first { $0.0 == kpi }!.1 }
        let erlang = outcome.erlangStart
        var rows = result.centres.indices.map { index in
            [
                result.centres[index].code, result.centres[index].name, now(original.centres[index], byHour: plan.byHour),
                (outcome.unreachable.contains(result.centres[index].code) ? "> " : "") + String(plan.consolesShown(index)),
                String(erlang.consolesShown(index)),
            ] + shown.map { KPIText.text(result.centres[index].kpis[$0.index], $0) }
        }
        let nowTotal = original.centres.reduce(0) { $0 + (plan.byHour ? $1.staffing.consoleHours : $1.staffing.peak) }
        rows.append(["total", "all centres", String(nowTotal), String(plan.totalShown), String(erlang.totalShown)]
            + shown.map { KPIText.text(result.total[$0.index], $0) })
        out += TableReports.aligned([header] + rows)
        if plan.byHour {
            out += "\nShift plans: consoles on shift in each hour of the day, 00-01 first\n"
            let total = (0..<24).map { hour in plan.staffing.reduce(0) { $0 + $1.onShift(hour: hour) } }
            out += TableReports.aligned(result.centres.indices.map { index in
                [result.centres[index].code, ""] + plan.staffing[index].hours.map(String.init)
            } + [["total", ""] + total.map(String.init)])
        }
        out += "\n" + notes(outcome).map { "- " + $0 + "\n" }.joined()
        return out
    }

    /// `{"centres": [{"code", "consoles_now", "consoles_needed", "kpis"}]}` and the total, Erlang
    /// A's figures, what could not be reached and whether every target holds at the answer.
    public static func json(_ outcome: ConsoleSizing.Outcome, original: Scenario) -> JSON {
        let result = outcome.result
        func consoles(_ staffing: Staffing, byHour: Bool) -> JSON {
            byHour ? .array(staffing.hours.map { .number(Double($0)) }) : .number(Double(staffing.peak))
        }
        func current(_ centre: Centre) -> JSON {
            consoles(centre.staffing, byHour: outcome.plan.byHour || centre.staffing.changesDuringTheDay)
        }
        return .object([
            ("scenario", .string(original.name)),
            ("by_hour", .bool(outcome.plan.byHour)),
            ("simulations", .number(Double(outcome.simulations))),
            ("centres", .array(result.centres.indices.map { index in
                .object([
                    ("code", .string(result.centres[index].code)),
                    ("consoles_now", current(original.centres[index])),
                    ("consoles_needed", outcome.unreachable.contains(result.centres[index].code)
                        ? .null : consoles(outcome.plan.staffing[index], byHour: outcome.plan.byHour)),
                    ("consoles_erlang_a", consoles(outcome.erlangStart.staffing[index], byHour: outcome.plan.byHour)),
                    ("kpis", .object(ResultDocument.kpis(result.centres[index].kpis))),
                ])
            })),
            ("total", .object([("kpis", .object(ResultDocument.kpis(result.total)))])),
            ("unreachable", .array(outcome.unreachable.map { .string($0) })),
            ("targets_met", .bool(!result.targets.contains { $0.state.fails })),
        ])
    }

    /// What a planner should know about the answer.
    static func notes(_ outcome: ConsoleSizing.Outcome) -> [String] {
        var notes: [String] = []
        if !outcome.unreachable.isEmpty {
            notes.append("targets are missed even with --max-consoles at: \(outcome.unreachable.joined(separator: ", "))")
        }
        let missed = outcome.result.targets.filter { $0.state.fails }
        if missed.isEmpty {
            notes.append("every target holds at the answer, for every centre and the total; `callsim check` of the sized scenario says the same")
        } else {
            notes.append("targets missed at the answer: " + missed.map { "\($0.scope) \($0.target.measure.reportedKey)" }.joined(separator: ", "))
        }
        let differing = outcome.plan.staffing.indices.filter { outcome.plan.staffing[$0] != outcome.erlangStart.staffing[$0] }
        if !differing.isEmpty {
            let codes = differing.map { outcome.result.centres[$0].code }
            notes.append("simulation moved Erlang A's figure at \(codes.count) centre(s) (\(codes.prefix(12).joined(separator: ", "))\(codes.count > 12 ? ", …" : "")): "
                + "Erlang A assumes steady Poisson arrivals, exponential handling and patience, no surges, queue limit or redials, "
                + "and judges the mean rate; or, at the margin, the simulation's estimate is on the other side of a threshold")
        }
        switch outcome.result.scenario.routing {
        case .local: break
        case .overflow, .pooled:
            notes.append("under overflow or pooled routing the centres were sized together: a console at one centre also serves its neighbours' callers")
        case .byTimeOfDay:
            notes.append("under routing by time of day the centres were sized together: in pooled hours a console on shift anywhere "
                + "answers callers from every centre, so the country's consoles in those hours are the sum of the column")
        }
        return notes
    }

    static func now(_ centre: Centre, byHour: Bool) -> String {
        if byHour { return String(centre.staffing.consoleHours) }
        return centre.staffing.changesDuringTheDay ? "\(centre.staffing.peak) (max)" : String(centre.staffing.peak)
    }
}
