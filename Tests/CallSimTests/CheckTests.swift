import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `callsim check`: targets, the baseline gate and the JUnit file.
@Suite struct CheckTests {
    static let scenario = """
        name: Gate
        seed: 4
        horizon: 10d
        replications: 10
        handling: {distribution: exponential, mean: 4m}
        patience: {distribution: exponential, mean: 2m}
        targets: {service_level: 0.5, abandonment_rate: 0.3}
        centres:
          - {code: A, calls_per_day: 500, consoles: 2}
          - {code: B, calls_per_day: 300, consoles: 2}
        """

    @Test("Targets: exit 0 when they hold, 1 when one is missed; the JUnit file has the right counts")
    func targets() throws {
        let folder = try temporaryFolder()
        let good = try write(Self.scenario, to: "good.yaml", in: folder)
        #expect(try execute(["check", good]).status == 0)
        let strict = try write(Self.scenario.replacingOccurrences(of: "service_level: 0.5", with: "service_level: 0.99"),
                               to: "strict.yaml", in: folder)
        let junit = folder.appendingPathComponent("junit.xml")
        let result = try execute(["check", strict, "--junit", junit.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL"))
        let document = try XMLDocument(contentsOf: junit)
        let root = try #require(document.rootElement())
        // Two targets × (total, A, B) = 6 test cases; the service level misses everywhere.
        #expect(root.attribute(forName: "tests")?.stringValue == "6")
        #expect(root.attribute(forName: "failures")?.stringValue == "3")
        #expect(root.elements(forName: "testsuite").count == 3)
    }

    @Test("Baseline: the same scenario passes; 5 % longer handling and fewer consoles are caught")
    func baseline() throws {
        let folder = try temporaryFolder()
        let good = try write(Self.scenario, to: "good.yaml", in: folder)
        let output = folder.appendingPathComponent("base")
        #expect(try execute(["run", good, "--output", output.path]).status == 0)
        let baseline = output.appendingPathComponent("report.json").path
        #expect(try execute(["check", good, "--baseline", baseline]).status == 0)
        let longer = try write(Self.scenario.replacingOccurrences(of: "mean: 4m}", with: "mean: 4.2m}"), to: "longer.yaml", in: folder)
        let caught = try execute(["check", longer, "--baseline", baseline, "--format", "json"])
        #expect(caught.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(caught.stdout.utf8)) as? [String: Any])
        #expect(json["passed"] as? Bool == false)
        let fewer = try write(Self.scenario.replacingOccurrences(of: "{code: B, calls_per_day: 300, consoles: 2}",
                                                                 with: "{code: B, calls_per_day: 300, consoles: 1}"), to: "fewer.yaml", in: folder)
        #expect(try execute(["check", fewer, "--baseline", baseline]).status == 1)
        // A baseline of another scenario is refused as bad input.
        let other = try write(Self.scenario.replacingOccurrences(of: "name: Gate", with: "name: Other"), to: "other.yaml", in: folder)
        let refused = try execute(["check", other, "--baseline", baseline])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("not \"Other\""))
        #expect(try execute(["check", good, "--baseline", folder.appendingPathComponent("none.json").path]).status == 2)
    }
}
