// callsim-perf: fixed workloads for the instruction-count gate (Benchmarks/perf-gate.sh).
//
// A plain synchronous program — no Swift concurrency — so that valgrind's callgrind can count its
// instructions (it cannot run an async `main`). Each workload reads a scenario, fixes its length
// and replications, and plays them; it prints the calls simulated.
//
//   callsim-perf national | one-centre | sizing-candidate
import CallModel
import Foundation
import ScenarioFile

/// A workload: a scenario file, how many times its load, its horizon in days, its replications,
/// and whether only one centre's callers call (as in sizing, which judges a centre on its own
/// callers: a candidate run is the scenario's replications and their figures).
let workloads: [String: (file: String, load: Double, days: Double, replications: Int, alone: String?)] = [
    "national": ("Scenarios/romania-119.yaml", 10, 70, 1, nil),
    "one-centre": ("Benchmarks/one-centre-10-consoles.yaml", 1, 56, 1, nil),
    "sizing-candidate": ("Scenarios/romania-119-launch.yaml", 1, 14, 20, "CJ"),
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
    scenario.replications = workload.replications
    if let alone = workload.alone, let index = scenario.centres.firstIndex(where: { $0.code == alone }) {
        // As sizing runs one centre alone (ConsoleSizing.alone): a scenario of its own, the centre
        // drawing from its own streams, with the absences and surges that touch it.
        scenario.centres = [scenario.centres[index]]
        scenario.centres[0].streamGroup = index
        scenario.absences = scenario.absences.filter { $0.centre == alone }
        scenario.surges = scenario.surges.filter { $0.centres?.contains(alone) ?? true }
    }
    let summaries = (0..<workload.replications).map { Simulator.replicate(scenario, replication: $0) }
    let result = RunResult(scenario: scenario, replications: summaries, wallSeconds: 0)
    print("\(CommandLine.arguments[1]): \(result.simulatedCalls) calls, \(result.events) events")
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
