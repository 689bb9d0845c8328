import Foundation
import Testing

/// The built `callsim` executable: exit statuses, messages and the files it writes.
@Suite struct CommandLineTests {
    func write(_ text: String, to name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

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
        #expect(document["format_version"] as? Int == 1)
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
