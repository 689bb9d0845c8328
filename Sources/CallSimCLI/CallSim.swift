import ArgumentParser
import CallModel
import Foundation
import Reports
import ScenarioFile

/// The `callsim` command: its subcommands and how its errors become exit statuses.
struct CallSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callsim",
        abstract: "Simulate calls to a network of call-taking centres: waits, hang-ups and delays to the emergency service.",
        discussion: """
            Write a scenario file (see docs/scenario-format.md), check it with `callsim validate`, then \
            `callsim run` it. Exit status: 0 done; 2 bad input (scenario, flags, missing file), with a \
            message naming the file, line and field; 3 internal error. `check` exits 1 when a target is missed \
            or a regression found.
            """,
        version: "0.1.0",
        subcommands: [Run.self, Validate.self, Check.self, Size.self, Roster.self, Compare.self, Erlang.self, Fit.self, Serve.self, Bench.self])
}

/// Bad input found by the command line itself (a flag's value): exit status 2.
struct InputError: BadInput {
    let description: String
}

@main
enum Main {
    static func main() async {
        do {
            var command = try CallSim.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as any BadInput {
            fail(error.report, status: 2)
        } catch {
            let code = CallSim.exitCode(for: error)
            if code == .success { CallSim.exit(withError: error) }  // --help, --version
            if let exit = error as? ExitCode { Foundation.exit(exit.rawValue) }
            if code == .validationFailure {
                fail(unknownCommand() ?? CallSim.fullMessage(for: error), status: 2)
            }
            fail("internal error: \(error)", status: 3)
        }
    }

    /// "unknown command 'simulate' (did you mean 'run'?)" when the first argument names no
    /// command; `nil` otherwise.
    static func unknownCommand() -> String? {
        let arguments = CommandLine.arguments.dropFirst()
        guard let word = arguments.first, !word.hasPrefix("-") else { return nil }
        let names = CallSim.configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(word) else { return nil }
        let synonyms = ["simulate": "run", "sim": "run", "simulation": "run", "sizing": "size", "plan": "size", "shifts": "roster", "rota": "roster",
                        "diff": "compare", "test": "check", "verify": "check", "lint": "validate", "benchmark": "bench"]
        let guess = synonyms[word.lowercased()] ?? names.filter { distance($0, word.lowercased()) <= 2 }.min { distance($0, word) < distance($1, word) }
        return "error: unknown command '\(word)'" + (guess.map { " (did you mean '\($0)'?)" } ?? "")
            + "; the commands are \(names.dropLast().joined(separator: ", ")) (callsim --help says what each does)"
    }

    /// Edits (insertions, deletions, substitutions) from `a` to `b`: how far a typo is from a name.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }

    static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(status)
    }
}
