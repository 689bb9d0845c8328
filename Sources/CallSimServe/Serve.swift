import ArgumentParser
import CallModel
import Dispatch
import Foundation
import ServeArguments
import WhatIf

/// `callsim-serve`: the what-if page's server, which `callsim serve` hands over to (docs/what-if.md).
/// A binary of its own so that every other command starts without the HTTP stack's libraries.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callsim serve", abstract: ServeArguments.abstract, discussion: ServeArguments.discussion)

    @OptionGroup var arguments: ServeArguments

    func run() async throws {
        let service = try WhatIfService(path: arguments.scenario, jobs: arguments.jobs)
        let server: WhatIfServer
        do { server = try WhatIfServer(service: service, host: arguments.host, port: UInt16(arguments.port)) } catch {
            throw ServeError(description: "--host: \(arguments.host) is not an IP address to listen on, such as 127.0.0.1 (\(error))")
        }
        let serving = Task { try await server.run() }
        let stopping = Self.onInterrupt { await server.stop() }
        do {
            let bound = try await server.port()
            let shown = arguments.host.contains(":") ? "[\(arguments.host)]" : arguments.host
            FileHandle.standardError.write(Data(
                "callsim serve: \(service.base.name) at http://\(shown):\(bound)/ (Ctrl-C stops)\n".utf8))
        } catch {
            serving.cancel()
            var why = "\(error)"
            do { try await serving.value } catch let failure { why = "\(failure)" }
            throw ServeError(description: "--port: cannot listen on \(arguments.host):\(arguments.port) (\(why)); is it in use? try another --port")
        }
        do { try await serving.value } catch {
            if !stopping.interrupted {
                throw ServeError(description: "--port: cannot listen on \(arguments.host):\(arguments.port) (\(error)); is it in use? try another --port")
            }
        }
        _ = stopping
    }

    /// Stops the server cleanly on Ctrl-C (SIGINT) or SIGTERM instead of dying mid-answer.
    static func onInterrupt(_ stop: @escaping @Sendable () async -> Void) -> Interrupts {
        let interrupts = Interrupts()
        for signal in [SIGINT, SIGTERM] {
            Foundation.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .main)
            source.setEventHandler {
                interrupts.mark()
                Task { await stop() }
            }
            source.resume()
            interrupts.sources.append(source)
        }
        return interrupts
    }
}

/// Bad input found by the server's command line (a host, a port in use): exit status 2.
struct ServeError: BadInput {
    let description: String
}

/// The signal sources kept alive while serving, and whether one fired.
final class Interrupts: @unchecked Sendable {  // written on the main queue only, read after the server stops
    var sources: [any DispatchSourceSignal] = []
    private(set) var interrupted = false
    func mark() { interrupted = true }
}

@main
enum Main {
    static func main() async {
        do {
            try await ServeCommand.parse().run()
        } catch let error as any BadInput {
            fail(error.report, status: 2)
        } catch {
            let code = ServeCommand.exitCode(for: error)
            if code == .success { ServeCommand.exit(withError: error) }
            if code == .validationFailure { fail(ServeCommand.fullMessage(for: error), status: 2) }
            fail("internal error: \(error)", status: 3)
        }
    }

    static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(status)
    }
}
