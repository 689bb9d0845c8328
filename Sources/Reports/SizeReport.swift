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
        let bound = !outcome.bindings.isEmpty
        let kpis = bound ? shownWithBindings : shown
        let header = ["code", "centre", "now" + unit, "needed", "Erlang A"]
            + (bound ? ["binding target", "at the answer", "one console fewer"] : [])
            + kpis.map { KPIText.heading($0, service: original.emergencyService) }
        let erlang = outcome.erlangStart
        var rows = result.centres.indices.map { index in
            let borderline = bound && outcome.bindings[index].borderline
            return [
                result.centres[index].code, result.centres[index].name, now(original.centres[index], byHour: plan.byHour),
                (outcome.unreachable.contains(.centre(result.centres[index].code)) ? "> " : "") + String(plan.consolesShown(index))
                    + (borderline ? " *" : ""),
                String(erlang.consolesShown(index)),
            ] + (bound ? cells(outcome.bindings[index]) : [])
                + kpis.map { KPIText.text(result.centres[index].kpis[$0.index], $0) }
        }
        let nowTotal = original.centres.reduce(0) { $0 + (plan.byHour ? $1.staffing.consoleHours : $1.staffing.peak) }
        let totalBorderline = result.targets.contains { $0.scope == .total && $0.hour == nil && $0.state == .borderlineMet }
        // With a centre unreachable within --max-consoles, the total is only a lower bound.
        let totalNeeded = (outcome.unreachable.isEmpty ? "" : "at least ") + String(plan.totalShown) + (totalBorderline ? " *" : "")
        rows.append([Scope.totalName, "all centres", String(nowTotal), totalNeeded, String(erlang.totalShown)]
            + (bound ? ["", "", ""] : []) + kpis.map { KPIText.text(result.total[$0.index], $0) })
        out += TableReports.aligned([header] + rows)
        if plan.byHour {
            out += "\nShift plans: consoles on shift in each hour of the day, 00-01 first\n"
            let total = (0..<24).map { hour in plan.staffing.reduce(0) { $0 + $1.onShift(hour: hour) } }
            let marks = outcome.hourBindings
            out += TableReports.aligned(result.centres.indices.map { index in
                [result.centres[index].code, ""] + plan.staffing[index].hours.enumerated().map { hour, consoles in
                    String(consoles) + (marks.isEmpty || !(marks[index][hour].map(ownBorderline) ?? false) ? "" : "*")
                }
            } + [[Scope.totalName, ""] + total.map(String.init)])
        }
        out += "\n" + notes(outcome).map { "- " + $0 + "\n" }.joined()
        return out
    }

    /// The KPIs shown beside the binding targets (fewer, so the table fits a terminal).
    static let shownWithBindings: [KPI] = [.serviceLevel, .abandonmentRate, .utilisation]

    /// A binding target's cells: the target and where it is judged, its estimate and state at the
    /// answer and with one console fewer.
    static func cells(_ binding: Binding) -> [String] {
        switch binding.reason {
        case .target(let answer, let fewer):
            let row = KPIText.target(answer), fewerRow = KPIText.target(fewer)
            return ["\(row[0]) \(row[1]) \(row[2])", "\(row[3]) \(row[4])", "\(fewerRow[3]) \(fewerRow[4])"]
        case .fewestAllowed: return ["fewest allowed", "", ""]
        case .unstable: return ["stability", "", "queue grows without end"]
        case .none: return ["none missed with one fewer", "", ""]
        }
    }

    /// A binding target for JSON: `{"reason"}`, and for a target its scope, key, bound, threshold
    /// and `{"estimate", "ci95", "state"}` at the answer and with one console fewer.
    static func json(_ binding: Binding) -> JSON {
        func judged(_ row: TargetResult) -> JSON {
            .object([
                ("estimate", JSON.number(row.estimate.mean)),
                ("ci95", JSON.number(row.estimate.ci95)),
                ("state", .string(row.state.rawValue)),
            ])
        }
        switch binding.reason {
        case .target(let answer, let fewer):
            return .object([
                ("reason", .string("target")), ("scope", .string(answer.scope.description)),
                ("kpi", .string(answer.target.measure.reportedKey)),
                ("bound", .string(answer.target.measure.bound.rawValue)),
                ("threshold", .number(answer.target.threshold)),
                ("at_answer", judged(answer)), ("one_fewer", judged(fewer)), ("borderline", .bool(binding.borderline)),
            ])
        case .fewestAllowed: return .object([("reason", .string("fewest allowed"))])
        case .unstable: return .object([("reason", .string("unstable with one fewer"))])
        case .none: return .object([("reason", .string("none"))])
        }
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
                    ("consoles_needed", outcome.unreachable.contains(.centre(result.centres[index].code))
                        ? .null : consoles(outcome.plan.staffing[index], byHour: outcome.plan.byHour)),
                    ("consoles_erlang_a", consoles(outcome.erlangStart.staffing[index], byHour: outcome.plan.byHour)),
                    ("kpis", .object(ResultDocument.kpis(result.centres[index].kpis))),
                ] + (outcome.bindings.isEmpty ? [] : [("binding", json(outcome.bindings[index]))])
                  + (outcome.hourBindings.isEmpty ? [] : [("binding_by_hour", .array(outcome.hourBindings[index].map { $0.map(json) ?? .null }))]))
            })),
            (Scope.totalName, .object([
                ("kpis", .object(ResultDocument.kpis(result.total))),
                ("borderline", .bool(result.targets.contains { $0.scope == .total && $0.hour == nil && $0.state == .borderlineMet })),
                ("next_console", outcome.nextConsole.map { .string(result.centres[$0].code) } ?? .null),
            ])),
            ("unreachable", .array(outcome.unreachable.map { .string($0.description) })),
            ("targets_met", .bool(!result.targets.contains { $0.state.fails })),
        ])
    }

    /// A borderline decision on a centre's own targets (by hour, the table's `*`); one on the
    /// total's is said once, in a note: it is about how many consoles the total needs.
    static func ownBorderline(_ binding: Binding) -> Bool {
        guard binding.borderline, case .target(let answer, _) = binding.reason else { return false }
        return answer.scope != .total
    }

    /// What a planner should know about the answer.
    static func notes(_ outcome: ConsoleSizing.Outcome) -> [String] {
        var notes: [String] = []
        if !outcome.unreachable.isEmpty {
            notes.append("targets are missed even with --max-consoles at: \(outcome.unreachable.map(\.description).joined(separator: ", "))")
        }
        let borderline = outcome.bindings.indices.filter { outcome.bindings[$0].borderline }
        if !outcome.bindings.isEmpty {
            notes.append("binding target: the first that fails with one console fewer at that centre (its own, else "
                + "\(outcome.result.scenario.routing == .local ? "" : "another centre's, else ")the total's), estimate ± ci95 and state")
            notes.append(borderline.isEmpty
                ? "no decision is borderline: each answer is met, and one console fewer missed, with 95 % confidence"
                : "* borderline at \(borderline.count) centre(s): the binding target is met only just at the answer, or missed "
                    + "only just with one fewer (inside the decision zone, precision \(outcome.result.scenario.precision)); "
                    + "another seed may move these consoles")
        }
        let onlyJust = outcome.result.targets.filter { $0.scope == .total && $0.hour == nil && $0.state == .borderlineMet }
        if !onlyJust.isEmpty {
            notes.append("* the total meets \(onlyJust.map { $0.target.measure.reportedKey }.joined(separator: ", ")) only just "
                + "(borderline-met): another seed may need one console more"
                + (outcome.nextConsole.map { ", at \(outcome.result.centres[$0].code), where the next console helps most" } ?? ""))
        }
        let unestimated = outcome.result.targets.filter { $0.state == .notEstimated }
        for (key, rows) in Dictionary(grouping: unestimated.filter { $0.hour == nil }, by: { $0.target.measure.reportedKey })
            .sorted(by: { $0.key < $1.key }) {
            notes.append("not estimated (too few observations pooled, so it decided nothing): \(key) at "
                + rows.map(\.scope.description).joined(separator: ", "))
        }
        let unestimatedHours = HourGroups.groups(unestimated)
        if !unestimatedHours.isEmpty {
            notes.append("hourly targets not estimated (too few calls in the hour): "
                + unestimatedHours.prefix(6).map(\.line).joined(separator: "; ") + (unestimatedHours.count > 6 ? "; …" : ""))
        }
        if !outcome.hourBindings.isEmpty {
            let all = outcome.hourBindings.flatMap { $0 }.compactMap { $0 }
            let marked = all.filter(ownBorderline).count
            notes.append("each centre-hour's binding target (the first of its targets in that hour that fails with one console fewer "
                + "there) is in the JSON as binding_by_hour; "
                + (marked == 0
                    ? "no decision on a centre's own targets is borderline"
                    : "* borderline at \(marked) of \(all.count) centre-hours: the binding target is met only just at the answer, "
                        + "or missed only just with one fewer, so another seed may move that console"))
            let forTotal = all.filter { binding in
                if case .target(let answer, _) = binding.reason { return answer.scope == .total } else { return false }
            }
            if let first = forTotal.first, case .target(_, let fewer) = first.reason {
                notes.append("\(forTotal.count) centre-hours hold consoles added for the total's \(fewer.target.measure.reportedKey), "
                    + "in an order fixed before any simulation; with the last of them fewer it is \(fewer.state.rawValue) "
                    + "(\(KPIText.target(fewer)[3]))"
                    + (first.borderline ? ": another seed may add or take away the last few of them" : ""))
            }
        }
        let missed = outcome.result.targets.filter { $0.state.fails }
        if missed.isEmpty {
            notes.append("every \(unestimated.isEmpty ? "" : "estimated ")target holds at the answer, for every centre and the total; "
                + "`callsim check` of the sized scenario says the same")
        } else {
            let day = missed.filter { $0.hour == nil }.map { "\($0.scope) \($0.target.measure.reportedKey) (\($0.state.rawValue))" }
            notes.append("targets not met at the answer (failing `check`): "
                + (day + HourGroups.groups(missed).map(\.line)).joined(separator: ", "))
            if missed.contains(where: { $0.state == .undecided }) {
                notes.append("undecided: the run could not settle them within its replications (sizing by hour extends a run to at most "
                    + "\(Scenario.maxHourFiguresPerRun) centre-hour figures); `callsim check` with more replications decides them")
            }
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
