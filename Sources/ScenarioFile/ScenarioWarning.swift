import CallModel
import Foundation
import Yams

/// Something a scenario may say that cannot change anything: a routing period that repeats the
/// main policy, or overflow where no centre lists a neighbour. It is allowed (exit 0) but printed
/// on standard error, naming its place, so that a planner does not believe a rule is at work.
public struct ScenarioWarning: CustomStringConvertible, Sendable, Equatable {
    public let file: String
    public let line: Int, column: Int
    /// The field's path in the document, e.g. `routing.periods[0]`.
    public let field: String
    public let message: String

    public var description: String { "\(file):\(line):\(column): warning: \(field): \(message)" }
}

extension ScenarioReader {
    /// The warnings for `scenario`, read from the text `text` of `file` (for the places).
    public static func warnings(for scenario: Scenario, text: String, file: String) -> [ScenarioWarning] {
        let routingNode = (try? Yams.compose(yaml: text))?.mapping?["routing"]
        func warning(_ node: Node?, _ field: String, _ message: String) -> ScenarioWarning {
            ScenarioWarning(file: file, line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, field: field, message: message)
        }
        let nobodyHelps = scenario.centres.allSatisfy(\.neighbours.isEmpty)
        let noNeighbours = "no centre lists neighbours, so no caller ever overflows; list them (neighbours: [...]) or use local"
        var warnings: [ScenarioWarning] = []
        switch scenario.routing {
        case .overflow where nobodyHelps:
            warnings.append(warning(routingNode?.mapping?["policy"], "routing.policy", "overflow, but \(noNeighbours)"))
        case .byTimeOfDay(let main, let periods):
            if case .overflow = main, nobodyHelps {
                warnings.append(warning(routingNode?.mapping?["policy"], "routing.policy", "overflow, but \(noNeighbours)"))
            }
            let nodes = routingNode?.mapping?["periods"]?.sequence
            for (index, period) in periods.enumerated() {
                let node = nodes.flatMap { index < $0.count ? $0[index] : nil }
                let field = "routing.periods[\(index)]"
                let hours = String(format: "%02d:00-%02d:00", period.from, period.to)
                if period.policy == main {
                    warnings.append(warning(node, field, "\(hours) repeats the main policy, so it changes nothing; remove it or give another policy"))
                } else if case .overflow = period.policy, nobodyHelps {
                    warnings.append(warning(node, field, "\(hours) overflows, but \(noNeighbours)"))
                }
            }
        default:
            break
        }
        return warnings
    }
}
