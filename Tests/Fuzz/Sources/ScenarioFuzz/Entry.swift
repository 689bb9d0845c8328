import CallModel
import ScenarioFile

/// libFuzzer's entry: the bytes as a scenario file. The reader must accept it or throw a
/// `ScenarioError`; an accepted scenario, cut to one short replication, must run. A trap, an abort
/// or a hang is a finding (libFuzzer keeps the input).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = DurationText.seconds(text)
    guard var scenario = try? ScenarioReader.parse(text, file: "fuzz.yaml") else { return 0 }
    // One replication of at most a day, and only when it is small: the harness looks for crashes
    // in the model's handling of odd but valid input, not for slow scenarios (the reader's work
    // estimate refuses those).
    scenario.warmup = 0
    scenario.horizon = min(scenario.horizon, 86_400)
    scenario.replications = 1
    scenario.callerLimit = 10_000
    guard scenario.expectedCallsPerReplication < 20_000 else { return 0 }
    _ = Simulator.replicate(scenario, replication: 0)
    return 0
}
