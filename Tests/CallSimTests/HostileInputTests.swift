import CallModel
import Charts
import Foundation
import ScenarioFile
import Testing

/// Hostile input from the mutation campaign (issue 11) beyond the reader's table of bad values:
/// each is refused with exit 2, file:line and field, in bounded time and memory, or runs.
@Suite struct HostileInputTests {
    @Test("A YAML alias bomb used as a mapping key is refused at once, at its line")
    func aliasBomb() throws {
        var lines = ["name: bomb", "a0: &a0 [x, x]"]
        for level in 1..<40 { lines.append("a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]") }
        lines.append("centres: {*a39 : 1}")
        let started = ContinuousClock.now
        do {
            _ = try ScenarioReader.parse(lines.joined(separator: "\n") + "\n", file: "bomb.yaml")
            Issue.record("accepted")
        } catch let error as ScenarioError {
            #expect(error.line == 42 && error.message.contains("an alias used as a mapping key"), "\(error)")
        }
        #expect(ContinuousClock.now - started < .seconds(1))
        // Aliases as values (a shared distribution) still read.
        let shared = """
            name: shared
            horizon: 7d
            handling: &talk {distribution: exponential, mean: 5m}
            centres:
              - {code: A, calls_per_day: 10, handling: *talk}
            """
        #expect(try ScenarioReader.parse(shared, file: "shared.yaml").centres[0].profiles[0].handling == .exponential(mean: 300))
    }

    @Test("A control character is placed at its line and column, in a message of one line")
    func controlCharacter() throws {
        let text = "name: ok\nhorizon: 7d\nhandling: \"5\u{1}m\"\ncentres: [{code: A, calls_per_day: 1}]\n"
        do {
            _ = try ScenarioReader.parse(text, file: "control.yaml")
            Issue.record("accepted")
        } catch let error as ScenarioError {
            #expect(error.line == 3 && error.column == 13, "\(error)")
            #expect(error.message.contains("U+0001") && !error.description.contains("\n"), "\(error)")
        }
    }

    @Test("A syntax error at the end of the file points inside the file")
    func syntaxErrorAtTheEnd() throws {
        do {
            _ = try ScenarioReader.parse("name: x\nseed: [1, 2\n", file: "end.yaml")
            Issue.record("accepted")
        } catch let error as ScenarioError {
            #expect(error.line == 2, "\(error)")
        }
    }

    @Test("Overflow: a centre with no console whose neighbours have too little spare is refused there")
    func overflowCentreThatCannotKeepUp() throws {
        let text = """
            name: Overflow
            horizon: 7d
            handling: {distribution: exponential, mean: 9m}
            routing: {policy: overflow, overflow_after: 30s}
            centres:
              - {code: AB, calls_per_day: 40, consoles: 0, neighbours: [CJ]}
              - {code: CJ, calls_per_day: 300, consoles: 2}
              - {code: XX, calls_per_day: 10, consoles: 5}
            """
        do {
            _ = try ScenarioReader.parse(text, file: "overflow.yaml")
            Issue.record("accepted: all centres together keep up, but AB's callers reach only CJ's spare consoles")
        } catch let error as ScenarioError {
            #expect(error.line == 6 && error.field == "centres[0]", "\(error)")
            #expect(error.message.contains("its own, and its neighbours' spare"), "\(error)")
        }
        // With a neighbour that has room, the same centre is fine.
        #expect(throws: Never.self) {
            try ScenarioReader.parse(text.replacingOccurrences(of: "neighbours: [CJ]", with: "neighbours: [CJ, XX]"), file: "ok.yaml")
        }
    }

    @Test("Callers piling up past the limit stop the replication, and the run says where")
    func overload() async throws {
        var piled = try scenario("""
            name: Pile
            horizon: 7d
            replications: 2
            handling: {distribution: exponential, mean: 5m}
            surges: [{from: 1d, to: 1d1h, factor: 100, centres: [B]}]
            centres:
              - {code: A, calls_per_day: 100}
              - {code: B, calls_per_day: 100, consoles: 1}
            """)
        // An hour of 100 × B's calls piles up about 400 callers; stable over the run, so the file reads.
        piled.callerLimit = 200
        let result = await Simulator.run(piled, jobs: 2)
        let overload = try #require(result.overload)
        #expect(overload.replication == 0 && overload.centre == 1 && overload.time > 86_400 && overload.time < 86_400 + 3_600)
        let error = ScenarioReader.error(atCentre: 1, of: "/nonexistent.yaml", "stop")
        #expect(error.field == "centres[1]")
    }

    @Test("Out-of-range durations on the command line: exit 2, not a hang or a trap")
    func commandLineEdges() throws {
        let folder = try temporaryFolder()
        let path = try write("""
            name: Edges
            horizon: 7d
            replications: 2
            handling: {distribution: exponential, mean: 5m}
            patience: {distribution: exponential, mean: 2m}
            centres: [{code: A, calls_per_day: 50}]
            """, to: "edges.yaml", in: folder)
        #expect(try execute(["run", path, "--horizon", "1" + String(repeating: "0", count: 400) + "w"]).status == 2)
        #expect(try execute(["run", path, "--output", ""]).status == 2)
        #expect(try execute(["erlang", "--calls-per-hour", "10", "--aht", "5m", "--patience", "1e308", "--consoles", "2"]).status == 2)
        #expect(try execute(["bench", path, "--load", "1e9"]).status == 2)
        #expect(try execute(["erlang", "--calls-per-hour", "10", "--aht", "5m", "--consoles", "1-100000"]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.json").path))
    }

    @Test("Seeds are whole numbers end to end: 2^64 − 1 runs, and seeds that differ above 2^53 are not paired")
    func largestSeed() throws {
        let folder = try temporaryFolder()
        let path = try write(CheckTests.scenario, to: "gate.yaml", in: folder)
        let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
        #expect(try execute(["run", path, "--seed", "18446744073709551615", "--output", a.path]).status == 0)
        #expect(try execute(["run", path, "--seed", "18446744073709551614", "--output", b.path]).status == 0)
        let report = try String(contentsOf: a.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(report.contains("\"seed\": 18446744073709551615,"))
        let compared = try execute(["compare", a.appendingPathComponent("report.json").path, b.appendingPathComponent("report.json").path])
        #expect(compared.status == 0 && compared.stdout.contains("different seeds"), "\(compared.stdout)")
        #expect(SVG.number(1e20) == "100000000000000000000" && SVG.number(.infinity) == "0")
    }

    @Test("check: a baseline with null or text figures is refused (exit 2); utilisation regresses either way")
    func baselineEdges() throws {
        let folder = try temporaryFolder()
        let good = try write(CheckTests.scenario, to: "good.yaml", in: folder)
        let output = folder.appendingPathComponent("base")
        #expect(try execute(["run", good, "--output", output.path]).status == 0)
        let report = try String(contentsOf: output.appendingPathComponent("report.json"), encoding: .utf8)
        let nulls = try write(report.replacingOccurrences(
            of: #""mean": [-0-9.e]+"#, with: #""mean": null"#, options: .regularExpression), to: "nulls.json", in: folder)
        let refused = try execute(["check", good, "--baseline", nulls])
        #expect(refused.status == 2 && refused.stderr.contains("no figure for"), "\(refused.stderr)")
        let texts = try write(report.replacingOccurrences(
            of: #""mean": ([-0-9.e]+)"#, with: #""mean": "$1""#, options: .regularExpression), to: "texts.json", in: folder)
        #expect(try execute(["check", good, "--baseline", texts]).status == 2)
        // Shorter calls: waits and abandonment improve, utilisation drops — a move to be flagged.
        let shorter = try write(CheckTests.scenario.replacingOccurrences(of: "mean: 4m}", with: "mean: 3m}"), to: "shorter.yaml", in: folder)
        let checked = try execute(["check", shorter, "--baseline", output.appendingPathComponent("report.json").path, "--format", "json"])
        #expect(checked.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any])
        let failed = (json["results"] as? [[String: Any]] ?? []).filter { $0["passed"] as? Bool == false }
        #expect(failed.map { $0["kpi"] as? String } == ["utilisation"], "\(failed)")
    }

    @Test("Clock hours with a sign are refused; --junit and --write onto a folder, or into a missing one, say so (exit 2)")
    func clockAndOutputFiles() throws {
        let folder = try temporaryFolder()
        let base = """
            name: Files
            horizon: 2d
            replications: 2
            handling: {distribution: exponential, mean: 5m}
            targets: {abandonment_rate: 0.5}
            centres:
              - {code: A, calls_per_day: 20}
            """
        for clock in ["+7:00", "-0:00", " 7:00"] {
            let path = try write(base + "\nrouting: {policy: local, periods: [{from: \"\(clock)\", to: \"22:00\", policy: pooled}]}\n", to: "clock.yaml", in: folder)
            let refused = try execute(["validate", path])
            #expect(refused.status == 2, "\(clock)")
            #expect(refused.stderr.contains("routing.periods[0].from"))
        }
        let good = try write(base, to: "good.yaml", in: folder)
        let onFolder = try execute(["check", good, "--junit", folder.path])
        #expect(onFolder.status == 2 && onFolder.stderr.contains("is a folder"))
        // A missing folder is made, as --output makes one, and the verdict is kept.
        let missing = try execute(["check", good, "--junit", folder.appendingPathComponent("no/such/j.xml").path])
        #expect(missing.status == 0 && missing.stdout.contains("met"), "\(missing.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("no/such/j.xml").path))
        let file = try write("x", to: "plain-file", in: folder)
        let underFile = try execute(["check", good, "--junit", file + "/j.xml"])
        #expect(underFile.status == 2 && underFile.stderr.contains("is a file") && underFile.stdout.contains("met"), "\(underFile.stderr)")
        let sized = try execute(["size", good, "--write", folder.path])
        #expect(sized.status == 2 && sized.stderr.contains("is a folder"))
        #expect(!sized.stderr.contains("NSCocoaErrorDomain"))
    }
}

/// The fuzzing harness's seed corpus and every regression file it keeps (Tests/Fuzz): through the
/// command line, each ends with exit 0 and a complete report, or exit 2 with file:line and nothing
/// written — never a signal or a hang.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    /// Every file of both folders; a folder missing or empty is a case that fails (below), not
    /// zero cases that pass.
    static var files: [String] {
        ["corpus", "regressions"].flatMap { sub in
            let dir = folder.appendingPathComponent(sub)
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
            return names.isEmpty ? [dir.path + "/ (missing or empty)"] : names.map { dir.appendingPathComponent($0).path }
        }
    }

    @Test("Every corpus and regression file keeps the contract", arguments: files)
    func keepsTheContract(_ path: String) throws {
        try #require(FileManager.default.fileExists(atPath: path), "no fuzz files at \(path)")
        let out = try temporaryFolder().appendingPathComponent("out")
        for arguments in [["validate", path], ["run", path, "--output", out.path, "-r", "2", "--horizon", "2d"]] {
            let started = ContinuousClock.now
            let run = try execute(arguments)
            // A guard against a hang, not a speed test (BENCHMARKS.md measures speed): the slowest
            // file takes 7-10 s alone and twice that on two cores shared with the other suites.
            #expect(ContinuousClock.now - started < .seconds(120), "\(arguments[0]) \(path) took too long: a hang?")
            let written = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
            switch run.status {
            case 0 where arguments[0] == "run": #expect(written.count == 4, "\(written)")
            case 0: break
            case 2:
                #expect(written.isEmpty)
                #expect(run.stderr.contains(": error: "), "\(run.stderr)")
            default: Issue.record("\(arguments[0]) exit \(run.status): \(run.stderr.prefix(300))")
            }
        }
    }
}
