import ArgumentParser
import CallModel
import Foundation

extension CallSim {
    /// `callsim bench`: how fast the simulator runs a scenario on one core, and its peak memory.
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure simulated calls per second on one core and peak memory for a scenario.",
            discussion: """
                Runs the replications one after another on one core and prints calls simulated (every \
                arrival, warm-up and drain included), events, the CPU time they took (and the wall time), \
                calls and events per CPU second, and the process's peak resident memory. Run each case in \
                its own process so peak memory is its own.
                """)

        @OptionGroup var options: ScenarioOptions

        @Option(help: "Multiply every centre's arrival rate by this factor.")
        var load: Double = 1

        func validate() throws {
            guard load > 0, load.isFinite else { throw ValidationError("--load must be a number above 0") }
        }

        func run() async throws {
            var scenario = try options.load()
            for index in scenario.centres.indices { scenario.centres[index].callsPerDay *= load }
            try ScenarioOptions.checkWorkload(scenario)
            let started = DispatchTime.now().uptimeNanoseconds
            let cpuStarted = Self.cpuSeconds()
            var calls = 0, events = 0
            for replication in 0..<scenario.replications {
                let summary = Simulator.replicate(scenario, replication: replication)
                if summary.overload != nil {
                    _ = try options.checked(RunResult(scenario: scenario, replications: [summary], wallSeconds: 0))
                }
                calls += summary.arrivals
                events += summary.events
            }
            let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            let cpu = Self.cpuSeconds() - cpuStarted
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            print(String(
                format: "%@: load ×%g, horizon %g days, %d replications: %d calls, %d events in %.3f s of CPU "
                    + "(%.3f s wall); %.2f M calls/s, %.2f M events/s per core; peak memory %.1f MiB",
                scenario.name, load, scenario.horizon / 86_400, scenario.replications, calls, events, cpu, wall,
                Double(calls) / cpu / 1e6, Double(events) / cpu / 1e6, Double(usage.ru_maxrss) / 1024))
        }

        /// CPU seconds (user and system) this process has used so far.
        static func cpuSeconds() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
            return seconds(usage.ru_utime) + seconds(usage.ru_stime)
        }
    }
}
