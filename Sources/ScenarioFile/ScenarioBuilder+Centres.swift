import CallModel
import SimEngine

extension ScenarioBuilder {
    /// One centre, with each call type's settings resolved: the type's beat the centre's, which
    /// beat the top level's, field by field.
    func centre(
        _ field: Field, defaults: Settings, consoles: Staffing, capacity: Int?, minConsoles: Int, types: [CallType],
        typeSettings: [Settings], known: [Centre]
    ) throws -> Centre {
        let map = try field.mapping("a centre", allowed: Self.centreKeys)
        let codeField = try map.required("code", "a short unique code such as CJ")
        let code = try codeField.string()
        guard !code.isEmpty else { throw codeField.error("must not be empty") }
        // Results name the national figures "total": a centre so named would be read as them.
        guard code.lowercased() != Scope.totalName else {
            throw codeField.error("'\(code)' is the name results give the national figures; choose another code")
        }
        if known.contains(where: { $0.code == code }) { throw codeField.error("centre code '\(code)' appears twice") }
        let name = try map["name"]?.string() ?? code
        let callsPerDay: Double
        switch (map["calls_per_day"], map["calls_per_hour"]) {
        case (let day?, nil): callsPerDay = try day.rate(perDay: 1)
        case (nil, let hour?): callsPerDay = try hour.rate(perDay: 24) * 24
        case (nil, nil): throw field.error("missing 'calls_per_day' (or 'calls_per_hour'): the centre's mean arrival rate")
        case (let day?, let hour?):
            _ = try day.rate(perDay: 1)
            _ = try hour.rate(perDay: 24)
            throw hour.error("give calls_per_day or calls_per_hour, not both")
        }
        let own = try settings(map)
        var profiles: [CallProfile] = []
        for (type, settings) in zip(types, typeSettings) {
            guard let handling = settings.handling ?? own.handling ?? defaults.handling else {
                let scope = types.count > 1 ? " for call type '\(type.name)'" : ""
                throw root.error(
                    "missing 'handling'\(scope): give a handling distribution at the top level, for the centre or for the call type")
            }
            profiles.append(CallProfile(
                handling: handling,
                wrapup: settings.wrapup ?? own.wrapup ?? defaults.wrapup ?? .constant(0),
                escalation: Escalation(
                    probability: settings.probability ?? own.probability ?? defaults.probability ?? 0,
                    handoff: settings.handoff ?? own.handoff ?? defaults.handoff ?? .constant(0),
                    decision: settings.decision ?? own.decision ?? defaults.decision ?? .constant(0))))
        }
        let neighbours = try map["neighbours"].map { list in
            try list.list("centre codes").map { try $0.string() }
        } ?? []
        return Centre(
            code: code, name: name, callsPerDay: callsPerDay, staffing: try map["consoles"].map(consoleCount) ?? consoles,
            queueCapacity: try map["queue_capacity"].map(queueCapacity) ?? capacity,
            patience: own.patience ?? defaults.patience, profiles: profiles, neighbours: neighbours,
            latitude: try map["lat"]?.number(in: -90...90, allowed: "a latitude from -90 to 90 degrees"),
            longitude: try map["lon"]?.number(in: -180...180, allowed: "a longitude from -180 to 180 degrees"),
            minConsoles: try map["min_consoles"].map(self.minConsoles) ?? minConsoles)
    }

    /// A centre's own `arrivals`, `targets` and `hourly_targets`, each merged key by key onto the
    /// scenario's (a centre's evening peak, a city's stricter service level).
    func ownArrivalsAndTargets(
        _ centre: inout Centre, _ field: Field, arrivals: ArrivalPattern, targets: [Target], hourlyTargets: [Target]
    ) throws {
        let map = try field.mapping("a centre", allowed: Self.centreKeys)
        centre.arrivals = try map["arrivals"].map { try arrivalPattern($0, base: arrivals) }
        func merged(_ own: [Target], onto shared: [Target]) -> [Target] {
            Target.Measure.allCases.compactMap { measure in
                own.first { $0.measure == measure } ?? shared.first { $0.measure == measure && !$0.nationalOnly }
            }
        }
        centre.targets = try map["targets"].map { merged(try self.targets($0, nationalOnly: false), onto: targets) }
        centre.hourlyTargets = try map["hourly_targets"].map {
            merged(try self.targets($0, nationalOnly: false, hourly: true), onto: hourlyTargets)
        }
    }

    /// Every neighbour is another centre of the scenario, named once.
    func checkNeighbours(_ centres: [Centre], fields: [Field]) throws {
        let codes = Set(centres.map(\.code))
        for (centre, field) in zip(centres, fields) {
            let map = try field.mapping("a centre", allowed: Self.centreKeys)
            guard let list = map["neighbours"] else { continue }
            let items = try list.list("centre codes")
            var seen: Set<String> = []
            for (code, item) in zip(centre.neighbours, items) {
                guard codes.contains(code) else {
                    let hint = Field.closest(to: code, in: codes.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
                    throw item.error("unknown neighbour '\(code)'\(hint): neighbours must be codes of centres in this scenario")
                }
                guard code != centre.code else { throw item.error("a centre cannot be its own neighbour") }
                guard seen.insert(code).inserted else { throw item.error("neighbour '\(code)' is listed twice") }
            }
        }
    }

    /// Refuses a scenario in which some queue would grow without end (`Scenario.growingQueue`),
    /// at the centre whose queue grows, or at `centres` when all together cannot keep up.
    func checkStable(_ scenario: Scenario, fields: [Field], list: Field) throws {
        guard let growing = scenario.growingQueue else { return }
        let load = (growing.load * 1000).rounded() / 1000, consoles = (growing.consoles * 1000).rounded() / 1000
        let when = growing.overTheRun
            ? "on average over warm-up and horizon (surges included), which reaches the \(consoles) consoles on shift on average (absences deducted)"
            : "in the long run, which reaches the \(consoles) consoles on shift on average"
        let answering: String
        switch scenario.routing {
        case .local: answering = ""
        case .overflow: answering = growing.centre == nil ? "" : " (its own, and its neighbours' spare)"
        case .pooled, .byTimeOfDay: answering = " (all centres together)"
        }
        let who = growing.centre == nil ? "the centres' callers offer" : "its callers offer"
        let message = "\(who) \(load) Erlangs (calls per second × mean console time) \(when)\(answering), "
            + "and some callers never hang up and wait in a queue with no limit: the queue, and the simulation's memory, "
            + "would grow without end. Add consoles, a patience or a queue_capacity"
        throw (growing.centre.map { fields[$0] } ?? list).error(message)
    }

    /// Refuses a scenario whose expected calls exceed what callsim simulates in one replication
    /// or one run's first batch (`Scenario.maxCallsPerReplication`, `maxCallsPerRun`).
    func checkWorkload(_ scenario: Scenario, horizon: Field, replications: Field?) throws {
        let (perReplication, run, _) = scenario.expectedWork
        func shown(_ calls: Double) -> String { String(format: "%.3g", calls) }
        guard perReplication <= Scenario.maxCallsPerReplication else {
            throw horizon.error(
                "one replication would simulate about \(shown(perReplication)) calls (rates × surges × warm-up and horizon"
                    + "\(scenario.redial == nil ? "" : " × redials")); callsim simulates at most \(shown(Scenario.maxCallsPerReplication)) "
                    + "a replication: shorten the horizon or lower the rates or surges")
        }
        guard run <= Scenario.maxCallsPerRun else {
            // The horizon drives it when even 10 replications (the default) would not fit: say so on its line.
            let fitting = Int(Scenario.maxCallsPerRun / max(perReplication, 1))
            guard let replications, fitting >= 10 else {
                throw horizon.error(
                    "one replication of this horizon simulates about \(shown(perReplication)) calls, so only \(fitting) fit in a run's "
                        + "first batch (callsim simulates at most \(shown(Scenario.maxCallsPerRun))); \(scenario.replications) would "
                        + "simulate \(shown(run)): shorten the horizon")
            }
            throw replications.error(
                "\(scenario.replications) replications would simulate about \(shown(run)) calls; callsim simulates at most "
                    + "\(shown(Scenario.maxCallsPerRun)) in a run's first batch: at most \(fitting) replications of this horizon")
        }
    }

    // MARK: - Distributions

    /// A distribution: a bare duration (a constant) or `{distribution: kind, …parameters}`.
    /// - Parameter positiveMean: the quantity must take some time (handling, patience).
    func distribution(_ field: Field, positiveMean: Bool) throws -> Distribution {
        guard field.node.mapping != nil else {
            let value = try field.duration(moreThanZero: positiveMean)
            return .constant(value)
        }
        let kinds = DistributionKind.allCases.map(\.rawValue).sorted()
        let allKeys = ["distribution"] + Set(DistributionKind.allCases.flatMap(\.parameters)).sorted()
        let loose = try field.mapping("a distribution", allowed: allKeys)
        let kindField = try loose.required("distribution", "one of \(kinds.joined(separator: ", "))")
        let name = try kindField.string()
        guard let kind = DistributionKind(rawValue: name) else {
            let hint = Field.closest(to: name, in: kinds).map { " (did you mean '\($0)'?)" } ?? ""
            throw kindField.error("unknown distribution '\(name)'\(hint); allowed: \(kinds.joined(separator: ", "))")
        }
        let map = try field.mapping("a \(name) distribution", allowed: ["distribution"] + kind.parameters)
        func parameter(_ key: String) throws -> Field { try map.required(key, "the \(name) distribution's \(key), a duration") }
        func duration(_ key: String, positive: Bool) throws -> Double {
            try parameter(key).duration(moreThanZero: positive)
        }
        let result: Distribution
        switch kind {
        case .constant: result = .constant(try duration("value", positive: positiveMean))
        case .exponential: result = .exponential(mean: try duration("mean", positive: true))
        case .lognormal: result = .lognormal(mean: try duration("mean", positive: true), sd: try duration("sd", positive: false))
        case .gamma: result = .gamma(mean: try duration("mean", positive: true), sd: try duration("sd", positive: true))
        case .weibull:
            let shape = try map.required("shape", "the Weibull shape, a number from 0.1 to 100")
                .number(in: 0.1 ... 100, allowed: "a number from 0.1 to 100")
            result = .weibull(shape: shape, scale: try duration("scale", positive: true))
        case .uniform:
            let low = try duration("min", positive: false), highField = try parameter("max")
            let high = try highField.duration(moreThanZero: false)
            guard low <= high else { throw highField.error("must not be below min") }
            if positiveMean && high <= 0 { throw highField.error("must be longer than 0") }
            result = .uniform(min: low, max: high)
        case .empirical:
            let valuesField = try map.required("values", "a list of durations to resample")
            let items = try valuesField.list("durations")
            guard !items.isEmpty else { throw valuesField.error("needs at least one value") }
            let values = try items.map { try $0.duration() }
            if positiveMean && !values.contains(where: { $0 > 0 }) {
                throw valuesField.error("needs at least one value longer than 0")
            }
            result = .empirical(values)
        }
        // The moments the model uses (mean console time, Erlang A's start) must stay within what a
        // run can represent; a gamma needs a shape GSL can draw from.
        let sd = (max(0, result.secondMoment - result.mean * result.mean)).squareRoot()
        guard result.mean <= DurationText.longest, sd <= DurationText.longest else {
            throw field.error("has a mean or standard deviation above 100 years (mean \(result.mean) s, sd \(sd) s): give a shorter one")
        }
        if positiveMean && result.mean < DurationText.shortestPositive {
            throw field.error("must take some time on average: its mean is below 1 ms")
        }
        if kind == .gamma || kind == .lognormal, sd > 100 * result.mean, let sdField = map["sd"] {
            throw sdField.error("must be at most 100 times the mean (a coefficient of variation up to 100)")
        }
        return result
    }
}

/// The distributions a scenario may name, and the parameters each takes.
enum DistributionKind: String, CaseIterable {
    case constant, exponential, lognormal, gamma, weibull, uniform, empirical

    var parameters: [String] {
        switch self {
        case .constant: return ["value"]
        case .exponential: return ["mean"]
        case .lognormal, .gamma: return ["mean", "sd"]
        case .weibull: return ["shape", "scale"]
        case .uniform: return ["min", "max"]
        case .empirical: return ["values"]
        }
    }
}
