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
        subcommands: [Run.self, Validate.self, Check.self, Size.self, Compare.self, Erlang.self, Bench.self])
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
                fail(CallSim.fullMessage(for: error), status: 2)
            }
            fail("internal error: \(error)", status: 3)
        }
    }

    static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(status)
    }
}
