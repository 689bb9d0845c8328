import CallModel
import Foundation
import ScenarioFile
import SimStatistics
import Testing

/// Reads a scenario from YAML text, failing the test with the reader's message if it is refused.
func scenario(_ yaml: String) throws -> Scenario {
    try ScenarioReader.parse(yaml, file: "test.yaml")
}

/// Runs every replication of `scenario` on two jobs.
func simulate(_ scenario: Scenario) async -> RunResult {
    await Simulator.run(scenario, jobs: 2)
}

extension RunResult {
    /// The total's estimate of `kpi`.
    subscript(kpi: KPI) -> Estimate { total[kpi.index] }
}

/// Expects the simulated estimate to agree with an exact value: within 3 × its 95 % half-width
/// (a miss has odds well under 1 in 1,000 for a normal mean), and the half-width itself within
/// `precision` of the exact value, so that a wide interval cannot pass a wrong figure.
func expectAgrees(
    _ estimate: Estimate, _ exact: Double, precision: Double = 0.05, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let mean = estimate.mean, let ci = estimate.ci95 else {
        Issue.record("\(what): no estimate", sourceLocation: sourceLocation)
        return
    }
    #expect(
        abs(mean - exact) <= 3 * ci, "\(what): simulated \(mean) ± \(ci), exact \(exact)", sourceLocation: sourceLocation)
    #expect(
        ci <= precision * abs(exact), "\(what): interval ± \(ci) too wide to judge exact \(exact)",
        sourceLocation: sourceLocation)
}

/// The built `callsim` executable, beside the test bundle.
func callsimBinary() -> URL {
    let candidates = [
        Bundle.main.bundleURL.appendingPathComponent("callsim"),
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("callsim"),
        Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("callsim"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
}

/// What a run of the `callsim` executable printed and how it exited.
struct Execution {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs `callsim` with `arguments` and waits for it.
func execute(_ arguments: [String]) throws -> Execution {
    let process = Process()
    process.executableURL = callsimBinary()
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Execution(
        status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
        stderr: String(decoding: stderr, as: UTF8.self))
}

/// A fresh temporary folder.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("callsim-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `text` to the file `name` in `folder` and returns its path.
func write(_ text: String, to name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}
