import CallModel
import Foundation
import Testing

@testable import Rosters

/// `RosterSolver`: the cheapest shifts covering consoles by hour, the day as a cycle. Hand-made
/// cases with known optima, then random requirements against an independent solver (SciPy's milp).
@Suite struct RosterSolverTests {
    typealias Template = ShiftRules.Template

    static func roster(_ templates: [Template], _ required: [[Int]], pooled: [Int] = []) throws -> Roster {
        let problem = CoverProblem(
            rules: ShiftRules(templates: templates), codes: required.indices.map { "C\($0)" }, required: required,
            pooledHours: pooled)
        let roster = try RosterSolver.cheapest(problem)
        for centre in required.indices {  // coverage is at least the requirement in every own hour
            let coverage = roster.coverage(of: centre)
            for hour in 0..<24 where !pooled.contains(hour) { #expect(coverage[hour] >= required[centre][hour]) }
        }
        for hour in pooled {
            #expect(required.indices.reduce(0) { $0 + roster.coverage(of: $1)[hour] } >= required.reduce(0) { $0 + $1[hour] })
        }
        return roster
    }

    static func hours(_ range: [Int], _ count: Int) -> [Int] { (0..<24).map { range.contains($0) ? count : 0 } }

    @Test("three eight-hour shifts cover a console around the clock")
    func aroundTheClock() throws {
        let roster = try Self.roster([Template(name: "eight", starts: [0, 8, 16], hours: 8, cost: 1)], [Array(repeating: 1, count: 24)])
        #expect(roster.cost == 3)
        #expect(roster.coverage(of: 0) == Array(repeating: 1, count: 24))
    }

    @Test("an overnight shift wraps past midnight: 22:00 for 8 h covers 22-06")
    func overnight() throws {
        let templates = [
            Template(name: "night", starts: [22], hours: 8, cost: 1.25),
            Template(name: "day", starts: [6, 14], hours: 8, cost: 1),
        ]
        let roster = try Self.roster(templates, [Self.hours([22, 23, 0, 1, 2, 3, 4, 5], 2)])
        #expect(abs(roster.cost - 2.5) < 1e-9)
        #expect(roster.worked(by: 0).map(\.shift.start) == [22])
        #expect(roster.coverage(of: 0) == Self.hours([22, 23, 0, 1, 2, 3, 4, 5], 2))
    }

    @Test("a part-time evening start tops up the evening peak")
    func partTime() throws {
        let templates = [
            Template(name: "early", starts: [7], hours: 8, cost: 1), Template(name: "late", starts: [15], hours: 8, cost: 1),
            Template(name: "night", starts: [23], hours: 8, cost: 1.25),
            Template(name: "evening", starts: [17, 18, 19], hours: 4, cost: 0.55),
        ]
        let need = (0..<24).map { (18...21).contains($0) ? 2 : 1 }
        let roster = try Self.roster(templates, [need])
        #expect(abs(roster.cost - 3.8) < 1e-9)  // early + late + night + evening from 18:00
        #expect(roster.worked(by: 0).contains { $0.shift == Roster.Shift(template: 3, start: 18) })
        #expect(roster.paidHours(of: 0) == 28)
        // FTE: 28 h a day × 7 ÷ 40 ÷ (1 − 0.30).
        #expect(abs(roster.fte(of: 0) - 28.0 * 7 / 40 / 0.7) < 1e-12)
    }

    @Test("integer, not the linear relaxation: three 16-hour starts, 1.5 relaxed, 2 whole")
    func integral() throws {
        let roster = try Self.roster([Template(name: "long", starts: [0, 8, 16], hours: 16, cost: 1)], [Array(repeating: 1, count: 24)])
        #expect(roster.cost == 2)
    }

    @Test("a pooled night: the pool's sum is covered, at the least cost, seated where the answer seated it")
    func pooledNight() throws {
        let templates = [
            Template(name: "day", starts: [6], hours: 9, cost: 1), Template(name: "evening", starts: [15], hours: 9, cost: 1),
            Template(name: "night", starts: [0], hours: 6, cost: 0.8),
        ]
        let day = Array(6...23)
        let roster = try Self.roster(
            templates, [Self.hours(day, 1), Self.hours(day, 1).enumerated().map { $0.offset < 6 ? 1 : $0.element }],
            pooled: Array(0...5))
        #expect(abs(roster.cost - 4.8) < 1e-9)  // two day, two evening, one night for the pool
        #expect(roster.coverage(of: 0)[0] == 0 && roster.coverage(of: 1)[0] == 1)  // at C1, where the answer put it
    }

    @Test("an hour that needs consoles and that no template covers is refused, naming it")
    func uncovered() {
        #expect(throws: RosterSolver.Uncovered.self) {
            try Self.roster([Template(name: "day", starts: [8], hours: 8, cost: 1)], [Self.hours([3], 1)])
        }
        let problem = CoverProblem(
            rules: ShiftRules(templates: [Template(name: "day", starts: [8], hours: 8, cost: 1)]), codes: ["IS"],
            required: [Self.hours([3], 1)], pooledHours: [])
        #expect(problem.uncovered?.contains("03:00-04:00, where IS needs") == true)
    }

    /// Random templates (an overnight one and part-time starts always among them) and requirements.
    static func randomProblems(count: Int, centres: ClosedRange<Int>, pooled: Bool, seed: UInt64) -> [(templates: [Template], required: [[Int]], pooled: [Int])] {
        var generator = SplitMix(seed: seed)
        func next(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(generator.next() % UInt64(range.count)) }
        return (0..<count).map { _ in
            var templates = [
                Template(name: "night", starts: [next(20...23)], hours: next(7...10), cost: Double(next(100...160)) / 100),
                Template(name: "part", starts: Array(Set((0..<next(1...4)).map { _ in next(6...20) })).sorted(), hours: next(3...5),
                         cost: Double(next(35...70)) / 100),
            ]
            let offset = next(0...7)  // one full-time template whose starts cover the whole cycle
            templates.append(Template(name: "cycle", starts: [offset, offset + 8, offset + 16], hours: next(8...12), cost: Double(next(90...130)) / 100))
            for index in 0..<next(0...2) {
                templates.append(Template(name: "full\(index)", starts: Array(Set((0..<next(1...3)).map { _ in next(0...23) })).sorted(),
                                          hours: next(6...12), cost: Double(next(80...140)) / 100))
            }
            let required = (0..<next(centres)).map { _ in (0..<24).map { hour in max(0, next(0...3) + (hour >= 8 && hour < 22 ? next(0...4) : 0) - 1) } }
            let pool = pooled ? Array(0..<next(4...8)) : []
            return (templates, required, pool)
        }
    }

    @Test("the cost is SciPy milp's optimum on 200 random problems, 40 of them with a pooled night")
    func againstSciPy() throws {
        let problems = Self.randomProblems(count: 160, centres: 1...1, pooled: false, seed: 2026)
            + Self.randomProblems(count: 40, centres: 2...4, pooled: true, seed: 7)
        var ours: [Double] = []
        for problem in problems { ours.append(try Self.roster(problem.templates, problem.required, pooled: problem.pooled).cost) }
        let document: [String: Any] = ["problems": problems.map { problem in
            ["templates": problem.templates.map { ["starts": $0.starts, "hours": $0.hours, "cost": $0.cost] },
             "required": problem.required, "pooled": problem.pooled] as [String: Any]
        }]
        let theirs = try Self.oracle(document)
        #expect(theirs.count == ours.count)
        var differing = 0
        for (our, their) in zip(ours, theirs) where abs(our - their) > 1e-6 { differing += 1 }
        #expect(differing == 0, "\(differing) of \(ours.count) costs differ from SciPy's optimum")
        #expect(Set(ours).count > 50)  // the problems differ
    }

    /// Runs Tests/Oracles/roster_oracle.py; python3 with SciPy must be there (it is on CI's machine).
    static func oracle(_ document: [String: Any]) throws -> [Double] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Oracles/roster_oracle.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: document))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "the SciPy oracle failed: is python3 with SciPy installed?")
        let answer = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return answer?["costs"] as? [Double] ?? []
    }
}

/// A small seeded generator for test cases (SplitMix64).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
