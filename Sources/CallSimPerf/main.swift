// callsim-perf: fixed workloads for the instruction-count gate (Benchmarks/perf-gate.sh).
//
// A plain synchronous program — no Swift concurrency — so that valgrind's callgrind can count its
// instructions (it cannot run an async `main`). Each workload reads a scenario, fixes its length
// and replications, and plays one replication; it prints the calls simulated.
//
//   callsim-perf national | one-centre
import CallModel
import Foundation
import ScenarioFile

/// A workload: a scenario file, how many times its load, and its horizon in days.
let workloads: [String: (file: String, load: Double, days: Double)] = [
    "national": ("Scenarios/romania-119.yaml", 10, 70),
    "one-centre": ("Benchmarks/one-centre-10-consoles.yaml", 1, 56),
]

guard CommandLine.arguments.count == 2, let workload = workloads[CommandLine.arguments[1]] else {
    FileHandle.standardError.write(Data("usage: callsim-perf \(workloads.keys.sorted().joined(separator: " | "))\n".utf8))
    exit(2)
}
do {
    var scenario = try ScenarioReader.read(path: workload.file)
    for index in scenario.centres.indices { scenario.centres[index].callsPerDay *= workload.load }
    scenario.horizon = workload.days * 86_400
    scenario.warmup = 0
    let summary = Simulator.replicate(scenario, replication: 0)
    print("\(CommandLine.arguments[1]): \(summary.arrivals) calls, \(summary.events) events")
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
