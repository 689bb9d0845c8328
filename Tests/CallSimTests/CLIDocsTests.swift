import Foundation
@testable import Reports
import Testing
import Yams

/// What the command line says of itself: `--help` of every command pinned by a snapshot, and the
/// CI jobs in docs/ci.md valid and calling only commands and flags that exist.
@Suite struct CLIDocsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let commands = ["", "run", "validate", "check", "size", "roster", "compare", "erlang", "fit", "serve", "bench"]

    /// Set CALLSIM_UPDATE_SNAPSHOTS=1 to write the snapshots anew (then read the diff).
    @Test("--help of every command matches its snapshot", arguments: commands)
    func helpSnapshot(_ command: String) throws {
        let help = try execute((command.isEmpty ? [] : [command]) + ["--help"])
        #expect(help.status == 0)
        let file = Self.root.appendingPathComponent("Tests/CallSimTests/Snapshots/help-\(command.isEmpty ? "callsim" : command).txt")
        if ProcessInfo.processInfo.environment["CALLSIM_UPDATE_SNAPSHOTS"] != nil {
            try help.stdout.write(to: file, atomically: true, encoding: .utf8)
        }
        let pinned = try String(contentsOf: file, encoding: .utf8)
        #expect(help.stdout == pinned, "the help of `callsim \(command)` changed: update the snapshot on purpose")
    }

    @Test("docs/ci.md: every YAML block parses, and calls only callsim commands and flags that exist")
    func ciJobs() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        let blocks = text.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(blocks.count == 2)
        var calls = 0
        for block in blocks {
            #expect(try Yams.compose(yaml: block) != nil)
            let pattern = try NSRegularExpression(pattern: #"callsim ([a-z]+)((?: [^|>\n]*)?)"#)
            for match in pattern.matches(in: block, range: NSRange(block.startIndex..., in: block)) {
                let command = String(block[Range(match.range(at: 1), in: block)!])
                let rest = String(block[Range(match.range(at: 2), in: block)!])
                let help = try execute([command, "--help"])
                #expect(help.status == 0, "callsim \(command) does not exist")
                for flag in rest.split(separator: " ") where flag.hasPrefix("--") {
                    #expect(help.stdout.contains(String(flag)), "callsim \(command) has no \(flag)")
                }
                calls += 1
            }
        }
        #expect(calls >= 4)
    }
}

/// One formatter: a figure reads the same in every human output.
@Suite struct OneFormatterTests {
    @Test("The total's ASA reads the same in the terminal, report.md, report.html, check text and check Markdown")
    func oneFigureEverywhere() throws {
        let folder = try temporaryFolder()
        let path = try write(CheckTests.scenario.replacingOccurrences(of: "abandonment_rate: 0.3}", with: "abandonment_rate: 0.3, asa: 0s}"),
                             to: "asa.yaml", in: folder)
        let out = folder.appendingPathComponent("out")
        let run = try execute(["run", path, "--output", out.path])
        #expect(run.status == 0)
        let data = try Data(contentsOf: out.appendingPathComponent("report.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let asa = try #require((document["total"] as? [String: Any])?["asa_s"] as? [String: Any])
        let expected = FigureText.text(mean: asa["mean"] as? Double, ci95: asa["ci95"] as? Double, .duration)
        #expect(expected.contains(" ± ") && expected.hasSuffix(" s"))
        let outputs = [
            ("terminal", run.stdout),
            ("report.md", try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)),
            ("report.html", try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)),
            ("check", try execute(["check", path]).stdout),
            ("check markdown", try execute(["check", path, "--format", "markdown"]).stdout),
        ]
        for (name, text) in outputs {
            #expect(text.contains(expected), "\(name) does not show the ASA as \(expected)")
        }
        // And check shows no number with more than 4 significant digits.
        for format in ["text", "markdown"] {
            let text = try execute(["check", path, "--format", format]).stdout
            let numbers = try NSRegularExpression(pattern: #"\d+(?:\.\d+)?"#)
            for match in numbers.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let digits = text[Range(match.range, in: text)!].filter(\.isNumber).drop { $0 == "0" }
                #expect(digits.count <= 4, "\(format): \(text[Range(match.range, in: text)!])")
            }
        }
    }
}
