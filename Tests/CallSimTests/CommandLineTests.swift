import Foundation
import Testing

/// The built `callsim` executable: exit statuses, messages and the files it writes.
@Suite struct CommandLineTests {
    @Test("validate: 0 and a summary for a valid scenario; 2 and file:line: for a bad one")
    func validate() throws {
        let folder = try temporaryFolder()
        let good = try write(ScenarioReaderTests.valid, to: "good.yaml", in: folder)
        let ok = try execute(["validate", good])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("valid") && ok.stdout.contains("centres: 2, consoles: 4"))
        let bad = try write(ScenarioReaderTests.valid.replacingOccurrences(of: "7d", with: "0d"), to: "bad.yaml", in: folder)
        let refused = try execute(["validate", bad])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("bad.yaml:2:10: error: horizon: must be longer than 0"))
        #expect(refused.stdout.isEmpty)
    }

    @Test("--replications above --max-replications is refused (exit 2), saying which to change")
    func replicationsAboveTheCap() throws {
        let folder = try temporaryFolder()
        let good = try write(ScenarioReaderTests.valid, to: "good.yaml", in: folder)
        for command in ["run", "check"] {
            let refused = try execute([command, good, "--replications", "100", "--max-replications", "10"])
            #expect(refused.status == 2 && refused.stderr.contains("raise --max-replications or lower --replications"), "\(refused.stderr)")
        }
        #expect(try execute(["run", good, "--replications", "10", "--max-replications", "10"]).status == 0)
    }

    @Test("run with bad input exits 2 and writes no report")
    func noPartialReport() throws {
        let folder = try temporaryFolder()
        let bad = try write("name: x\nhorizon: 1d\nhandling: 5m\ncentres: []\n", to: "bad.yaml", in: folder)
        let output = folder.appendingPathComponent("out")
        let result = try execute(["run", bad, "--output", output.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.yaml:4:10: error: centres: needs at least one centre"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let missing = try execute(["run", folder.appendingPathComponent("nope.yaml").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file"))
    }

    @Test("Usage errors exit 2; help exits 0")
    func usage() throws {
        let folder = try temporaryFolder()
        let good = try write(ScenarioReaderTests.valid, to: "good.yaml", in: folder)
        #expect(try execute(["run", good, "--replications", "0"]).status == 2)
        #expect(try execute(["run", good, "--horizon", "soon"]).status == 2)
        #expect(try execute(["run", good, "--format", "pdf"]).status == 2)
        #expect(try execute(["run"]).status == 2)
        #expect(try execute(["frobnicate"]).status == 2)
        let help = try execute(["run", "--help"])
        #expect(help.status == 0 && help.stdout.contains("--format"))
    }

    @Test("run --output writes report.md, report.json and centres.csv; --format json prints the document")
    func reports() throws {
        let folder = try temporaryFolder()
        let good = try write(ScenarioReaderTests.valid, to: "good.yaml", in: folder)
        let output = folder.appendingPathComponent("out")
        let result = try execute(["run", good, "--replications", "3", "--format", "json", "--output", output.path])
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["format_version"] as? Int == 2)
        #expect((document["centres"] as? [Any])?.count == 2)
        #expect((document["by_hour"] as? [Any])?.count == 24)
        let total = try #require(document["total"] as? [String: Any])
        let offered = try #require(total["offered"] as? [String: Any])
        #expect(offered["n"] as? Int == 3)
        #expect(offered["values"] == nil)
        let saved = try Data(contentsOf: output.appendingPathComponent("report.json"))
        let savedDocument = try #require(try JSONSerialization.jsonObject(with: saved) as? [String: Any])
        let savedOffered = (savedDocument["total"] as? [String: Any])?["offered"] as? [String: Any]
        #expect((savedOffered?["values"] as? [Any])?.count == 3)
        let csv = try String(contentsOf: output.appendingPathComponent("centres.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 4)  // header, two centres, total
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("report.md").path))
        for format in ["text", "csv", "markdown"] {
            #expect(try execute(["run", good, "-r", "2", "--format", format]).status == 0)
        }
    }
}

/// `callsim erlang`.
@Suite struct ErlangCommandTests {
    @Test("JSON for one number of consoles, a list for a range, the answer for a target")
    func json() throws {
        let one = try execute(["erlang", "--calls-per-hour", "200", "--aht", "3m", "--consoles", "14", "--format", "json"])
        #expect(one.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        #expect(object["model"] as? String == "erlang-c")
        #expect(abs((object["p_wait"] as? Double ?? 0) - 0.1741319) < 1e-6)
        for key in ["consoles", "load_erlang", "p_abandon", "asa_s", "mean_wait_s", "service_level", "occupancy",
                    "wait_p50_s", "wait_p90_s", "wait_p95_s", "wait_p99_s"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let range = try execute(["erlang", "--calls-per-hour", "200", "--aht", "3m", "--consoles", "10-14",
                                 "--patience", "5m", "--format", "json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(range.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 5 && list.allSatisfy { $0["model"] as? String == "erlang-a" })
        let target = try execute(["erlang", "--calls-per-hour", "200", "--aht", "3m", "--target-sl", "0.8", "--format", "json"])
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(target.stdout.utf8)) as? [String: Any])
        #expect(answer["consoles"] as? Int == 14)
    }

    @Test("At or below the load: p_wait 1, waits null, a note")
    func unstable() throws {
        let result = try execute(["erlang", "--calls-per-hour", "200", "--aht", "3m", "--consoles", "10", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["p_wait"] as? Double == 1)
        #expect(object["asa_s"] is NSNull && object["wait_p90_s"] is NSNull)
        #expect(object["note"] != nil)
    }

    @Test("Bad flags exit 2", arguments: [
        ["--calls-per-hour", "0", "--aht", "3m", "--consoles", "2"],
        ["--calls-per-hour", "10", "--aht", "soon", "--consoles", "2"],
        ["--calls-per-hour", "10", "--aht", "3m", "--consoles", "5-2"],
        ["--calls-per-hour", "10", "--aht", "3m"],
        ["--calls-per-hour", "10", "--aht", "3m", "--target-abandonment", "0.1"],
        ["--calls-per-hour", "10", "--aht", "3m", "--target-sl", "1.5"],
    ])
    func badFlags(arguments: [String]) throws {
        #expect(try execute(["erlang"] + arguments).status == 2)
    }
}
