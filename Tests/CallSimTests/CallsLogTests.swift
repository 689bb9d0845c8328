import CallModel
import CallRecords
import Foundation
import Testing

/// `run --calls-log`: one row per attempt of replication 1 in the window, the same replication
/// `run` simulates, with callers linked across their redials.
@Suite struct CallsLogTests {
    /// Redials, two call types, escalation, a queue capacity and overflow: every outcome and field.
    static let yaml = """
        name: logged
        seed: 11
        horizon: 5d
        warmup: 6h
        replications: 1
        handling: {distribution: lognormal, mean: 6m, sd: 4m}
        wrapup: 1m
        patience: {distribution: exponential, mean: 90s}
        escalation: {probability: 0.2, handoff: {distribution: gamma, mean: 3m, sd: 1m}}
        redial: {probability: 0.5, delay: {distribution: exponential, mean: 5m}}
        queue_capacity: 3
        call_types:
          - {name: silent, share: 0.4, handling: {distribution: exponential, mean: 30s}, wrapup: 0s, escalation: {probability: 0}}
          - {name: report, share: 0.6}
        routing: {policy: overflow, overflow_after: 40s}
        centres:
          - {code: AA, calls_per_day: 500, consoles: 2, neighbours: [BB]}
          - {code: BB, calls_per_day: 300, consoles: 2, neighbours: [AA]}
        """

    @Test func rowsAreTheReplicationsAttempts() throws {
        let scenario = try scenario(Self.yaml)
        var records: [AttemptRecord] = []
        let logged = Simulator.logAttempts(scenario) { records.append($0) }
        let plain = Simulator.replicate(scenario, replication: 0)
        // Logging changes nothing: the replication's figures are `run`'s replication 1.
        for kpi in [KPI.offered, .answered, .abandoned, .blocked, .redials, .escalated, .overflowed] {
            #expect(logged.total.figures[kpi.index] == plain.total.figures[kpi.index], "\(kpi)")
        }
        func count(_ outcome: AttemptRecord.Outcome) -> Double { Double(records.filter { $0.outcome == outcome }.count) }
        #expect(Double(records.count) == plain.total.figures[KPI.offered.index].part)
        #expect(count(.answered) == plain.total.figures[KPI.answered.index].part)
        #expect(count(.abandoned) == plain.total.figures[KPI.abandoned.index].part)
        #expect(count(.blocked) == plain.total.figures[KPI.blocked.index].part)
        #expect(Double(records.filter(\.escalated).count) == plain.total.figures[KPI.escalated.index].part)
        #expect(Double(records.filter { $0.answeredBy != nil && $0.answeredBy != $0.centre }.count)
            == plain.total.figures[KPI.overflowed.index].part)
        #expect(Double(records.filter { $0.attempt > 1 }.count) == plain.total.figures[KPI.redials.index].part)
        for (centre, figures) in plain.centres.enumerated() {
            #expect(Double(records.filter { $0.centre == centre }.count) == figures.figures[KPI.offered.index].part)
        }
        #expect(count(.blocked) > 0 && count(.abandoned) > 0 && records.contains { $0.attempt > 2 })
    }

    @Test func fieldsAreConsistent() throws {
        let scenario = try scenario(Self.yaml)
        var records: [AttemptRecord] = []
        Simulator.logAttempts(scenario) { records.append($0) }
        let window = scenario.warmup..<(scenario.warmup + scenario.horizon)
        for record in records {
            #expect(window.contains(record.arrival))
            switch record.outcome {
            case .answered:
                #expect(record.answeredBy != nil && record.handling != nil && record.wrapup != nil && record.wait >= 0)
            case .abandoned:
                #expect(record.answeredBy == nil && record.handling == nil && !record.escalated && record.wait > 0)
            case .blocked:
                #expect(record.answeredBy == nil && record.handling == nil && record.wait == 0)
            }
            if record.type == 0 { #expect(!record.escalated && (record.wrapup ?? 0) == 0) }
        }
        // A caller's attempts are numbered 1, 2, … in arrival order, each after the last ended
        // (an attempt of his before the window is not logged, so his first logged one may be a redial),
        // and keep his centre, type and handling.
        let byCaller = Dictionary(grouping: records, by: \.caller)
        for (_, attempts) in byCaller {
            let sorted = attempts.sorted { $0.attempt < $1.attempt }
            for (earlier, later) in zip(sorted, sorted.dropFirst()) {
                #expect(later.attempt == earlier.attempt + 1)
                #expect(earlier.outcome != .answered)
                #expect(later.arrival >= earlier.arrival + earlier.wait)
                #expect(later.centre == earlier.centre && later.type == earlier.type)
            }
            #expect(sorted.filter { $0.outcome == .answered }.count <= 1)
        }
        // Two logs of the same replication are the same.
        var again: [AttemptRecord] = []
        Simulator.logAttempts(scenario) { again.append($0) }
        #expect(again == records)
    }

    @Test func theCommandWritesTheLog() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("calls-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenarioFile = folder.appendingPathComponent("logged.yaml")
        try Self.yaml.write(to: scenarioFile, atomically: true, encoding: .utf8)
        let log = folder.appendingPathComponent("calls.csv").path
        let run = try execute(["run", scenarioFile.path, "--calls-log", log, "--log-start", "2025-03-03T00:00:00+02:00"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "caller,attempt,centre,answered_by,type,arrival,outcome,wait_s,handling_s,wrapup_s,escalated,handoff_s")
        var records: [AttemptRecord] = []
        Simulator.logAttempts(try scenario(Self.yaml)) { records.append($0) }
        #expect(lines.count == records.count + 1)
        // The warm-up is 6 h: the first row arrives on Monday 3 March after 06:00 at +02:00.
        let first = try #require(lines.dropFirst().first?.split(separator: ",", omittingEmptySubsequences: false))
        #expect(first[5].hasPrefix("2025-03-03T") && first[5].hasSuffix("+02:00"))
        let time = try #require(ClockTime(first[5]))
        #expect(abs(time.seconds - (ClockTime("2025-03-03T00:00:00+02:00")!.seconds + records[0].arrival)) < 0.001)
        #expect(!FileManager.default.fileExists(atPath: log + ".partial"))
        // A bad start or an empty name: exit 2, nothing written.
        for bad in [["--log-start", "2025-02-30T00:00:00+02:00"], ["--log-start", "2025-03-04T00:00:00+02:00"], ["--log-start", "2025-03-03T01:00:00+02:00"], ["--calls-log", " "]] {
            let refused = try execute(["run", scenarioFile.path, "--calls-log", folder.appendingPathComponent("bad.csv").path] + bad)
            #expect(refused.status == 2, "\(bad): \(refused.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("bad.csv").path))
    }

    @Test func clockTimesReadAndWrite() throws {
        let time = try #require(ClockTime("2024-01-01T00:00:00+02:00"))
        #expect(time.seconds == 1_704_060_000 && time.weekday == 0 && time.hour == 0)
        #expect(time.adding(86_400 * 6 + 3_600 * 23 + 0.25).text == "2024-01-07T23:00:00.250+02:00")
        #expect(ClockTime("2024-02-29 13:05:09.5Z")?.text == "2024-02-29T13:05:09.500Z")
        #expect(ClockTime("2024-07-01T10:00:00-05:30")?.hour == 10)
        #expect(ClockTime("2024-03-10")?.text == "2024-03-10T00:00:00Z")
        for bad in ["2023-02-29T00:00:00Z", "2024-13-01", "2024-01-01T24:00:00Z", "2024-01-01T10:00:00+2", "yesterday", "", "2024-01-01T10:00:00.Z"] {
            #expect(ClockTime(Substring(bad)) == nil, "\(bad)")
        }
    }
}
