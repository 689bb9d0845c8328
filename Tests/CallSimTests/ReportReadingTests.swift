import Foundation
import Testing

/// Reports read back (`compare`, `check --baseline`) are validated as scenarios are; output
/// folders are written whole or not at all; maps and axes take what a planner's scenario or a
/// hand-edited report holds (issue 27). Through the command line, as a planner meets them.
@Suite struct ReportReadingTests {
    static let scenarioText = """
        name: Reading
        horizon: 2d
        replications: 2
        handling: {distribution: exponential, mean: 5m}
        patience: {distribution: exponential, mean: 2m}
        targets: {abandonment_rate: 0.5}
        centres:
          - {code: A, calls_per_day: 20, lat: 45.0, lon: 25.0}
          - {code: B, calls_per_day: 10, lat: 46.0, lon: 25.0}
        """

    /// A folder with the scenario and the report.json of its run.
    static func reportFolder() throws -> (folder: URL, scenario: String, report: [String: Any]) {
        let folder = try temporaryFolder()
        let scenario = try write(scenarioText, to: "reading.yaml", in: folder)
        let run = try execute(["run", scenario, "--output", folder.appendingPathComponent("run").path])
        #expect(run.status == 0, "\(run.stderr)")
        let data = try Data(contentsOf: folder.appendingPathComponent("run/report.json"))
        return (folder, scenario, try JSONSerialization.jsonObject(with: data) as! [String: Any])
    }

    static func writeJSON(_ object: [String: Any], to name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        return url.path
    }

    /// `report` with `change` applied at a path of keys and indices.
    static func changed(_ report: [String: Any], _ path: [Any], to value: Any?) -> [String: Any] {
        func set(_ node: Any, _ path: ArraySlice<Any>) -> Any? {
            guard let step = path.first else { return value }
            if var object = node as? [String: Any], let key = step as? String {
                object[key] = object[key].flatMap { set($0, path.dropFirst()) } ?? (path.count == 1 ? value : nil)
                return object
            }
            if var array = node as? [Any], let index = step as? Int {
                if path.count == 1, value == nil { array.remove(at: index) } else { array[index] = set(array[index], path.dropFirst()) as Any }
                return array
            }
            return node
        }
        return set(report, path[...]) as! [String: Any]
    }

    @Test("compare and check refuse a report that is not one, naming the field, and leave no folder")
    func refusedReports() throws {
        let (folder, scenario, report) = try Self.reportFolder()
        let good = folder.appendingPathComponent("run/report.json").path
        let cases: [(name: String, path: [Any], value: Any?, field: String)] = [
            ("no total", ["total"], nil, "total"),
            ("no centres", ["centres"], nil, "centres"),
            ("no centre at all", ["centres"], [Any](), "centres"),
            ("a horizon of 0", ["horizon_s"], 0, "horizon_s"),
            ("a negative horizon", ["horizon_s"], -86_400, "horizon_s"),
            ("no replication", ["replications"], 0, "replications"),
            ("a negative seed", ["seed"], -1, "seed"),
            ("a seed as text", ["seed"], "7", "seed"),
            ("a version that is true", ["format_version"], true, "format_version"),
            ("a version of 1.5", ["format_version"], 1.5, "format_version"),
            ("a mean that is text", ["centres", 1, "asa_s", "mean"], "abc", "centres[1].asa_s.mean"),
            ("an interval that is true", ["total", "abandonment_rate", "ci95"], true, "total.abandonment_rate.ci95"),
            ("a negative interval", ["total", "service_level", "ci95"], -0.1, "total.service_level.ci95"),
            ("a service level above 1", ["centres", 0, "service_level", "mean"], 1.5, "centres[0].service_level.mean"),
            ("a negative count of calls", ["by_hour", 3, "offered", "mean"], -2, "by_hour[3].offered.mean"),
            ("a replication's value that is text", ["total", "offered", "values", 0], "x", "total.offered.values[0]"),
            ("a latitude that is text", ["centres", 0, "lat"], "north", "centres[0].lat"),
            ("23 hours", ["by_hour", 23], nil, "by_hour"),
            ("an hour past 23", ["targets", 0, "hour"], 24, "targets[0].hour"),
            ("an unknown KPI in a target", ["targets", 0, "kpi"], "speed", "targets[0].kpi"),
        ]
        for (index, item) in cases.enumerated() {
            let bad = try Self.writeJSON(Self.changed(report, item.path, to: item.value), to: "bad\(index).json", in: folder)
            let out = folder.appendingPathComponent("out\(index)")
            let compared = try execute(["compare", good, bad, "--output", out.path])
            #expect(compared.status == 2, "\(item.name): compare exited \(compared.status)")
            #expect(compared.stderr.contains("\(bad): \(item.field)"), "\(item.name): \(compared.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.path), "\(item.name): compare left \(out.path)")
            let checked = try execute(["check", scenario, "--baseline", bad])
            #expect(checked.status == 2 && checked.stderr.contains(item.field), "\(item.name): check: \(checked.stderr)")
        }
        // A number past what a double holds is not JSON callsim reads.
        let text = try String(contentsOfFile: good, encoding: .utf8)
        let overflowing = try write(text.replacingOccurrences(of: "\"horizon_s\": 172800", with: "\"horizon_s\": 1e999"), to: "inf.json", in: folder)
        let compared = try execute(["compare", good, overflowing])
        #expect(compared.status == 2 && compared.stderr.contains("too large"), "\(compared.stderr)")
    }

    @Test("compare draws any finite figure, clipping and saying so past what can be drawn")
    func extremeFigures() throws {
        let (folder, _, report) = try Self.reportFolder()
        let good = folder.appendingPathComponent("run/report.json").path
        for (index, figure) in [1e301, 1.7e308, .greatestFiniteMagnitude, 1e-300, 0].enumerated() {
            var changed = report
            for hour in [5, 6] { changed = Self.changed(changed, ["by_hour", hour, "offered", "mean"], to: figure) }
            changed = Self.changed(changed, ["centres", 0, "asa_s", "mean"], to: figure)
            let path = try Self.writeJSON(changed, to: "extreme\(index).json", in: folder)
            let out = folder.appendingPathComponent("extreme\(index)")
            let compared = try execute(["compare", good, path, "--output", out.path])
            #expect(compared.status == 0, "\(figure): \(compared.stderr)")
            let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(html.contains("drawn at the edge") == (abs(figure) > 1e305), "\(figure)")
        }
    }

    @Test("run --output draws a map of centres at one place or on one meridian, every code on it")
    func degenerateMaps() throws {
        let folder = try temporaryFolder()
        let layouts: [(String, [(Double, Double)])] = [
            ("one place", Array(repeating: (45.0, 25.0), count: 83)),
            ("one meridian", [(44.0, 25.0), (48.0, 25.0), (46.5, 25.0)]),
            ("one latitude", (0..<30).map { (45.0, 20.0 + Double($0) * 0.3) }),
        ]
        for (name, places) in layouts {
            let centres = places.enumerated().map { "  - {code: C\($0), calls_per_day: 5, lat: \($1.0), lon: \($1.1)}" }
            let path = try write("name: Map\nhorizon: 1d\nreplications: 2\nhandling: 5m\npatience: 2m\ncentres:\n"
                + centres.joined(separator: "\n") + "\n", to: "map.yaml", in: folder)
            let out = folder.appendingPathComponent(name)
            let run = try execute(["run", path, "--output", out.path])
            #expect(run.status == 0, "\(name): \(run.stderr)")
            let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
            let map = try #require(html.components(separatedBy: "<svg").first { $0.contains(#"id="map-service-level""#) }?
                .components(separatedBy: "</svg>").first)
            for index in places.indices { #expect(map.contains(">C\(index)<"), "\(name): C\(index) missing") }
        }
    }

    @Test("An output folder is written whole or not at all, and a failure says why in words")
    func outputFolders() throws {
        let (folder, scenario, _) = try Self.reportFolder()
        let file = try write("x", to: "a-file", in: folder)
        let onFile = try execute(["run", scenario, "--output", file])
        #expect(onFile.status == 2 && onFile.stderr.contains("is a file, not a folder"), "\(onFile.stderr)")
        let underFile = try execute(["run", scenario, "--output", file + "/reports"])
        #expect(underFile.status == 2 && underFile.stderr.contains("not a directory"), "\(underFile.stderr)")
        let longName = folder.appendingPathComponent("new/" + String(repeating: "x", count: 300))
        let tooLong = try execute(["run", scenario, "--output", longName.path])
        #expect(tooLong.status == 2 && tooLong.stderr.contains("cannot be written"), "\(tooLong.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("new").path), "a created folder was left")
        let good = folder.appendingPathComponent("run/report.json").path
        let compared = try execute(["compare", good, good, "--output", file])
        #expect(compared.status == 2 && compared.stderr.contains("is a file"), "\(compared.stderr)")
        for failure in [onFile, underFile, tooLong, compared] {
            #expect(!failure.stderr.contains("NSCocoaErrorDomain") && !failure.stderr.contains("error 5"), "\(failure.stderr)")
        }
    }

    @Test("No Foundation error text reaches a user: messages are written, not passed through")
    func noFoundationMessages() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50, "found the sources")
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("localizedDescription") && !text.contains("NSCocoaErrorDomain"), "\(file)")
        }
    }

    @Test("A routing period or policy that cannot change anything is warned about, and the run goes on")
    func idleRoutingWarnings() throws {
        let folder = try temporaryFolder()
        let base = "name: Idle\nhorizon: 1d\nreplications: 2\nhandling: 5m\npatience: 2m\n"
        let centres = "centres:\n  - {code: A, calls_per_day: 10}\n  - {code: B, calls_per_day: 10}\n"
        let cases: [(routing: String, warning: String?)] = [
            ("routing:\n  policy: local\n  periods:\n    - {from: \"22:00\", to: \"07:00\", policy: local}\n",
             "reading.yaml:9:7: warning: routing.periods[0]: 22:00-07:00 repeats the main policy"),
            ("routing: {policy: overflow, overflow_after: 20s}\n", "routing.policy: overflow, but no centre lists neighbours"),
            ("routing: {policy: local, periods: [{from: \"06:00\", to: \"09:00\", policy: overflow, overflow_after: 1m}]}\n",
             "routing.periods[0]: 06:00-09:00 overflows, but no centre lists neighbours"),
            ("routing: {policy: local, periods: [{from: \"22:00\", to: \"07:00\", policy: pooled}]}\n", nil),
        ]
        for item in cases {
            let path = try write(base + item.routing + centres, to: "reading.yaml", in: folder)
            let run = try execute(["validate", path])
            #expect(run.status == 0, "\(run.stderr)")
            if let warning = item.warning {
                #expect(run.stderr.contains(warning), "\(item.routing): \(run.stderr)")
            } else {
                #expect(!run.stderr.contains("warning"), "\(item.routing): \(run.stderr)")
            }
        }
        let helped = base + "routing: {policy: overflow, overflow_after: 20s}\n"
            + "centres:\n  - {code: A, calls_per_day: 10, neighbours: [B]}\n  - {code: B, calls_per_day: 10}\n"
        let run = try execute(["validate", try write(helped, to: "helped.yaml", in: folder)])
        #expect(run.status == 0 && !run.stderr.contains("warning"), "\(run.stderr)")
    }
}
