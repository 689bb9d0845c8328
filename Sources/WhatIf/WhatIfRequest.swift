import CallModel
import Foundation
import ScenarioFile

/// A wrong what-if request: the field and what is allowed (HTTP 400 `{"error": "field: …"}`).
public struct WhatIfError: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// One what-if: the changes to the scenario and the run's seed and replications, read from the
/// body of `POST /api/run` (docs/what-if.md). Every key is optional; an unknown key is refused.
public struct WhatIfRequest: Sendable, Equatable {
    public var changes = ScenarioChanges()
    /// The first batch of replications, as `--replications` (the precision rule goes on from it).
    public var replications: Int?
    public var seed: UInt64?

    public static let keys = ["consoles", "load", "patience", "routing", "replications", "seed"]

    public init(changes: ScenarioChanges = ScenarioChanges(), replications: Int? = nil, seed: UInt64? = nil) {
        self.changes = changes
        self.replications = replications
        self.seed = seed
    }

    /// Reads a request body: a JSON object, or nothing (no change).
    public init(json data: Data) throws {
        guard !data.isEmpty else { return }
        let root: JSONValue
        do { root = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw WhatIfError(field: "<body>", message: "not JSON: check its quotes, commas and brackets, e.g. {\"load\": 1.2}")
        }
        guard case .object(let members) = root else {
            throw WhatIfError(field: "<body>", message: "must be a JSON object with some of \(Self.keys.joined(separator: ", "))")
        }
        for key in members.keys.sorted() where !Self.keys.contains(key) {
            throw WhatIfError(field: key, message: "unknown field; the fields are \(Self.keys.joined(separator: ", "))")
        }
        if let consoles = members["consoles"] { changes.consoles = try Self.consoles(consoles) }
        if let load = members["load"] {
            guard let value = load.number, value > 0, value <= Self.maximumLoad else {
                throw WhatIfError(field: "load", message: "must be a number above 0 and at most \(Int(Self.maximumLoad)) that multiplies every centre's calls (got \(load.text))")
            }
            changes.load = value
        }
        if let patience = members["patience"] {
            guard case .string(let text) = patience else {
                throw WhatIfError(field: "patience", message: "must be a duration such as \"3m\" or \"90s\" (got \(patience.text))")
            }
            changes.patience = text
        }
        if let routing = members["routing"] {
            guard case .object = routing else {
                throw WhatIfError(field: "routing", message: "must be an object as in the scenario, e.g. {\"policy\": \"pooled\"} (got \(routing.text))")
            }
            changes.routing = routing.text
        }
        if let replications = members["replications"] {
            guard let value = replications.whole, (1...Scenario.maxReplications).contains(value) else {
                throw WhatIfError(field: "replications", message: "must be a whole number from 1 to \(Scenario.maxReplications) (got \(replications.text))")
            }
            self.replications = value
        }
        if let seed = members["seed"] {
            guard case .unsigned(let value) = seed else {
                throw WhatIfError(field: "seed", message: "must be a whole number from 0 to \(UInt64.max) (got \(seed.text))")
            }
            self.seed = value
        }
    }

    /// The largest `load`: beyond it the scenario's own limits on calls refuse the run anyway.
    public static let maximumLoad = 1_000.0

    /// `{"CJ": 3, "IS": [24 whole numbers]}`.
    static func consoles(_ value: JSONValue) throws -> [String: Staffing] {
        guard case .object(let members) = value else {
            throw WhatIfError(field: "consoles", message: "must be an object of centre codes, e.g. {\"CJ\": 3, \"IS\": [24 whole numbers]} (got \(value.text))")
        }
        var consoles: [String: Staffing] = [:]
        for code in members.keys.sorted() {
            let value = members[code]!
            let allowed = "must be a whole number of consoles from 0 to \(Scenario.maxConsoles), or a list of 24 (one for each hour from 00:00)"
            if let count = value.whole, (0...Scenario.maxConsoles).contains(count) {
                consoles[code] = .allDay(count)
            } else if case .array(let hours) = value {
                let counts = hours.compactMap(\.whole).filter { (0...Scenario.maxConsoles).contains($0) }
                guard hours.count == 24, counts.count == 24 else {
                    throw WhatIfError(field: "consoles.\(code)", message: "\(allowed) (got \(hours.count == 24 ? value.text : "\(hours.count) values"))")
                }
                consoles[code] = .byHour(counts)
            } else {
                throw WhatIfError(field: "consoles.\(code)", message: "\(allowed) (got \(value.text))")
            }
        }
        return consoles
    }
}
