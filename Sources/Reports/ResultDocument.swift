import Foundation
import CallModel
import SimStatistics

/// The result document (docs/scenario-format.md, "Results"): what `run --format json` prints and `report.json` holds.
public enum ResultDocument {
    /// The document's version; `check --baseline` refuses a baseline of another.
    public static let formatVersion = 2

    /// The document for `result`. `withValues` adds each KPI's per-replication figures (report.json),
    /// so that two runs with common random numbers can be compared pair by pair.
    public static func json(_ result: RunResult, withValues: Bool = false) -> JSON {
        let scenario = result.scenario
        func kpi(_ estimate: Estimate) -> JSON { Self.kpi(estimate, withValues: withValues) }
        func kpis(_ estimates: [Estimate]) -> [(String, JSON)] { Self.kpis(estimates, withValues: withValues) }
        var document: [(String, JSON)] = [
            ("format_version", .number(Double(formatVersion))),
            ("scenario", .string(scenario.name)),
            ("seed", .integer(scenario.seed)),
            ("replications", .number(Double(scenario.replications))),
            ("horizon_s", .number(scenario.horizon)),
            ("warmup_s", .number(scenario.warmup)),
            ("service_level_threshold_s", .number(scenario.serviceLevelThreshold)),
            ("routing", .string(routingName(scenario.routing))),
            ("escalation_service", .string(scenario.emergencyService)),
            ("mean_console_time_s", .number(result.meanConsoleTime)),
            (Scope.totalName, .object(kpis(result.total))),
            ("centres", .array(result.centres.map { centre in
                let place = scenario.centres.first { $0.code == centre.code }
                var members: [(String, JSON)] = [("code", .string(centre.code)), ("name", .string(centre.name))]
                if let latitude = place?.latitude, let longitude = place?.longitude {
                    members += [("lat", .number(latitude)), ("lon", .number(longitude))]
                }
                members.append(("consoles", .number(Double(place?.staffing.peak ?? 0))))
                return .object(members + kpis(centre.kpis))
            })),
        ]
        if !result.types.isEmpty {
            document.append(("types", .array(result.types.map { .object([("name", .string($0.name))] + kpis($0.kpis)) })))
        }
        let consolesByHour = result.consolesByHour
        document.append(("by_hour", .array(result.byHour.enumerated().map { hour, row in
            .object([("hour", .number(Double(hour))), ("consoles", .number(Double(consolesByHour[hour])))]
                + zip(HourKPI.allCases, row).map { ($0.rawValue, kpi($1)) })
        })))
        document.append(("wait_survival", .array(result.waitSurvival.map { point in
            .object([("wait_s", .number(point.seconds)), ("share", kpi(point.share))])
        })))
        let scopes = [Scope.total] + (result.types.isEmpty ? [] : result.types.map { Scope.type($0.name) })
        document.append(("escalation_delay_percentiles", .array(zip(scopes, result.escalationDelays).map { scope, row in
            .object([("scope", .string(scope.description))] + zip(Curves.escalationPercentiles, row).map { p, percentile in
                ("p\(Int((p * 100).rounded()))_s", kpi(percentile))
            })
        })))
        document.append(("targets", .array(result.targets.map { row in
            .object([
                ("scope", .string(row.scope.description)),
            ] + (row.hour.map { [("hour", JSON.number(Double($0)))] } ?? []) + [
                ("kpi", .string(row.target.measure.reportedKey)),
                ("bound", .string(row.target.measure.bound.rawValue)),
                ("threshold", .number(row.target.threshold)),
                ("estimate", .number(row.estimate.mean)),
                ("ci95", .number(row.estimate.ci95)),
                ("state", .string(row.state.rawValue)),
            ])
        })))
        document.append(("run", .object([
            ("events", .number(Double(result.events))), ("wall_s", .number((result.wallSeconds * 1000).rounded() / 1000)),
        ])))
        return .object(document)
    }

    /// The routing's name in scenario files.
    public static func routingName(_ routing: Routing) -> String {
        switch routing {
        case .local, .overflow, .pooled: return routing.name?.rawValue ?? ""
        case .byTimeOfDay(let main, let periods):
            let hours = periods.map { String(format: "%02d:00-%02d:00 %@", $0.from, $0.to, routingName($0.policy)) }
            return ([routingName(main)] + hours).joined(separator: "; ")
        }
    }

    /// A KPI as `{"mean", "ci95", "n"}` (and `values` when asked).
    static func kpi(_ estimate: Estimate, withValues: Bool = false) -> JSON {
        var members: [(String, JSON)] = [
            ("mean", .number(estimate.mean)), ("ci95", .number(estimate.ci95)), ("n", .number(Double(estimate.n))),
        ]
        if withValues { members.append(("values", .array(estimate.values.map { JSON.number($0) }))) }
        return .object(members)
    }

    /// Every KPI of a scope, keyed as in docs/scenario-format.md, "Results", from estimates in `KPI.allCases` order.
    static func kpis(_ estimates: [Estimate], withValues: Bool = false) -> [(String, JSON)] {
        zip(KPI.allCases, estimates).map { ($0.rawValue, kpi($1, withValues: withValues)) }
    }
}
