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
    public struct KPIValue {
        public let mean: Double?
        public let ci95: Double?
        public let values: [Double?]

        init(mean: Double?, ci95: Double?, values: [Double?] = []) {
            self.mean = mean
            self.ci95 = ci95
            self.values = values
        }

        init(_ object: Any?) {
            let members = object as? [String: Any] ?? [:]
            mean = members["mean"] as? Double
            ci95 = members["ci95"] as? Double
            values = (members["values"] as? [Any])?.map { $0 as? Double } ?? []
        }
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

        public subscript(kpi: KPI) -> KPIValue { figures[kpi] ?? KPIValue(nil) }

        /// The `level`-percentile of the delay to 112 (an `escalation` row).
        public func delay(percentile level: Double) -> KPIValue { delayPercentiles[level] ?? KPIValue(nil) }
    }

    public struct TargetRow {
        public let scope: String
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
    public let meanConsoleTime: Double?
    public let total: Scope
    public let centres: [Scope]
    public let types: [Scope]
    /// 24 rows: the hour's figures and `consoles` on shift.
    public let hours: [Scope]
    public let waitSurvival: [(wait: Double, share: KPIValue)]
    public let escalation: [Scope]
    public let targets: [TargetRow]

    /// Reads a result document from its JSON text.
    public init(json: Data, source: String) throws {
        guard let document = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
            document["format_version"] as? Int == ResultDocument.formatVersion, let name = document["scenario"] as? String
        else {
            throw ReportError(description: "\(source): not a callsim report.json of format_version \(ResultDocument.formatVersion)")
        }
        func scope(_ object: Any?, code: String? = nil, name: String? = nil) -> Scope {
            let members = object as? [String: Any] ?? [:]
            var figures: [KPI: KPIValue] = [:], percentiles: [Double: KPIValue] = [:]
            for (key, value) in members where value is [String: Any] {
                if let kpi = KPI(rawValue: key) {
                    figures[kpi] = KPIValue(value)
                } else if key.hasPrefix("p"), key.hasSuffix("_s"), let level = Double(key.dropFirst().dropLast(2)) {
                    percentiles[level / 100] = KPIValue(value)
                }
            }
            return Scope(
                code: code ?? members["code"] as? String ?? members["scope"] as? String ?? "", name: name ?? members["name"] as? String ?? "",
                latitude: members["lat"] as? Double, longitude: members["lon"] as? Double,
                consoles: members["consoles"] as? Int, figures: figures, delayPercentiles: percentiles)
        }
        self.source = source
        scenario = name
        seed = document["seed"] as? UInt64 ?? 0
        replications = document["replications"] as? Int ?? 0
        horizon = document["horizon_s"] as? Double ?? 0
        warmup = document["warmup_s"] as? Double ?? 0
        threshold = document["service_level_threshold_s"] as? Double ?? 20
        routing = document["routing"] as? String ?? "local"
        meanConsoleTime = document["mean_console_time_s"] as? Double
        total = scope(document["total"], code: "total", name: "all centres")
        centres = (document["centres"] as? [Any] ?? []).map { scope($0) }
        types = (document["types"] as? [Any] ?? []).map { scope($0) }
        hours = (document["by_hour"] as? [Any] ?? []).map { scope($0) }
        waitSurvival = (document["wait_survival"] as? [[String: Any]] ?? []).compactMap { point in
            (point["wait_s"] as? Double).map { ($0, KPIValue(point["share"])) }
        }
        escalation = (document["escalation_delay_percentiles"] as? [Any] ?? []).map { scope($0) }
        targets = (document["targets"] as? [[String: Any]] ?? []).compactMap { row in
            guard let scope = row["scope"] as? String, let key = row["kpi"] as? String, let threshold = row["threshold"] as? Double,
                  let measure = Target.Measure.allCases.first(where: { $0.reportedKey == key })
            else { return nil }
            return TargetRow(
                scope: scope, measure: measure, threshold: threshold,
                estimate: row["estimate"] as? Double, ci95: row["ci95"] as? Double,
                state: (row["state"] as? String).flatMap(TargetState.init(rawValue:)),
                hour: (row["hour"] as? Int).flatMap { (0..<24).contains($0) ? $0 : nil })
        }
        guard hours.count == 24 else { throw ReportError(description: "\(source): the report has no 24 by_hour rows") }
    }

    /// Reads `report.json` at `path`.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError(description: "\(path): cannot read the report (no such file?)")
        }
        try self.init(json: data, source: path)
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
