import CallModel
import Foundation

/// A `report.json` that cannot be read as a result document: exit status 2.
public struct ReportError: BadInput {
    public let description: String
}

/// A result document (`report.json`, docs/scenario-format.md, "Results") read back for the HTML report and `compare`: the
/// HTML is drawn from the same figures the JSON holds, for one run or for two side by side.
public struct ReportView {
    /// A KPI's mean and 95 % half-width, and its per-replication values when the document has them.
    public struct KPIValue: Sendable {
        public let mean: Double?
        public let ci95: Double?
        public let values: [Double?]

        init(mean: Double?, ci95: Double?, values: [Double?] = []) {
            self.mean = mean
            self.ci95 = ci95
            self.values = values
        }

        /// No figure.
        public static let missing = KPIValue(mean: nil, ci95: nil)
    }

    public struct Scope {
        public let code: String
        public let name: String
        public let latitude: Double?
        public let longitude: Double?
        public let consoles: Int?
        let figures: [KPI: KPIValue]
        /// Percentiles of the delay to 112 by level (rows of `escalation`).
        let delayPercentiles: [Double: KPIValue]

        public subscript(kpi: KPI) -> KPIValue { figures[kpi] ?? .missing }

        /// The `level`-percentile of the delay to 112 (an `escalation` row).
        public func delay(percentile level: Double) -> KPIValue { delayPercentiles[level] ?? .missing }
    }

    public struct TargetRow {
        public let scope: CallModel.Scope
        public let measure: Target.Measure
        public let threshold: Double
        public let estimate: Double?, ci95: Double?
        public let state: TargetState?
        /// For an hourly target, the clock hour it was judged in.
        public let hour: Int?

        /// `true` when the target holds (met or borderline-met), `false` when it fails, `nil` when
        /// it was not estimated.
        public var met: Bool? { state.flatMap { $0 == .notEstimated ? nil : !$0.fails } }
    }

    /// Where the document came from, for messages.
    public let source: String
    public let scenario: String
    public let seed: UInt64
    public let replications: Int
    public let horizon: Double, warmup: Double, threshold: Double
    public let routing: String
    /// For each clock hour, whether every console answers every centre's callers (pooled), read
    /// from `routing` (`ResultDocument.routingName`): only then is the consoles' national
    /// capacity shared by all callers.
    public var sharedHours: [Bool] { Self.sharedHours(routing) }
    /// The emergency service urgent callers are handed to (`escalation_service`; "112" when absent).
    public let emergencyService: String
    public let meanConsoleTime: Double?
    public let total: Scope
    public let centres: [Scope]
    public let types: [Scope]
    /// 24 rows: the hour's figures and `consoles` on shift.
    public let hours: [Scope]
    public let waitSurvival: [(wait: Double, share: KPIValue)]
    public let escalation: [Scope]
    public let targets: [TargetRow]

    /// Pooled hours of a routing as `ResultDocument.routingName` writes it: "pooled", or a main
    /// policy then "; HH:00-HH:00 policy" periods (wrapping midnight). Overflow shares consoles
    /// only between neighbours, so it counts as not shared.
    static func sharedHours(_ routing: String) -> [Bool] {
        let parts = routing.components(separatedBy: "; ")
        var shared = [Bool](repeating: parts[0] == "pooled", count: 24)
        for period in parts.dropFirst() {
            let words = period.split(separator: " ")
            let ends = words.first?.split(separator: "-").compactMap { Int($0.prefix(2)) } ?? []
            guard words.count == 2, ends.count == 2, (0..<24).contains(ends[0]), (0..<24).contains(ends[1]) else { continue }
            var hour = ends[0]
            repeat {
                shared[hour] = words[1] == "pooled"
                hour = (hour + 1) % 24
            } while hour != ends[1]
        }
        return shared
    }

    /// Reads a result document from its JSON text, validated as a scenario is: a member of the
    /// wrong type or out of range is refused with its path (a `ReportError`, exit status 2).
    public init(json: Data, source: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw ReportError(description: "\(source): not a callsim report.json (not a JSON object, or a number too large to read)")
        }
        let document = ReportFields(object, path: "", source: source)
        let version = try document.integer("format_version")
        guard version == ResultDocument.formatVersion else {
            throw ReportError(description:
                "\(source): format_version is \(version); this callsim reads \(ResultDocument.formatVersion) "
                + "(percentiles pooled over replications, urgent callers lost estimated from every lost caller): "
                + "write it anew with `callsim run SCENARIO --output DIR` and use DIR/report.json")
        }
        func scope(_ fields: ReportFields, code: String? = nil, name: String? = nil) throws -> Scope {
            var figures: [KPI: KPIValue] = [:], percentiles: [Double: KPIValue] = [:]
            for (key, value) in fields.members where value is [String: Any] {
                if let kpi = KPI(rawValue: key) {
                    figures[kpi] = try fields.figure(key)
                } else if key.hasPrefix("p"), key.hasSuffix("_s"), let level = Double(key.dropFirst().dropLast(2)), level.isFinite {
                    percentiles[level / 100] = try fields.figure(key)
                }
            }
            return Scope(
                code: try code ?? fields.optionalString("code") ?? fields.optionalString("scope") ?? "",
                name: try name ?? fields.optionalString("name") ?? "",
                latitude: try fields.optionalNumber("lat"), longitude: try fields.optionalNumber("lon"),
                consoles: try fields.optionalInteger("consoles", in: 0...Int.max), figures: figures, delayPercentiles: percentiles)
        }
        self.source = source
        scenario = try document.string("scenario")
        seed = try document.unsigned("seed")
        replications = try document.integer("replications", in: 1...Int.max)
        horizon = try document.number("horizon_s", above: 0)
        warmup = try document.optionalNumber("warmup_s", atLeast: 0) ?? 0
        threshold = try document.optionalNumber("service_level_threshold_s", atLeast: 0) ?? 20
        routing = try document.optionalString("routing") ?? "local"
        emergencyService = try document.optionalString("escalation_service") ?? "112"
        meanConsoleTime = try document.optionalNumber("mean_console_time_s")
        total = try scope(document.object(CallModel.Scope.totalName), code: CallModel.Scope.totalName, name: "all centres")
        centres = try document.objects("centres", required: true).map { try scope($0) }
        types = try document.objects("types").map { try scope($0) }
        hours = try document.objects("by_hour", required: true, count: 24).map { try scope($0) }
        waitSurvival = try document.objects("wait_survival").map { point in
            (try point.number("wait_s", atLeast: 0), try point.figure("share"))
        }
        escalation = try document.objects("escalation_delay_percentiles").map { try scope($0) }
        targets = try document.objects("targets").map { row in
            let key = try row.string("kpi")
            guard let measure = Target.Measure.allCases.first(where: { $0.reportedKey == key }) else {
                throw row.refuse("kpi", "must be one of \(Target.Measure.allCases.map(\.reportedKey).joined(separator: ", "))")
            }
            let state = try row.optionalString("state")
            guard state.map({ TargetState(rawValue: $0) != nil }) ?? true else {
                throw row.refuse("state", "must be one of \(TargetState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return TargetRow(
                scope: CallModel.Scope(written: try row.string("scope")), measure: measure, threshold: try row.number("threshold"),
                estimate: try row.optionalNumber("estimate"), ci95: try row.optionalNumber("ci95", atLeast: 0),
                state: state.flatMap(TargetState.init(rawValue:)), hour: try row.optionalInteger("hour", in: 0...23))
        }
    }

    /// Reads `report.json` at `path`.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError(description: "\(path): cannot read the report (no such file?)")
        }
        try self.init(json: data, source: path)
    }

    /// The figures of `scope` (the total or a centre); `nil` for a centre the document lacks.
    public func figures(at scope: CallModel.Scope) -> Scope? {
        switch scope {
        case .total: return total
        case .centre(let code): return centres.first { $0.code == code }
        case .type(let name): return types.first { $0.name == name }
        }
    }

    /// Days in the measured window of one replication.
    public var days: Double { horizon / 86_400 }

    /// The threshold of the target of `measure` on all scopes, if any.
    public func target(_ measure: Target.Measure) -> Double? { dayTargets.first { $0.measure == measure }?.threshold }

    /// The whole-day targets' rows.
    public var dayTargets: [TargetRow] { targets.filter { $0.hour == nil } }

    /// The clock hours in which some hourly target fails, at some scope.
    public var failingHours: Set<Int> { Set(targets.compactMap { $0.met == false ? $0.hour : nil }) }
}
