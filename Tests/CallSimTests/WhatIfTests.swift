import CallModel
import Foundation
import ScenarioFile
import Sizing
import SimStatistics
import Testing
import WhatIf
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `callsim serve`: the API's figures are `callsim run`'s, bad requests answer 400 naming the
/// field and the server goes on, concurrent requests all answer, and the page renders a state
/// from its URL in a real browser.
@Suite(.serialized) struct WhatIfTests {
    /// A server on a free port of 127.0.0.1, serving `scenario` while `body` runs.
    func serving<T>(_ scenario: String, _ body: (URL) async throws -> T) async throws -> T {
        let server = try WhatIfServer(service: WhatIfService(path: scenario, jobs: 2), port: 0)
        let task = Task { try await server.run() }
        defer { task.cancel() }
        let port = try await server.port()
        let answer = try await body(URL(string: "http://127.0.0.1:\(port)")!)
        await server.stop()
        return answer
    }

    /// POSTs `body` to `path` and gives the status and the JSON object answered.
    func post(_ base: URL, _ path: String, _ body: String) async throws -> (status: Int, json: [String: Any]) {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.timeoutInterval = 120
        let (data, response) = try await URLSession.shared.data(for: request)
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, json)
    }

    /// The result document without its `run` member (wall time, machine).
    func figures(_ document: [String: Any]) -> NSDictionary {
        var document = document
        document["run"] = nil
        return document as NSDictionary
    }

    /// `callsim run FILE --format json` with `extra`, as a JSON object.
    func cliRun(_ text: String, _ extra: [String]) throws -> [String: Any] {
        let file = try write(text, to: "changed.yaml", in: try temporaryFolder())
        let run = try execute(["run", file, "--format", "json", "--jobs", "2"] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test("POST /api/run with changed consoles (all day and by hour), load, patience, seed and replications gives callsim run's figures")
    func sameAsRun() async throws {
        let source = try String(contentsOfFile: "Scenarios/romania-119.yaml", encoding: .utf8)
        let isHours = [1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 3, 2, 1]
        // The same changes written into the file by hand, as a planner would.
        var changed = source.replacingOccurrences(of: "patience: {distribution: exponential, mean: 2m}", with: "patience: {distribution: exponential, mean: 3m}")
        changed = changed.replacingOccurrences(of: "{code: CJ, name: \"Cluj\",", with: "{code: CJ, name: \"Cluj\", consoles: 3,")
        changed = changed.replacingOccurrences(
            of: "{code: IS, name: \"Iași\",", with: "{code: IS, name: \"Iași\", consoles: {by_hour: [\(isHours.map(String.init).joined(separator: ", "))]},")
        let rate = try NSRegularExpression(pattern: "calls_per_day: ([0-9.]+)")
        for match in rate.matches(in: changed, range: NSRange(changed.startIndex..., in: changed)).reversed() {
            let range = Range(match.range(at: 1), in: changed)!
            changed.replaceSubrange(range, with: String(Double(changed[range])! * 1.2))
        }
        #expect(changed.components(separatedBy: "consoles: 3,").count == 2 && changed.contains("mean: 3m"))
        let expected = try cliRun(changed, ["--seed", "7", "--replications", "10"])
        try await serving("Scenarios/romania-119.yaml") { base in
            let body = "{\"consoles\": {\"CJ\": 3, \"IS\": \(isHours)}, \"load\": 1.2, \"patience\": \"3m\", \"seed\": 7, \"replications\": 10}"
            let (status, json) = try await post(base, "api/run", body)
            #expect(status == 200)
            #expect(json["seed"] as? Int == 7)
            #expect(figures(json) == figures(expected))
            // Nothing changed: the scenario's own run.
            let plain = try await post(base, "api/run", "{\"replications\": 5}")
            #expect(figures(plain.json) == figures(try cliRun(source, ["--replications", "5"])))
        }
    }

    @Test("POST /api/run with a night pool's hours changed gives callsim run's figures")
    func routingSameAsRun() async throws {
        let source = try String(contentsOfFile: "Scenarios/romania-119-night-pool.yaml", encoding: .utf8)
        let changed = source.replacingOccurrences(
            of: "    - {from: \"22:00\", to: \"07:00\", policy: pooled}", with: "    - {from: \"23:00\", to: \"06:00\", policy: pooled}")
        #expect(changed != source)
        let expected = try cliRun(changed, ["--replications", "4"])
        try await serving("Scenarios/romania-119-night-pool.yaml") { base in
            let body = #"{"routing": {"policy": "local", "periods": [{"from": "23:00", "to": "06:00", "policy": "pooled"}]}, "replications": 4}"#
            let (status, json) = try await post(base, "api/run", body)
            #expect(status == 200)
            #expect(json["routing"] as? String == "local; 23:00-06:00 pooled")
            #expect(figures(json) == figures(expected))
        }
    }

    @Test("Bad requests answer 400 naming the field, and the server goes on serving")
    func badRequests() async throws {
        let cases: [(body: String, field: String, says: String)] = [
            (#"{"consoles": {"XX": 3}}"#, "consoles.XX", "XX"),
            (#"{"consoles": {"total": 3}}"#, "consoles.total", "total"),
            (#"{"consoles": {"CJ": "three"}}"#, "consoles.CJ", "whole number"),
            (#"{"consoles": {"CJ": 2.5}}"#, "consoles.CJ", "whole number"),
            (#"{"consoles": {"CJ": -1}}"#, "consoles.CJ", "from 0"),
            (#"{"consoles": {"CJ": [1, 2, 3]}}"#, "consoles.CJ", "3 values"),
            (#"{"consoles": [3]}"#, "consoles", "object"),
            (#"{"load": -1}"#, "load", "above 0"),
            (#"{"load": "high"}"#, "load", "number"),
            (#"{"load": 1e9}"#, "load", "at most"),
            (#"{"patience": "3"}"#, "patience", "unit"),
            (#"{"patience": 180}"#, "patience", "duration"),
            (#"{"routing": {"policy": "nope"}}"#, "routing.policy", "local, overflow or pooled"),
            (#"{"routing": "pooled"}"#, "routing", "object"),
            (#"{"routing": {"policy": "local", "periods": [{"from": "23:00", "to": "23:00", "policy": "pooled"}]}}"#, "routing.periods[0]", "from"),
            (#"{"replications": 0}"#, "replications", "from 1"),
            (#"{"replications": 65536, "load": 1000}"#, "replications", "at most"),
            (#"{"seed": -1}"#, "seed", "whole number"),
            (#"{"seed": "x"}"#, "seed", "whole number"),
            (#"{"consoles": {"CJ": 0}, "patience": "6000w"}"#, "patience", "100 years"),
            (#"{"speed": 2}"#, "speed", "unknown field"),
            (#"not json"#, "<body>", "not JSON"),
            (#"[1, 2]"#, "<body>", "JSON object"),
        ]
        try await serving("Scenarios/romania-119.yaml") { base in
            for (body, field, says) in cases {
                let (status, json) = try await post(base, "api/run", body)
                #expect(status == 400, "\(body): \(status)")
                #expect(json["field"] as? String == field || (json["field"] as? String)?.hasPrefix(field) == true, "\(body): \(json)")
                #expect((json["error"] as? String)?.contains(says) == true, "\(body): \(json)")
            }
            let (status, json) = try await post(base, "api/run", #"{"replications": 2}"#)
            #expect(status == 200 && json["replications"] != nil, "the server must go on after bad requests")
        }
    }

    @Test("24 concurrent requests all answer, each its own seed's figures, and the server lives on")
    func concurrent() async throws {
        try await serving("Scenarios/romania-119.yaml") { base in
            let answers = try await withThrowingTaskGroup(of: (Int, Int, Int?).self) { group in
                for seed in 1...24 {
                    group.addTask {
                        let body = seed % 6 == 0 ? #"{"consoles": {"XX": 1}}"# : "{\"seed\": \(seed), \"replications\": 4, \"consoles\": {\"CJ\": \(seed % 4 + 1)}}"
                        let (status, json) = try await post(base, "api/run", body)
                        return (seed, status, json["seed"] as? Int)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.count == 24)
            for (seed, status, answered) in answers {
                if seed % 6 == 0 { #expect(status == 400) } else { #expect(status == 200 && answered == seed, "seed \(seed): \(status)") }
            }
            let again = try await post(base, "api/run", #"{"seed": 3, "replications": 4, "consoles": {"CJ": 4}}"#)
            let first = try await post(base, "api/run", #"{"seed": 3, "replications": 4, "consoles": {"CJ": 4}}"#)
            #expect(again.status == 200 && figures(again.json) == figures(first.json))
        }
    }

    @Test("The estimate and the view answer the page's parts; the changed centre is marked")
    func pageParts() async throws {
        try await serving("Scenarios/romania-119.yaml") { base in
            let estimate = try await post(base, "api/estimate", #"{"consoles": {"CJ": 3}, "load": 2}"#)
            #expect(estimate.status == 200 && estimate.json["stage"] as? String == "estimate")
            for key in ["figures", "hourly", "map", "centres"] { #expect((estimate.json[key] as? String)?.isEmpty == false, "\(key)") }
            #expect((estimate.json["centres"] as? String)?.contains("<tr class=\"changed\" data-code=\"CJ\">") == true)
            #expect((estimate.json["hourly"] as? String)?.contains("id=\"chart-coverage\"") == true)
            let view = try await post(base, "api/view", #"{"consoles": {"CJ": 3}, "replications": 4}"#)
            #expect(view.status == 200 && view.json["stage"] as? String == "simulation")
            #expect((view.json["hourly"] as? String)?.contains("id=\"chart-hourly\"") == true)
            #expect((view.json["map"] as? String)?.contains(">CJ</text>") == true)
        }
    }

    @Test("Erlang A's estimate of an M/M/c+M centre agrees with its simulation")
    func estimateAgreesWithSimulation() async throws {
        let yaml = """
            name: M/M/3+M
            seed: 5
            horizon: 60d
            warmup: 1d
            replications: 10
            precision: 0
            consoles: 3
            handling: {distribution: exponential, mean: 8m}
            patience: {distribution: exponential, mean: 4m}
            centres:
              - {code: A, calls_per_day: 400}
            """
        let scenario = try ScenarioReader.parse(yaml, file: "mmcm.yaml")
        let estimate = ErlangEstimate(scenario)
        let exact = ErlangA(consoles: 3, callsPerSecond: 400.0 / 86_400, meanHandling: 480, meanPatience: 240)
        #expect(abs((estimate.total.serviceLevel ?? -1) - exact.serviceLevel(within: 20)) < 1e-12)
        #expect(abs((estimate.total.abandonmentRate ?? -1) - exact.pAbandon) < 1e-12)
        #expect(estimate.onShift == Array(repeating: 3, count: 24))
        let result = await simulate(scenario)
        expectAgrees(result[.serviceLevel], try #require(estimate.total.serviceLevel), "service level")
        expectAgrees(result[.abandonmentRate], try #require(estimate.total.abandonmentRate), precision: 0.1, "abandonment")
    }

    @Test("A change means what the file would say: calls_per_hour scaled, a Weibull patience refused, the text reads back")
    func changesAsTheFileSays() throws {
        let yaml = """
            name: two
            horizon: 7d
            handling: 5m
            patience: {distribution: weibull, shape: 1.5, scale: 3m}
            centres:
              - {code: A, calls_per_hour: 2}
              - {code: B, calls_per_day: 10}
            """
        let scaled = try ScenarioChanges(load: 1.5).scenario(from: yaml, file: "two.yaml")
        #expect(abs(scaled.centres[0].callsPerDay - 72) < 1e-9 && abs(scaled.centres[1].callsPerDay - 15) < 1e-9)
        #expect(throws: ScenarioError.self) { try ScenarioChanges(patience: "3m").scenario(from: yaml, file: "two.yaml") }
        do {
            _ = try ScenarioChanges(patience: "3m").scenario(from: yaml, file: "two.yaml")
        } catch let error as ScenarioError {
            #expect(error.field == "patience" && error.message.contains("weibull"))
        }
        let changes = ScenarioChanges(consoles: ["B": .byHour(Array(repeating: 2, count: 12) + Array(repeating: 3, count: 12))], load: 2)
        let text = try changes.text(from: yaml, file: "two.yaml")
        let reread = try ScenarioReader.parse(text, file: "changed.yaml")
        #expect(reread.centres[1].staffing == changes.consoles["B"])
        #expect(abs(reread.centres[0].callsPerDay - 96) < 1e-9)
        let plain = try ScenarioReader.parse(yaml.replacingOccurrences(of: "patience: {distribution: weibull, shape: 1.5, scale: 3m}\n", with: ""), file: "p.yaml")
        #expect(plain.centres[0].patience == nil)
        let given = try ScenarioChanges(patience: "90s").scenario(
            from: yaml.replacingOccurrences(of: "patience: {distribution: weibull, shape: 1.5, scale: 3m}\n", with: ""), file: "p.yaml")
        #expect(given.centres[0].patience?.mean == 90, "a scenario without patience gets an exponential one with that mean")
    }

    @Test("callsim serve listens on 127.0.0.1 only, serves a self-contained page, and stops cleanly on Ctrl-C")
    func serveCommand() async throws {
        let process = Process()
        process.executableURL = callsimBinary()
        process.arguments = ["serve", "Scenarios/single-centre.yaml", "--port", "0", "--jobs", "2"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var said = ""
        while !said.contains("\n"), let chunk = try err.fileHandleForReading.read(upToCount: 1), !chunk.isEmpty {
            said += String(decoding: chunk, as: UTF8.self)
        }
        let address = try #require(said.components(separatedBy: " at ").last?.components(separatedBy: " ").first, "\(said)")
        #expect(address.hasPrefix("http://127.0.0.1:"), "\(said)")
        let (page, _) = try await URLSession.shared.data(from: URL(string: address)!)
        let html = String(decoding: page, as: UTF8.self)
        #expect(html.contains("<script>") && html.contains("id=\"centres\""))
        for pattern in ["src=", "href=", "url(", "@import", "<link", "http://", "https://"] {
            #expect(!html.lowercased().contains(pattern), "the page contains \(pattern): it must need nothing from elsewhere")
        }
        let (scenario, _) = try await URLSession.shared.data(from: URL(string: address + "api/scenario")!)
        let json = try JSONSerialization.jsonObject(with: scenario) as? [String: Any]
        #expect((json?["centres"] as? [[String: Any]])?.first?["code"] as? String == "CJ")
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "Ctrl-C must stop the server cleanly")
    }

    @Test("Headless chromium renders a state from the URL: the centres, their figures, the changed centre marked",
          .enabled(if: chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil, "chromium is not installed"))
    func browserRendersURLState() async throws {
        _ = try #require(chromium, "chromium must be installed (.ci/run installs it)")
        try await serving("Scenarios/romania-119.yaml") { base in
            let url = base.absoluteString + "/?CJ=3&IS=1,1,1,1,1,1,1,2,2,3,3,3,3,3,3,3,3,3,4,4,4,3,2,1&load=1.5&pool=23-7&replications=4"
            let dom = try await Task.detached { try browse(URL(string: url)!, ["--virtual-time-budget=30000", "--dump-dom"]) }.value
            #expect(dom.contains("data-state=\"simulated\""), "the simulation never landed: \(dom.prefix(2_000))")
            #expect(dom.contains("<tr class=\"changed\" data-code=\"CJ\">") && dom.contains("<tr class=\"changed\" data-code=\"IS\">"))
            #expect(!dom.contains("<tr class=\"changed\" data-code=\"AB\">"))
            let table = try #require(dom.range(of: "id=\"centres-table\"")).upperBound
            let rows = dom[table...].components(separatedBy: "data-code=\"").dropFirst().count
            #expect(rows == 47, "47 centres in the table, got \(rows)")
            #expect(dom.contains("23:00-07:00 pooled routing"), "the night pool from the URL")
            #expect(dom.contains("targets met") || dom.contains("targets"), "the key figures")
            #expect(!dom.contains("<td>…</td>"), "every centre's simulated figures filled in")
        }
    }
}
