import CallModel
import Yams

/// A what-if change to a scenario, meaning exactly what the same change written in its file
/// would (`callsim serve`, docs/what-if.md): centres' `consoles` replaced, every centre's
/// `calls_per_day` or `calls_per_hour` multiplied by `load`, the top-level `patience` mean
/// replaced, `routing` replaced.
///
/// It edits the file's YAML tree and reads the edited tree with the same reader as `callsim run`,
/// so every check of a file applies to a change, and `text(from:file:)` writes the changed file.
public struct ScenarioChanges: Sendable, Equatable {
    /// A centre's consoles by its code: all day or a shift plan.
    public var consoles: [String: Staffing]
    /// Multiplies every centre's arrival rate.
    public var load: Double?
    /// The top-level patience's new mean, as written (`3m`).
    public var patience: String?
    /// The new `routing` section, as YAML text (JSON is YAML's flow style).
    public var routing: String?

    public init(consoles: [String: Staffing] = [:], load: Double? = nil, patience: String? = nil, routing: String? = nil) {
        self.consoles = consoles
        self.load = load
        self.patience = patience
        self.routing = routing
    }

    /// No change at all.
    public var isEmpty: Bool { consoles.isEmpty && load == nil && patience == nil && routing == nil }

    /// The scenario of `source` (the file's text) so changed, checked as the file would be; a
    /// `ScenarioError` whose field names the change (`consoles.CJ`, `load`, `patience`, `routing…`)
    /// when the change is wrong, or names the scenario's own field when the changed file is.
    public func scenario(from source: String, file: String) throws -> Scenario {
        let root = try changed(ScenarioRewriter.compose(source, file: file), file: file)
        return try ScenarioReader.build(root, file: file)
    }

    /// The changed scenario file's text (written anew by the YAML library: comments are dropped).
    public func text(from source: String, file: String) throws -> String {
        let root = try changed(ScenarioRewriter.compose(source, file: file), file: file)
        do { return try Yams.serialize(node: root, width: -1, allowUnicode: true) } catch {
            throw ScenarioError(file: file, line: 1, column: 1, field: "<file>", message: "cannot write the scenario anew: \(error)")
        }
    }

    func refuse(_ field: String, _ message: String, file: String) -> ScenarioError {
        ScenarioError(file: file, line: 0, column: 0, field: field, message: message)
    }

    /// The document's tree with the changes made.
    func changed(_ root: Node, file: String) throws -> Node {
        var document = root
        guard case .mapping = root, case .sequence(var centres)? = root["centres"] else {
            throw ScenarioError(file: file, line: 1, column: 1, field: "centres", message: "expected the list of centres")
        }
        let codes = centres.compactMap { $0["code"]?.string }
        for code in consoles.keys.sorted() where !codes.contains(code) {
            throw refuse("consoles.\(code)", "no centre has the code \(code); the codes are \(codes.joined(separator: ", "))", file: file)
        }
        if let load, !(load > 0 && load.isFinite) {
            throw refuse("load", "must be a number above 0 that multiplies every centre's calls (got \(load))", file: file)
        }
        for index in centres.indices {
            guard case .mapping(var centre) = centres[index] else { continue }
            if let code = centre["code"]?.string, let wanted = consoles[code] {
                centre["consoles"] = ScenarioRewriter.value(wanted)
            }
            if let load {
                for key in ["calls_per_day", "calls_per_hour"] {
                    guard let written = centre[key]?.scalar?.string, let rate = Double(written) else { continue }
                    centre[key] = Node(String(rate * load), Tag(.float))
                }
            }
            centres[index] = .mapping(centre)
        }
        document["centres"] = .sequence(centres)
        if let patience { document["patience"] = try changedPatience(root["patience"], mean: patience, file: file) }
        if let routing { document["routing"] = try routingNode(routing, file: file) }
        return document
    }

    /// The top-level patience with its mean replaced: a bare duration (a constant) replaced, a
    /// distribution's `mean` replaced; none becomes exponential with that mean.
    func changedPatience(_ patience: Node?, mean: String, file: String) throws -> Node {
        guard let seconds = DurationText.seconds(mean) else {
            let problem = DurationText.problem(mean).map { ": \($0)" } ?? ""
            throw refuse("patience", "must be \(DurationText.allowed) (got \"\(mean)\")\(problem)", file: file)
        }
        guard seconds >= DurationText.shortestPositive else {
            throw refuse("patience", "a mean patience must be at least 1 ms (got \"\(mean)\")", file: file)
        }
        switch patience {
        case nil:
            return Node([(Node("distribution"), Node("exponential")), (Node("mean"), Node(mean))])
        case .scalar?:
            return Node(mean)
        case .mapping(var mapping)?:
            guard mapping["mean"] != nil else {
                let family = mapping["distribution"]?.string ?? "this"
                throw refuse("patience", "the scenario's patience is \(family), which has no mean to replace; change it in the file", file: file)
            }
            mapping["mean"] = Node(mean)
            return .mapping(mapping)
        default:
            throw refuse("patience", "the scenario's patience is not a distribution; change it in the file", file: file)
        }
    }

    /// The routing section from its text; `routing` when it is not YAML or JSON at all.
    func routingNode(_ text: String, file: String) throws -> Node {
        guard let node = try? Yams.compose(yaml: text), case .mapping = node else {
            throw refuse("routing", "must be an object such as {\"policy\": \"local\", \"periods\": [{\"from\": \"22:00\", \"to\": \"07:00\", \"policy\": \"pooled\"}]}", file: file)
        }
        return node
    }
}
