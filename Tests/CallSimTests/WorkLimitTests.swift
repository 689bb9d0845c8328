import CallModel
import Foundation
import ScenarioFile
import Testing

/// Work that escaped the limits (issue 23): a shift plan of 100,000 consoles in one hour, and
/// sizing searches that surges make long. Each runs, or is refused up front with exit 2 at its
/// file, line and field, saying what to do.
@Suite struct WorkLimitTests {
    /// `Scenarios/single-centre.yaml` with `old` replaced by `new`, written to a file of its own.
    static func singleCentre(replacing old: String, with new: String, in folder: URL, name: String) throws -> String {
        let text = try String(contentsOfFile: "Scenarios/single-centre.yaml", encoding: .utf8)
        #expect(text.contains(old))
        return try write(text.replacingOccurrences(of: old, with: new), to: name, in: folder)
    }

    /// 24 one-hour surges of factor 999, one at noon of each day.
    static let hourlySurges = "surges: [" + (0..<24).map { "{from: \($0 * 24 + 12)h, to: \($0 * 24 + 13)h, factor: 999}" }
        .joined(separator: ", ") + "]\n\ntargets:\n"

    static let shifts = """
        shifts:
          templates:
            - {name: day, start: "07:00", length: 8h, cost: 1}
            - {name: late, start: "15:00", length: 8h, cost: 1}
            - {name: night, start: "23:00", length: 8h, cost: 1.25}

        targets:

        """

    @Test("Sizing (and rostering) a surge of 1,000 over 14 days or 24 one-hour surges of 999 is refused at the factor")
    func sizingSurges() throws {
        let folder = try temporaryFolder()
        let fortnight = try Self.singleCentre(
            replacing: "targets:\n", with: "surges: [{from: 0d, to: 14d, factor: 1000}]\n\n" + Self.shifts, in: folder, name: "fortnight.yaml")
        let hours = try Self.singleCentre(replacing: "targets:\n", with: Self.hourlySurges, in: folder, name: "hours.yaml")
        for (path, command) in [(fortnight, "size"), (fortnight, "roster"), (hours, "size")] {
            let refused = try execute([command, path])
            #expect(refused.status == 2, "\(command) \(path): \(refused.stderr)")
            #expect(refused.stderr.contains("\(path):31:") && refused.stderr.contains("surges[0].factor:"), "\(refused.stderr)")
            #expect(refused.stderr.contains("callsim sizes with at most 4e+07") && refused.stderr.contains("callsim check"))
            #expect(refused.stdout.isEmpty)
        }
        // The same surges run, and so does sizing them with fewer replications.
        #expect(try execute(["run", hours]).status == 0)
        let scenario = try ScenarioReader.read(path: hours, requireStable: false).withRunSettings(replications: 5)
        #expect(scenario.expectedSizingWork.calls < Scenario.maxSizingCalls)
    }

    @Test("Sizing without surges is bounded by its first batches alone, refused at the horizon")
    func sizingLongHorizon() throws {
        let folder = try temporaryFolder()
        let busy = try Self.singleCentre(
            replacing: "calls_per_day: 20,", with: "calls_per_day: 100000,", in: folder, name: "busy.yaml")
        let refused = try execute(["size", busy])
        #expect(refused.status == 2 && refused.stderr.contains("\(busy):6:") && refused.stderr.contains("horizon:"), "\(refused.stderr)")
        #expect(refused.stderr.contains("about 2 candidates"), "\(refused.stderr)")
    }

    @Test("The committed scenarios, and the launch at six times its load, are sized as before (not refused)")
    func committedScenariosAreSized() throws {
        for name in ["single-centre", "your-own-helpline", "romania-119", "romania-119-launch", "romania-119-overflow",
                     "romania-119-pooled", "romania-119-night-pool", "romania-119-iasi-story"] {
            var scenario = try ScenarioReader.read(path: "Scenarios/\(name).yaml", requireStable: false)
            #expect(scenario.expectedSizingWork.calls <= Scenario.maxSizingCalls, "\(name)")
            for index in scenario.centres.indices { scenario.centres[index].callsPerDay *= 6 }
            #expect(scenario.expectedSizingWork.calls <= Scenario.maxSizingCalls, "\(name) × 6")
        }
    }

    @Test("A shift plan of 100,000 consoles in one hour runs: they come back on shift sorted once, not each by a look")
    func hundredThousandConsoles() throws {
        let folder = try temporaryFolder()
        let plan = try Self.singleCentre(
            replacing: "consoles: 2\n", with: "consoles: {by_hour: [100000" + String(repeating: ", 2", count: 23) + "]}\n",
            in: folder, name: "plan.yaml")
        let run = try execute(["run", plan, "--horizon", "3d", "--replications", "4", "--precision", "0", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"replications\": 4"))
    }
}
