import CallModel
import Rosters

/// What `callsim roster` prints: each centre's shifts, their cost, console-hours and counsellors,
/// the hours covered beyond the requirement, and the check by simulation; as text or as JSON
/// (docs/scenario-format.md, "Rosters").
public enum RosterReport {
    /// `"early 07:00 ×2"`.
    static func name(_ shift: Roster.Shift, count: Int, in roster: Roster) -> String {
        let template = roster.rules.templates[shift.template]
        return "\(template.name) " + hourText(shift.start) + (count > 1 ? " ×\(count)" : "")
    }

    static func hourText(_ hour: Int) -> String { (hour < 10 ? "0" : "") + "\(hour):00" }

    /// Clock hours as runs (`HourGroups.text`), or nothing.
    static func hoursText(_ hours: [Int]) -> String { hours.isEmpty ? "" : HourGroups.text(hours) }

    /// Hours where `coverage` exceeds `required`, own hours only (a pooled hour is judged for the pool).
    static func over(_ coverage: [Int], _ required: [Int], problem: CoverProblem) -> [Int] {
        (0..<24).filter { !problem.pooled($0) && coverage[$0] > required[$0] }
    }

    static func money(_ value: Double) -> String { String(format: "%.2f", value) }

    /// A sum of costs without the binary fractions' dust (291.70000000000005 → 291.7).
    static func amount(_ value: Double) -> JSON { .number((value * 1e6).rounded() / 1e6) }

    public static func text(_ outcome: RosterCheck.Outcome, problem: CoverProblem, original: Scenario) -> String {
        let roster = outcome.roster
        var out = "callsim roster — \(original.name)\n"
        out += "The cheapest shifts covering the consoles needed in every hour, the day as a cycle (exact: GLPK's\n"
        out += "branch and bound), then checked by simulation. Shifts are worked every day; FTE = paid hours a week\n"
        out += String(format: "÷ %g ÷ (1 − %g shrinkage).\n\n", roster.rules.hoursPerWeek, roster.rules.shrinkage)
        var rows = [["code", "shifts a day", "cost", "console-hours", "FTE", "covered beyond need"]]
        for centre in problem.codes.indices {
            let coverage = roster.coverage(of: centre)
            let shifts = roster.worked(by: centre).map { name($0.shift, count: $0.count, in: roster) }
            rows.append([
                problem.codes[centre], shifts.isEmpty ? "—" : shifts.joined(separator: ", "), money(roster.cost(of: centre)),
                String(coverage.reduce(0, +)), String(format: "%.1f", roster.fte(of: centre)),
                hoursText(over(coverage, problem.required[centre], problem: problem)),
            ])
        }
        let consoleHours = problem.codes.indices.reduce(0) { $0 + roster.coverage(of: $1).reduce(0, +) }
        rows.append([Scope.totalName, "", money(roster.cost), String(consoleHours), String(format: "%.1f", roster.fte), ""])
        out += TableReports.aligned(rows)
        if !problem.pooledHours.isEmpty {
            let coverage = poolCoverage(roster, problem: problem)
            out += "\nNational pool (\(hoursText(problem.pooledHours))): consoles needed / rostered by hour: "
            out += problem.pooledHours.map { "\($0) h \(problem.poolRequired(hour: $0))/\(coverage[$0])" }.joined(separator: ", ") + "\n"
        }
        out += "\nOptimum of the covering problem: cost \(money(outcome.optimal.cost))"
        if outcome.added.isEmpty {
            out += "; the check added no shift.\n"
        } else {
            out += "; the check added " + outcome.added.map { "\(problem.codes[$0.centre]) \(name($0.shift, count: 1, in: roster))" }
                .joined(separator: ", ") + " (cost \(money(roster.cost - outcome.optimal.cost))).\n"
        }
        let result = outcome.result
        let failing = result.targets.filter { $0.state.fails }
        out += "Check by simulation (\(result.scenario.replications) replications, seed \(result.scenario.seed), \(outcome.rounds) "
        out += outcome.rounds == 1 ? "run): " : "runs): "
        out += outcome.passed ? "every target and hourly target holds.\n"
            : "\(failing.count) target\(failing.count == 1 ? "" : "s") still fail: " + failing.prefix(5).map { row in
                "\(row.scope) \(row.target.measure.rawValue)" + (row.hour.map { " at \($0) h" } ?? "") + " \(row.state.rawValue)"
            }.joined(separator: "; ") + "\n"
        return out
    }

    /// The pool's rostered consoles by hour (0 outside its hours).
    static func poolCoverage(_ roster: Roster, problem: CoverProblem) -> [Int] {
        (0..<24).map { hour in problem.pooled(hour) ? problem.codes.indices.reduce(0) { $0 + roster.coverage(of: $1)[hour] } : 0 }
    }

    public static func json(_ outcome: RosterCheck.Outcome, problem: CoverProblem, original: Scenario) -> JSON {
        let roster = outcome.roster
        func shifts(_ centre: Int) -> JSON {
            .array(roster.worked(by: centre).map { worked in
                .object([
                    ("template", .string(roster.rules.templates[worked.shift.template].name)),
                    ("start", .string(hourText(worked.shift.start))), ("count", .number(Double(worked.count))),
                ])
            })
        }
        func counts(_ values: [Int]) -> JSON { .array(values.map { .number(Double($0)) }) }
        let centres: [JSON] = problem.codes.indices.map { centre in
            let coverage = roster.coverage(of: centre)
            return .object([
                ("code", .string(problem.codes[centre])), ("required", counts(problem.required[centre])),
                ("coverage", counts(coverage)), ("shifts", shifts(centre)), ("cost", amount(roster.cost(of: centre))),
                ("console_hours_per_day", .number(Double(coverage.reduce(0, +)))), ("fte", amount(roster.fte(of: centre))),
                ("over", counts(over(coverage, problem.required[centre], problem: problem))),
            ])
        }
        var pool = JSON.null
        if !problem.pooledHours.isEmpty {
            let coverage = poolCoverage(roster, problem: problem)
            pool = .object([
                ("hours", counts(problem.pooledHours)),
                ("required", .array((0..<24).map { problem.pooled($0) ? .number(Double(problem.poolRequired(hour: $0))) : .null })),
                ("coverage", .array((0..<24).map { problem.pooled($0) ? .number(Double(coverage[$0])) : .null })),
            ])
        }
        let result = outcome.result
        return .object([
            ("scenario", .string(original.name)),
            ("cost", amount(roster.cost)),
            ("console_hours_per_day", .number(Double(problem.codes.indices.reduce(0) { $0 + roster.coverage(of: $1).reduce(0, +) }))),
            ("paid_hours_per_day", .number(Double(roster.paidHours))),
            ("fte", amount(roster.fte)),
            ("shrinkage", .number(roster.rules.shrinkage)), ("hours_per_week", .number(roster.rules.hoursPerWeek)),
            ("optimal_cost", amount(outcome.optimal.cost)),
            ("added", .array(outcome.added.map { added in
                .object([
                    ("code", .string(problem.codes[added.centre])),
                    ("template", .string(roster.rules.templates[added.shift.template].name)),
                    ("start", .string(hourText(added.shift.start))),
                ])
            })),
            ("consoles_today", counts((0..<24).map { hour in original.centres.reduce(0) { $0 + $1.staffing.onShift(hour: hour) } })),
            ("centres", .array(centres)),
            ("pool", pool),
            ("check", .object([
                ("passed", .bool(outcome.passed)), ("replications", .number(Double(result.scenario.replications))),
                ("seed", .integer(result.scenario.seed)), ("runs", .number(Double(outcome.rounds))),
            ])),
        ])
    }
}

extension RosterReport {
    /// The shifts as comment lines for a written scenario, one centre a line.
    public static func shiftComment(_ roster: Roster, codes: [String]) -> String {
        codes.indices.map { centre in
            let shifts = roster.worked(by: centre).map { name($0.shift, count: $0.count, in: roster) }
            return "#   \(codes[centre]): " + (shifts.isEmpty ? "no shifts" : shifts.joined(separator: ", "))
        }.joined(separator: "\n") + "\n"
    }
}
