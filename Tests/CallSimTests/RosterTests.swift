import CallModel
import Foundation
import ScenarioFile
import Testing

/// `callsim roster`: shift templates read and refused like any input; the roster costs the exact
/// optimum (SciPy's), covers every hour, adds shifts until the simulated plan holds, and the
/// written plan holds in an independent check; a night pool is rostered.
@Suite struct RosterTests {
    static func scenario(routing: String = "", seed: Int = 5) -> String {
        """
        name: Three centres with shifts
        seed: \(seed)
        horizon: 14d
        replications: 10
        handling: {distribution: exponential, mean: 6m}
        patience: {distribution: exponential, mean: 3m}
        arrivals:
          daily_profile: [0.3, 0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 0.9, 1.1, 1.2, 1.3,
                          1.3, 1.3, 1.3, 1.4, 1.5, 1.6, 1.8, 1.9, 1.8, 1.5, 1.1, 0.6]
        \(routing)
        targets: {service_level: 0.8, abandonment_rate: 0.05}
        hourly_targets: {abandonment_rate: 0.15}
        shifts:
          templates:
            - {name: early, start: "07:00", length: 8h, cost: 1}
            - {name: late, start: "15:00", length: 8h, cost: 1}
            - {name: night, start: "23:00", length: 8h, cost: 1.25}
            - {name: evening, starts: ["17:00", "18:00", "19:00"], length: 4h, cost: 0.55}
          shrinkage: 0.25
          hours_per_week: 37.5
        centres:
          - {code: AA, name: Big, calls_per_day: 150}
          - {code: BB, name: Middle, calls_per_day: 90}
          - {code: CC, name: Small, calls_per_day: 40}
        """
    }

    static let nightPool = "routing: {policy: local, periods: [{from: \"22:00\", to: \"07:00\", policy: pooled}]}"

    /// Runs `callsim roster` with `arguments`, its JSON on stdout.
    static func roster(_ text: String, _ arguments: [String] = [], in folder: URL) throws -> (Execution, [String: Any]) {
        let path = try write(text, to: "scenario.yaml", in: folder)
        let run = try execute(["roster", path, "--format", "json", "--jobs", "2"] + arguments)
        let json = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any] ?? [:]
        return (run, json)
    }

    /// The roster's own arithmetic: coverage from the shifts, at least the requirement, cost, FTE.
    static func checkArithmetic(_ json: [String: Any], pooled: Set<Int> = []) {
        let costs = ["early": 1.0, "late": 1, "night": 1.25, "evening": 0.55]
        let hours = ["early": 8, "late": 8, "night": 8, "evening": 4]
        var cost = 0.0, paid = 0
        let centres = json["centres"] as? [[String: Any]] ?? []
        #expect(centres.count == 3)
        var poolCoverage = Array(repeating: 0, count: 24), poolRequired = Array(repeating: 0, count: 24)
        for centre in centres {
            let required = centre["required"] as? [Int] ?? [], coverage = centre["coverage"] as? [Int] ?? []
            var covered = Array(repeating: 0, count: 24)
            for shift in centre["shifts"] as? [[String: Any]] ?? [] {
                let name = shift["template"] as? String ?? "", count = shift["count"] as? Int ?? 0
                let start = Int((shift["start"] as? String ?? "").prefix(2)) ?? -1
                cost += Double(count) * costs[name]!
                paid += count * hours[name]!
                for offset in 0..<hours[name]! { covered[(start + offset) % 24] += count }
            }
            #expect(covered == coverage, "coverage is what the shifts cover")
            for hour in 0..<24 {
                if pooled.contains(hour) {
                    poolCoverage[hour] += coverage[hour]
                    poolRequired[hour] += required[hour]
                } else {
                    #expect(coverage[hour] >= required[hour], "\(centre["code"]!) at \(hour) h")
                }
            }
        }
        for hour in pooled { #expect(poolCoverage[hour] >= poolRequired[hour], "the pool at \(hour) h") }
        #expect(abs((json["cost"] as? Double ?? -1) - cost) < 1e-6)
        #expect(json["paid_hours_per_day"] as? Int == paid)
        #expect(abs((json["fte"] as? Double ?? -1) - Double(paid) * 7 / 37.5 / 0.75) < 1e-5)
    }

    /// The optimum of the covering problem over the same templates, by SciPy's milp.
    static func scipyOptimum(_ json: [String: Any], pooled: [Int] = []) throws -> Double {
        let required = (json["centres"] as? [[String: Any]] ?? []).map { $0["required"] as? [Int] ?? [] }
        let templates: [[String: Any]] = [
            ["starts": [7], "hours": 8, "cost": 1.0], ["starts": [15], "hours": 8, "cost": 1.0],
            ["starts": [23], "hours": 8, "cost": 1.25], ["starts": [17, 18, 19], "hours": 4, "cost": 0.55],
        ]
        return try RosterSolverTests.oracle(["problems": [["templates": templates, "required": required, "pooled": pooled]]])[0]
    }

    @Test("sized by hour, rostered at SciPy's optimum, every hour covered, checked by simulation")
    func launch() throws {
        let folder = try temporaryFolder()
        let (run, json) = try Self.roster(Self.scenario(), ["--output", folder.appendingPathComponent("out").path], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        Self.checkArithmetic(json)
        #expect(abs((json["optimal_cost"] as? Double ?? -1) - (try Self.scipyOptimum(json))) < 1e-6)
        let check = json["check"] as? [String: Any] ?? [:]
        #expect(check["passed"] as? Bool == true && check["seed"] as? Int == 5)
        let page = try String(contentsOf: folder.appendingPathComponent("out/roster.html"), encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("today") && !page.contains("<link") && !page.contains("src=\"http"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/roster.json").path))
    }

    @Test("too few consoles by hour: the check adds the cheapest shifts until the simulated plan holds")
    func addsShifts() throws {
        let folder = try temporaryFolder()
        let ones = Array(repeating: 1, count: 24).map(String.init).joined(separator: ", ")
        let size = "{\"centres\": [" + ["AA", "BB", "CC"].map { "{\"code\": \"\($0)\", \"consoles_needed\": [\(ones)]}" }
            .joined(separator: ", ") + "]}"
        let from = try write(size, to: "size.json", in: folder)
        let (run, json) = try Self.roster(Self.scenario(), ["--from", from], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let added = json["added"] as? [[String: Any]] ?? []
        #expect(!added.isEmpty, "one console everywhere misses the big centre's evening")
        #expect(added.contains { $0["code"] as? String == "AA" })
        #expect((json["cost"] as? Double ?? 0) > (json["optimal_cost"] as? Double ?? 0))
        #expect(abs((json["optimal_cost"] as? Double ?? -1) - 3 * 3.25) < 1e-9)  // early, late and night at each
        let check = json["check"] as? [String: Any] ?? [:]
        #expect(check["passed"] as? Bool == true && (check["runs"] as? Int ?? 0) >= 2)
        Self.checkArithmetic(json)
    }

    @Test("a night pool is rostered: the pool's counsellors placed, and the written plan holds on another seed, 200 replications")
    func nightPool() throws {
        let folder = try temporaryFolder()
        let written = folder.appendingPathComponent("rostered.yaml").path
        let (run, json) = try Self.roster(Self.scenario(routing: Self.nightPool), ["--write", written], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let pooled = [22, 23, 0, 1, 2, 3, 4, 5, 6]
        Self.checkArithmetic(json, pooled: Set(pooled))
        #expect(abs((json["optimal_cost"] as? Double ?? -1) - (try Self.scipyOptimum(json, pooled: pooled))) < 1e-6)
        let pool = json["pool"] as? [String: Any] ?? [:]
        #expect(pool["hours"] as? [Int] == pooled.sorted())
        let text = try String(contentsOfFile: written, encoding: .utf8)
        #expect(text.contains("# Consoles rostered by `callsim roster`") && text.contains("#   AA: "))
        let scenario = try ScenarioReader.read(path: written)
        let coverage = (json["centres"] as? [[String: Any]] ?? []).map { $0["coverage"] as? [Int] ?? [] }
        #expect(scenario.centres.map(\.staffing.hours) == coverage)
        let check = try execute(["check", written, "--seed", "999", "--replications", "200", "--jobs", "2"])
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test("without shifts, with an hour no template covers, or a size answer that does not fit: exit 2, saying why")
    func refused() throws {
        let folder = try temporaryFolder()
        let valid = Self.scenario()
        let without = valid.replacingCharacters(
            in: valid.range(of: "shifts:\n")!.lowerBound..<valid.range(of: "centres:\n")!.lowerBound, with: "")
        let noShifts = try execute(["roster", try write(without, to: "a.yaml", in: folder)])
        #expect(noShifts.status == 2 && noShifts.stderr.contains("no `shifts:`"), "\(noShifts.stderr)")
        let dayOnly = Self.scenario().replacingOccurrences(of: "    - {name: night, start: \"23:00\", length: 8h, cost: 1.25}\n", with: "")
        let uncovered = try execute(["roster", try write(dayOnly, to: "b.yaml", in: folder)])
        #expect(uncovered.status == 2 && uncovered.stderr.contains("no shift template covers 00:00-01:00, where AA needs consoles"), "\(uncovered.stderr)")
        let path = try write(Self.scenario(), to: "c.yaml", in: folder)
        for (answer, says) in [
            ("{\"centres\": []}", "has no centre AA"),
            ("{\"centres\": [{\"code\": \"AA\", \"consoles_needed\": 3}]}", "a list of 24 numbers"),
            ("[1, 2]", "not the JSON of `callsim size --by-hour"),
        ] {
            let from = try write(answer, to: "size.json", in: folder)
            let run = try execute(["roster", path, "--from", from])
            #expect(run.status == 2 && run.stderr.contains(says), "\(answer): \(run.stderr)")
        }
    }

    struct BadTemplate: CustomTestStringConvertible, Sendable {
        let name: String
        let replace: String
        let with: String
        let field: String
        let says: String
        var testDescription: String { name }
    }

    static let late = "- {name: late, start: \"15:00\", length: 8h, cost: 1}"

    static let badTemplates: [BadTemplate] = [
        BadTemplate(name: "a length of 0", replace: late, with: "- {name: late, start: \"15:00\", length: 0h, cost: 1}",
                    field: "shifts.templates[1].length", says: "whole hours from 1h to 24h"),
        BadTemplate(name: "a length over 24 h", replace: late, with: "- {name: late, start: \"15:00\", length: 25h, cost: 1}",
                    field: "shifts.templates[1].length", says: "whole hours from 1h to 24h"),
        BadTemplate(name: "a length not in whole hours", replace: late, with: "- {name: late, start: \"15:00\", length: 7h30m, cost: 1}",
                    field: "shifts.templates[1].length", says: "whole hours"),
        BadTemplate(name: "a start that is not a whole hour", replace: late, with: "- {name: late, start: \"15:30\", length: 8h, cost: 1}",
                    field: "shifts.templates[1].start", says: "shift starts are in whole hours"),
        BadTemplate(name: "a cost of 0", replace: late, with: "- {name: late, start: \"15:00\", length: 8h, cost: 0}",
                    field: "shifts.templates[1].cost", says: "a cost greater than 0"),
        BadTemplate(name: "a negative cost", replace: late, with: "- {name: late, start: \"15:00\", length: 8h, cost: -1}",
                    field: "shifts.templates[1].cost", says: "a cost greater than 0"),
        BadTemplate(name: "a duplicate name", replace: late, with: "- {name: early, start: \"15:00\", length: 8h, cost: 1}",
                    field: "shifts.templates[1]", says: "a second template named \"early\""),
        BadTemplate(name: "a start listed twice", replace: "starts: [\"17:00\", \"18:00\"", with: "starts: [\"17:00\", \"17:00\"",
                    field: "shifts.templates[3].starts[1]", says: "17:00 is listed twice"),
        BadTemplate(name: "both start and starts", replace: late, with: "- {name: late, start: \"15:00\", starts: [\"16:00\"], length: 8h, cost: 1}",
                    field: "shifts.templates[1].starts", says: "either 'start'"),
        BadTemplate(name: "no start", replace: late, with: "- {name: late, length: 8h, cost: 1}",
                    field: "shifts.templates[1]", says: "missing 'start'"),
        BadTemplate(name: "shrinkage of 1", replace: "shrinkage: 0.25", with: "shrinkage: 1",
                    field: "shifts.shrinkage", says: "from 0 to 0.9"),
        BadTemplate(name: "no hours a week", replace: "hours_per_week: 37.5", with: "hours_per_week: 0",
                    field: "shifts.hours_per_week", says: "from 1 to 168"),
        BadTemplate(name: "an unknown key", replace: late, with: "- {name: late, start: \"15:00\", length: 8h, cost: 1, paid: 8h}",
                    field: "shifts.templates[1].paid", says: "unknown key 'paid'"),
    ]

    @Test("bad shift templates are refused with the file, line and field", arguments: badTemplates)
    func badTemplate(_ bad: BadTemplate) throws {
        let valid = Self.scenario()
        #expect(valid.contains(bad.replace), "the case must change the scenario")
        let text = valid.replacingOccurrences(of: bad.replace, with: bad.with)
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains(bad.with) }.map { $0 + 1 }
        do {
            _ = try ScenarioReader.parse(text, file: "bad.yaml")
            Issue.record("\(bad.name): accepted")
        } catch let error as ScenarioError {
            #expect(error.field == bad.field, "\(error)")
            #expect(error.message.contains(bad.says), "\(error)")
            #expect(error.line == line, "\(error)")
        }
    }

    @Test("no template at all is refused; a valid section reads")
    func noTemplates() throws {
        let valid = Self.scenario()
        let start = valid.range(of: "shifts:\n")!.lowerBound, end = valid.range(of: "centres:\n")!.lowerBound
        for (section, says) in [("shifts: {templates: []}\n", "needs at least one shift template"),
                                ("shifts: {shrinkage: 0.3}\n", "missing 'templates'")] {
            do {
                _ = try ScenarioReader.parse(valid.replacingCharacters(in: start..<end, with: section), file: "bad.yaml")
                Issue.record("\(section): accepted")
            } catch let error as ScenarioError {
                let line = valid.components(separatedBy: "\n").firstIndex { $0.hasPrefix("shifts:") }! + 1
                #expect(error.field.hasPrefix("shifts") && error.message.contains(says) && error.line == line, "\(error)")
            }
        }
        let rules = try ScenarioReader.parse(valid, file: "ok.yaml").shiftRules
        #expect(rules?.templates.map(\.name) == ["early", "late", "night", "evening"])
        #expect(rules?.templates[3].starts == [17, 18, 19] && rules?.templates[2].hours == 8)
        #expect(rules?.shrinkage == 0.25 && rules?.hoursPerWeek == 37.5)
    }
}
