import CallModel
import Foundation
import SimEngine
import Yams

/// Reads a scenario file (docs/scenario-format.md) into a checked `Scenario`, or says what is wrong and where.
///
/// Every key is checked against what is allowed at its place (a typo must not silently become a
/// default); keys of features callsim does not model yet are refused as such, never ignored.
public enum ScenarioReader {
    /// Reads and checks the scenario at `path`. `requireStable: false` accepts consoles too few for
    /// the load (a queue that would grow without end), for `size`, which only simulates candidates
    /// with enough.
    public static func read(path: String, requireStable: Bool = true) throws -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            let why = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw ScenarioError(file: path, line: 0, column: 0, field: "<file>", message: why)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: path, line: 0, column: 0, field: "<file>", message: "not UTF-8 text")
        }
        return try parse(text, file: path, requireStable: requireStable)
    }

    /// Reads and checks a scenario from its text; `file` names it in errors.
    public static func parse(_ text: String, file: String, requireStable: Bool = true) throws -> Scenario {
        GSL.setUp()  // distributions' moments call GSL, whose default error handler would abort
        try refuseComplexKeys(text, file: file)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError(
                    file: file, line: 1, column: 1, field: "<file>",
                    message: "the file is empty; a scenario needs at least name, horizon, handling and centres")
            }
            root = node
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        }
        return try build(root, file: file, requireStable: requireStable)
    }

    /// Checks a scenario's YAML tree (`parse`, and `ScenarioChanges` after it edits one).
    static func build(_ root: Node, file: String, requireStable: Bool = true) throws -> Scenario {
        GSL.setUp()
        return try ScenarioBuilder(root: Field(node: root, path: "", file: file), requireStable: requireStable).build()
    }
}

/// Settings that the top level, a centre or a call type may give, before resolution.
struct Settings {
    var handling: Distribution?
    var wrapup: Distribution?
    var patience: Distribution?
    var probability: Double?
    var handoff: Distribution?
    var decision: Distribution?
}

/// Builds a `Scenario` from the document's root, one section at a time.
struct ScenarioBuilder {
    let root: Field
    /// Refuse consoles too few for the load (everywhere but `size`).
    let requireStable: Bool

    static let topKeys = [
        "name", "seed", "horizon", "warmup", "replications", "precision", "max_replications", "service_level_threshold", "consoles",
        "queue_capacity", "handling", "wrapup", "patience", "escalation", "redial", "arrivals", "call_types",
        "surges", "absences", "routing", "targets", "national_targets", "hourly_targets", "min_consoles", "shifts", "centres",
    ]
    static let centreKeys = [
        "code", "name", "calls_per_day", "calls_per_hour", "neighbours", "lat", "lon", "consoles",
        "queue_capacity", "handling", "wrapup", "patience", "escalation", "min_consoles", "arrivals", "targets",
        "hourly_targets",
    ]
    static let typeKeys = ["name", "share", "priority", "handling", "wrapup", "escalation"]
    func build() throws -> Scenario {
        let top = try root.mapping("a scenario", allowed: Self.topKeys)
        let name = try top.required("name", "the scenario's name, shown in reports").string()
        let horizon = try top.required("horizon", "the measured period of one replication, e.g. 28d")
            .duration(moreThanZero: true)
        let warmup = try top["warmup"]?.duration() ?? 0
        let seed = try top["seed"].map { field -> UInt64 in
            guard let text = field.node.scalar?.string, let seed = UInt64(text) else {
                throw field.error("must be a whole number from 0 to 18446744073709551615 (got \(field.written))")
            }
            return seed
        } ?? Scenario.defaultSeed
        let replications = try top["replications"]?.integer(
            in: 1...Scenario.maxReplications, allowed: "a whole number from 1 to \(Scenario.maxReplications)")
            ?? Scenario.defaultReplications
        let precision = try top["precision"]?.number(in: 0...1, allowed: "a share of each target's threshold from 0 to 1 (0: a fixed number of replications)")
            ?? Scenario.defaultPrecision
        let maxReplications = try top["max_replications"].map { field -> Int in
            let cap = try field.integer(
                in: 1...Scenario.maxReplications, allowed: "a whole number from 1 to \(Scenario.maxReplications)")
            guard cap >= replications else {
                throw field.error("must be at least replications (\(replications)): it caps how far the precision rule doubles them")
            }
            return cap
        } ?? max(Scenario.defaultMaxReplications, replications)
        let threshold = try top["service_level_threshold"]?.duration() ?? Scenario.defaultServiceLevelThreshold
        let defaults = try settings(top, topLevel: true)
        let consoles = try top["consoles"].map(consoleCount) ?? Centre.defaultStaffing
        let capacity = try top["queue_capacity"].map(queueCapacity)
        let arrivals = try top["arrivals"].map { try arrivalPattern($0) } ?? ArrivalPattern()
        let (types, typeSettings) = try top["call_types"].map(callTypes) ?? ([CallType(name: "call", share: 1)], [Settings()])
        let routing = try top["routing"].map(self.routing) ?? .local
        let redial = try top["redial"].map { field -> Redial in
            let map = try field.mapping("redials", allowed: ["probability", "delay"])
            return Redial(
                probability: try map.required("probability", "the chance that a caller who gives up calls again")
                    .number(in: 0...0.99, allowed: "a probability from 0 to 0.99 (callers give up in the end)"),
                delay: try distribution(
                    try map.required("delay", "how long after giving up he calls again (a distribution)"),
                    positiveMean: false))
        }
        var targets = try top["targets"].map { try self.targets($0, nationalOnly: false) } ?? []
        targets += try top["national_targets"].map { try self.targets($0, nationalOnly: true) } ?? []
        let hourlyTargets = try top["hourly_targets"].map { try self.targets($0, nationalOnly: false, hourly: true) } ?? []
        let minConsoles = try top["min_consoles"].map(self.minConsoles) ?? 1
        let centresField = try top.required("centres", "the list of call-taking centres")
        let centreFields = try centresField.list("centres")
        guard !centreFields.isEmpty else { throw centresField.error("needs at least one centre") }
        guard centreFields.count <= Scenario.maxCentres else {
            throw centresField.error("at most \(Scenario.maxCentres) centres are supported")
        }
        var centres: [Centre] = []
        for field in centreFields {
            var centre = try centre(
                field, defaults: defaults, consoles: consoles, capacity: capacity, minConsoles: minConsoles, types: types,
                typeSettings: typeSettings, known: centres)
            try ownArrivalsAndTargets(&centre, field, arrivals: arrivals, targets: targets, hourlyTargets: hourlyTargets)
            centres.append(centre)
        }
        try checkNeighbours(centres, fields: centreFields)
        let surges = try top["surges"].map { try self.surges($0, codes: centres.map(\.code)) } ?? []
        let absences = try top["absences"].map { try self.absences($0, centres: centres) } ?? []
        var scenario = Scenario(
            name: name, seed: seed, horizon: horizon, warmup: warmup, replications: replications,
            precision: precision, maxReplications: maxReplications, serviceLevelThreshold: threshold, arrivals: arrivals, callTypes: types, centres: centres,
            routing: routing, redial: redial, surges: surges, absences: absences,
            targets: targets, hourlyTargets: hourlyTargets)
        scenario.emergencyService = try emergencyService(top)
        scenario.shiftRules = try top["shifts"].map(shiftRules)
        try checkWorkload(
            scenario, horizon: top.required("horizon", "the measured period of one replication"), replications: top["replications"])
        if requireStable { try checkStable(scenario, fields: centreFields, list: centresField) }
        return scenario
    }

    // MARK: - Sections

    /// `escalation.service`: the emergency service's name in every label ("112" by default).
    func emergencyService(_ top: Mapping) throws -> String {
        guard let field = try top["escalation"]?.mapping("an escalation", allowed: ["probability", "handoff", "decision", "service"])["service"]
        else { return "112" }
        let name = try field.string()
        guard (1...24).contains(name.count), name.allSatisfy({ !$0.isNewline && !($0.asciiValue.map { $0 < 32 || $0 == 127 } ?? false) }),
              name.trimmingCharacters(in: .whitespaces) == name else {
            throw field.error("must be the emergency service's name, 1 to 24 characters on one line, such as \"112\" or \"999\" (got \(field.written))")
        }
        return name
    }

    /// The settings a level may give: handling, wrap-up, patience and escalation (and, at the top
    /// level only, `escalation.service`, read by `emergencyService`).
    func settings(_ map: Mapping, topLevel: Bool = false) throws -> Settings {
        var settings = Settings()
        settings.handling = try map["handling"].map { try distribution($0, positiveMean: true) }
        settings.wrapup = try map["wrapup"].map { try distribution($0, positiveMean: false) }
        if map.fields.keys.contains("patience") {
            settings.patience = try map["patience"].map { try distribution($0, positiveMean: true) }
        }
        if let field = map["escalation"] {
            let escalation = try field.mapping("an escalation", allowed: ["probability", "handoff", "decision", "service"])
            if !topLevel, let service = escalation["service"] {
                throw service.error("names the emergency service once, in the top-level escalation, for every centre and call type")
            }
            settings.probability = try escalation["probability"]?.number(in: 0...1, allowed: "a probability from 0 to 1")
            settings.handoff = try escalation["handoff"].map { try distribution($0, positiveMean: false) }
            settings.decision = try escalation["decision"].map { try distribution($0, positiveMean: false) }
        }
        return settings
    }

    /// Consoles: a whole number all day, or `{by_hour: [24 whole numbers]}`, a shift plan.
    func consoleCount(_ field: Field) throws -> Staffing {
        let allowed = "a whole number of consoles from 0 to \(Scenario.maxConsoles)"
        if field.node.mapping != nil {
            let map = try field.mapping("a shift plan", allowed: ["by_hour"])
            let plan = try map.required("by_hour", "24 numbers of consoles, one per hour from 00:00")
            let items = try plan.list("24 numbers of consoles")
            guard items.count == 24 else {
                throw plan.error("needs exactly 24 numbers of consoles, one per hour from 00:00 (got \(items.count))")
            }
            return .byHour(try items.map { try $0.integer(in: 0...Scenario.maxConsoles, allowed: allowed) })
        }
        return .allDay(try field.integer(in: 0...Scenario.maxConsoles, allowed: allowed))
    }

    func queueCapacity(_ field: Field) throws -> Int {
        try field.integer(in: 0...Int(Int32.max), allowed: "a whole number ≥ 0 of callers who can wait")
    }

    /// `arrivals`: the profiles and day-to-day variation; what `field` leaves out is `base`'s (a
    /// centre's pattern merged onto the scenario's), else flat.
    func arrivalPattern(_ field: Field, base: ArrivalPattern? = nil) throws -> ArrivalPattern {
        let map = try field.mapping("arrivals", allowed: ["daily_profile", "weekly_profile", "day_to_day_cv"])
        func profile(_ key: String, _ length: Int, _ what: String) throws -> [Double]? {
            guard let profile = map[key] else { return nil }
            let items = try profile.list("\(length) relative weights, \(what)")
            guard items.count == length else {
                throw profile.error("needs exactly \(length) values, \(what) (got \(items.count))")
            }
            let values = try items.map { try $0.zeroOr(1e-6 ... 1e6, allowed: "0 or a weight from 0.000001 to 1000000") }
            guard values.contains(where: { $0 > 0 }) else { throw profile.error("needs at least one weight above 0") }
            return values
        }
        let daily = try profile("daily_profile", 24, "one per hour from 00:00")
        let weekly = try profile("weekly_profile", 7, "one per day from Monday")
        let cv = try map["day_to_day_cv"]?.zeroOr(0.001...10, allowed: "0 or a coefficient of variation from 0.001 to 10")
        return ArrivalPattern(
            daily: daily ?? base?.daily ?? Array(repeating: 1, count: 24), weekly: weekly ?? base?.weekly ?? Array(repeating: 1, count: 7),
            dayToDayCV: map["day_to_day_cv"] == nil ? base?.dayToDayCV : cv)
    }

    func callTypes(_ field: Field) throws -> ([CallType], [Settings]) {
        let items = try field.list("call types")
        guard !items.isEmpty else { throw field.error("needs at least one call type, or leave call_types out") }
        var types: [CallType] = [], settings: [Settings] = []
        for item in items {
            let map = try item.mapping("a call type", allowed: Self.typeKeys)
            let nameField = try map.required("name", "the call type's name")
            let name = try nameField.string()
            if types.contains(where: { $0.name == name }) { throw nameField.error("call type '\(name)' appears twice") }
            let share = try map.required("share", "its share of calls, from 0 to 1")
                .number(in: 0...1, allowed: "a share from 0 to 1")
            let priority = try map["priority"]?.integer(
                in: -1_000...1_000, allowed: "a whole number from -1000 to 1000; lower is answered first (default: all equal)") ?? 0
            types.append(CallType(name: name, share: share, priority: priority))
            settings.append(try self.settings(map))
        }
        let total = types.reduce(0) { $0 + $1.share }
        guard abs(total - 1) < 1e-6 else {
            throw field.error("the shares must add up to 1 (they add up to \(total))")
        }
        return (types, settings)
    }

    func surges(_ field: Field, codes: [String]) throws -> [Surge] {
        let surges = try field.list("surges").map { item in
            let map = try item.mapping("a surge", allowed: ["from", "to", "factor", "centres"])
            let from = try map.required("from", "when it starts, counted from time 0 (Monday 00:00)").duration()
            let toField = try map.required("to", "when it ends")
            let to = try toField.duration()
            guard to > from else { throw toField.error("must be after from: a surge cannot end before it starts") }
            let factor = try map.required("factor", "what the arrival rate is multiplied by")
                .number(in: 0 ... 1_000, allowed: "a factor from 0 to 1000")
            let centres = try map["centres"].map { list in
                try list.list("centre codes").map { try centreCode($0, codes: codes) }
            }
            return Surge(from: from, to: to, factor: factor, centres: centres)
        }
        try checkCombined(surges, items: try field.list("surges"), codes: codes)
        return surges
    }

    /// Overlapping surges multiply; refuses a combined factor above 1000 at any centre, naming the
    /// surge that takes it there.
    func checkCombined(_ surges: [Surge], items: [Field], codes: [String]) throws {
        let everywhere = surges.indices.filter { surges[$0].centres == nil }
        var own: [String: [Int]] = [:]
        for index in surges.indices { for code in surges[index].centres ?? [] { own[code, default: []].append(index) } }
        for (code, indices) in [(nil, [])] + own.sorted(by: { $0.key < $1.key }).map({ (Optional($0.key), $0.value) }) {
            let applying = everywhere + indices
            for start in Set(applying.map { surges[$0].from }).sorted() {
                var factor = 1.0
                for index in applying where surges[index].from <= start && start < surges[index].to {
                    factor *= surges[index].factor
                    if factor > 1_000 {
                        throw items[index].error(
                            "overlapping surges multiply the rate \(code.map { "of centre \($0) " } ?? "")by more than 1000 "
                                + "from \(start / 86_400) days: at most 1000 together")
                    }
                }
            }
        }
    }

    /// The code of a centre of the scenario.
    func centreCode(_ field: Field, codes: [String]) throws -> String {
        let code = try field.string()
        guard codes.contains(code) else {
            let hint = Field.closest(to: code, in: codes).map { " (did you mean '\($0)'?)" } ?? ""
            throw field.error("unknown centre '\(code)'\(hint)")
        }
        return code
    }

    func absences(_ field: Field, centres: [Centre]) throws -> [Absence] {
        try field.list("absences").map { item in
            let map = try item.mapping("an absence", allowed: ["centre", "from", "to", "consoles"])
            let code = try centreCode(
                try map.required("centre", "the code of the centre whose consoles are off"), codes: centres.map(\.code))
            let centre = centres.first { $0.code == code }!
            let from = try map.required("from", "when it starts, counted from time 0 (Monday 00:00)").duration()
            let toField = try map.required("to", "when it ends")
            let to = try toField.duration()
            guard to > from else { throw toField.error("must be after from: an absence cannot end before it starts") }
            let consolesField = try map.required("consoles", "how many consoles are off")
            let consoles = try consolesField.integer(in: 1...100_000, allowed: "a whole number of consoles ≥ 1")
            guard consoles <= centre.staffing.peak else {
                throw consolesField.error("centre \(code) has only \(centre.staffing.peak) consoles; an absence cannot take more")
            }
            return Absence(centre: code, from: from, to: to, consoles: consoles)
        }
    }

    /// `hourly`: `hourly_targets`, which may set only the measures an hour's calls are judged by.
    func targets(_ field: Field, nationalOnly: Bool, hourly: Bool = false) throws -> [Target] {
        let measures = Target.Measure.allCases.filter { !hourly || $0.isHourly }
        let map = try field.mapping(hourly ? "hourly targets" : "targets", allowed: measures.map(\.rawValue))
        return try measures.compactMap { measure in
            guard let value = map[measure.rawValue] else { return nil }
            let threshold: Double
            switch measure {
            case .serviceLevel, .abandonmentRate: threshold = try value.number(in: 0...1, allowed: "a fraction from 0 to 1")
            case .asa, .waitP95, .escalationDelayP95: threshold = try value.duration()
            case .urgentLostPerYear: threshold = try value.number(in: 0 ... 1e9, allowed: "a number of callers a year from 0 to 1000000000")
            }
            return Target(measure: measure, threshold: threshold, nationalOnly: nationalOnly)
        }
    }

    /// `min_consoles`: the fewest consoles sizing may leave on shift in an hour a centre answers
    /// its own callers.
    func minConsoles(_ field: Field) throws -> Int {
        try field.integer(in: 0...1_000, allowed: "a whole number of consoles from 0 to 1000")
    }
}
