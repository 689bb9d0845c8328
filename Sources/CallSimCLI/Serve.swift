import ArgumentParser
import Dispatch
import Foundation
import WhatIf

extension CallSim {
    /// `callsim serve`: the what-if page and its API for one scenario.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve a what-if page: change consoles, the night pool, load or patience and see the answer at once.",
            discussion: """
                Open the address it prints in a browser. The page shows Erlang A's estimate at once and the \
                simulation (the scenario's seed, unless changed) when it lands; the address keeps the changes. \
                POST /api/run answers the result document of `callsim run` for the changed scenario \
                (docs/what-if.md). It listens on 127.0.0.1 only unless --host says otherwise; Ctrl-C stops it.
                """)

        @Argument(help: "The scenario file (YAML).")
        var scenario: String

        @Option(help: "The port to listen on (0: any free port).")
        var port: Int = 8119

        @Option(help: "The address to listen on: 127.0.0.1 (this machine only), 0.0.0.0 (every network), or another.")
        var host = "127.0.0.1"

        @OptionGroup var parallel: JobsOption

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        }

        func run() async throws {
            let service = try WhatIfService(path: scenario, jobs: parallel.jobs)
            let server: WhatIfServer
            do { server = try WhatIfServer(service: service, host: host, port: UInt16(port)) } catch {
                throw InputError(description: "--host: \(host) is not an IP address to listen on, such as 127.0.0.1 (\(error))")
            }
            let serving = Task { try await server.run() }
            let stopping = Self.onInterrupt { await server.stop() }
            do {
                let bound = try await server.port()
                let shown = host.contains(":") ? "[\(host)]" : host
                FileHandle.standardError.write(Data(
                    "callsim serve: \(service.base.name) at http://\(shown):\(bound)/ (Ctrl-C stops)\n".utf8))
            } catch {
                serving.cancel()
                var why = "\(error)"
                do { try await serving.value } catch let failure { why = "\(failure)" }
                throw InputError(description: "--port: cannot listen on \(host):\(port) (\(why)); is it in use? try another --port")
            }
            do { try await serving.value } catch {
                if !stopping.interrupted {
                    throw InputError(description: "--port: cannot listen on \(host):\(port) (\(error)); is it in use? try another --port")
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
}

/// The signal sources kept alive while serving, and whether one fired.
final class Interrupts: @unchecked Sendable {  // written on the main queue only, read after the server stops
    var sources: [any DispatchSourceSignal] = []
    private(set) var interrupted = false
    func mark() { interrupted = true }
}
