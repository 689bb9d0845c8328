import ArgumentParser
import Foundation
import ServeArguments

extension CallSim {
    /// `callsim serve`: hands over to `callsim-serve`, built beside `callsim`, which serves the
    /// what-if page; `callsim` itself does not link the HTTP stack, so its other commands start fast.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: ServeArguments.abstract, discussion: ServeArguments.discussion)

        @OptionGroup var arguments: ServeArguments

        func run() throws {
            let here = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
            let server = here.deletingLastPathComponent().appendingPathComponent("callsim-serve").path
            guard FileManager.default.isExecutableFile(atPath: server) else {
                throw InputError(description: "callsim serve needs callsim-serve beside callsim (\(server)): "
                    + "build it with `swift build -c release --product callsim-serve` (make build builds both)")
            }
            let passed = Array(CommandLine.arguments.drop { $0 != "serve" }.dropFirst())
            let argv = ([server] + passed).map { strdup($0) } + [nil]
            execv(server, argv)
            throw InputError(description: "cannot start \(server): \(String(cString: strerror(errno)))")
        }
    }
}
