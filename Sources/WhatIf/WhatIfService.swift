import CallModel
import Foundation
import Reports
import ScenarioFile
import Sizing
import Yams

/// What `callsim serve` does with a request, apart from HTTP: the scenario a request describes,
/// its run and its answers. A run is `callsim run`'s own (`Simulator.run` on the changed scenario
/// with the request's seed and replications), so the figures are the same; runs take turns
/// (`RunTurns`), each using every core.
public struct WhatIfService: Sendable {
    /// The scenario file's path, as errors name it.
    public let file: String
    /// The scenario file's text.
    public let source: String
    /// The scenario as loaded, unchanged.
    public let base: Scenario
    /// Replications run at once in one run.
    public let jobs: Int
    let turns: RunTurns
    let estimates: EstimateCache

    public init(path: String, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        let scenario = try ScenarioReader.read(path: path)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ScenarioError(file: path, line: 0, column: 0, field: "<file>", message: "cannot read the file")
        }
        file = path
        source = text
        base = scenario
        self.jobs = max(jobs, 1)
        turns = RunTurns()
        estimates = EstimateCache()
    }

    /// The scenario the request describes, checked as its file would be and bounded as a run is.
    public func scenario(for request: WhatIfRequest) throws -> Scenario {
        var scenario = base
        if !request.changes.isEmpty {
            do { scenario = try request.changes.scenario(from: source, file: file) } catch let error as ScenarioError {
                throw WhatIfError(field: error.field, message: error.message)
            }
        }
        scenario = scenario.withRunSettings(replications: request.replications, seed: request.seed)
        let work = scenario.expectedWork
        guard !work.tooMuch else {
            throw WhatIfError(field: request.replications != nil ? "replications" : "load", message: String(
                format: "one replication would simulate about %.3g calls and the first batch %.3g; callsim simulates at most "
                    + "%.3g a replication and %.3g a run: fewer replications or a smaller load",
                work.perReplication, work.firstBatch, Scenario.maxCallsPerReplication, Scenario.maxCallsPerRun))
        }
        return scenario
    }

    /// The request's run, as `callsim run` of the changed scenario with its seed would give it; an
    /// error naming the consoles when a queue grew past callsim's limit.
    public func run(_ request: WhatIfRequest) async throws -> RunResult {
        let scenario = try scenario(for: request)
        let result = await turns.take { await Simulator.run(scenario, jobs: jobs) }
        if let overload = result.overload {
            let centre = scenario.centres[overload.centre]
            throw WhatIfError(field: "consoles.\(centre.code)", message: String(
                format: "more than %d callers were waiting at once in replication %d, most of them at %@: its calls outran "
                    + "its consoles; give it more consoles, a patience, or less load", Scenario.maxCallersAtOnce,
                overload.replication + 1, centre.code))
        }
        return result
    }

    /// `POST /api/run`: the result document of the request's run (docs/scenario-format.md, "Results").
    public func document(_ request: WhatIfRequest) async throws -> String {
        ResultDocument.json(try await run(request)).text()
    }

    /// `POST /api/estimate`: the page's parts from Erlang A alone.
    public func estimate(_ request: WhatIfRequest) async throws -> String {
        let scenario = try scenario(for: request)
        let estimate = await estimates.estimate(of: scenario, changes: request.changes)
        return WhatIfView.estimated(scenario, estimate, changed: changedCentres(request)).text()
    }

    /// `POST /api/view`: the page's parts from the request's run.
    public func view(_ request: WhatIfRequest) async throws -> String {
        let result = try await run(request)
        let view = try ReportView(json: Data(ResultDocument.json(result).text().utf8), source: "the run")
        let estimate = await estimates.estimate(of: result.scenario, changes: request.changes)
        return WhatIfView.simulated(result.scenario, estimate, view: view, changed: changedCentres(request)).text()
    }

    /// Centres whose consoles the request changes from the scenario's.
    func changedCentres(_ request: WhatIfRequest) -> Set<String> {
        Set(base.centres.filter { centre in request.changes.consoles[centre.code].map { $0 != centre.staffing } ?? false }.map(\.code))
    }

    /// `GET /api/scenario`: the scenario as loaded, for the page's controls.
    public func scenarioDocument() -> String {
        let root = try? Yams.compose(yaml: source)
        let routing = root?["routing"].map(Self.json) ?? .object([("policy", .string("local"))])
        return JSON.object([
            ("file", .string(file)),
            ("name", .string(base.name)),
            ("seed", .integer(base.seed)),
            ("replications", .number(Double(base.replications))),
            ("routing", routing),
            ("routing_text", .string(ResultDocument.routingName(base.routing))),
            ("pool", .string(pool(of: base))),
            ("patience", root?["patience"].map(Self.json) ?? .null),
            ("centres", .array(base.centres.map { centre in
                .object([
                    ("code", .string(centre.code)), ("name", .string(centre.name)),
                    ("consoles", centre.staffing.changesDuringTheDay
                        ? .array(centre.staffing.hours.map { .number(Double($0)) }) : .number(Double(centre.staffing.peak))),
                    ("calls_per_day", .number(centre.callsPerDay)),
                    ("lat", .number(centre.latitude)), ("lon", .number(centre.longitude)),
                ])
            })),
        ]).text()
    }

    /// The first run of pooled clock hours as "from-to" (`23-7`), "none" when no hour is pooled,
    /// "all" when every hour is.
    func pool(of scenario: Scenario) -> String {
        let pooled = (0..<24).map { scenario.routing.inForce(hour: $0) == .pooled }
        guard pooled.contains(true) else { return "none" }
        guard pooled.contains(false) else { return "all" }
        let from = (0..<24).first { pooled[$0] && !pooled[($0 + 23) % 24] }!
        var to = from
        while pooled[to] { to = (to + 1) % 24 }
        return "\(from)-\(to)"
    }

    /// A YAML node as JSON: numbers where the text is one, else strings.
    static func json(_ node: Node) -> JSON {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, let number = Double(scalar.string), number.isFinite { return .number(number) }
            return .string(scalar.string)
        case .sequence(let items): return .array(items.map(json))
        case .mapping(let mapping): return .object(mapping.map { (($0.key.string ?? ""), json($0.value)) })
        case .alias: return .null
        }
    }
}

/// Erlang A's estimates of the last few changes: the page asks for a change's estimate, then for
/// its simulation, which shows the same estimate beside it (seed and replications do not change it).
actor EstimateCache {
    private var kept: [(changes: ScenarioChanges, estimate: ErlangEstimate)] = []
    static let size = 8

    func estimate(of scenario: Scenario, changes: ScenarioChanges) -> ErlangEstimate {
        if let hit = kept.first(where: { $0.changes == changes }) { return hit.estimate }
        let estimate = ErlangEstimate(scenario)
        kept.append((changes, estimate))
        if kept.count > Self.size { kept.removeFirst() }
        return estimate
    }
}

/// Runs one at a time, in the order asked: each run uses every core, so taking turns answers
/// each sooner than running side by side, and work stays bounded however many ask at once.
actor RunTurns {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func take<T: Sendable>(_ work: @Sendable () async -> T) async -> T {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
        return await work()
    }
}
