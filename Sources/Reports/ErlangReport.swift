import Foundation
import SimStatistics

/// What `callsim erlang` prints: one row of exact figures per number of consoles.
public enum ErlangReport {
    static let percentiles: [(String, Double)] = [("wait_p50_s", 0.5), ("wait_p90_s", 0.9), ("wait_p95_s", 0.95), ("wait_p99_s", 0.99)]

    static func model(_ queue: any QueueFormula) -> String { queue is ErlangA ? "erlang-a" : "erlang-c" }

    /// The JSON object `callsim erlang --format json` prints for one number of consoles (README, Commands).
    public static func json(_ queue: any QueueFormula, within threshold: Double) -> JSON {
        var members: [(String, JSON)] = [
            ("model", .string(model(queue))),
            ("consoles", .number(Double(queue.consoles))),
            ("load_erlang", .number(queue.load)),
            ("p_wait", .number(queue.pWait)),
            ("p_abandon", .number(queue.pAbandon)),
            ("asa_s", .number(queue.meanWaitAnswered)),
            ("mean_wait_s", .number(queue.meanWait)),
            ("service_level", .number(queue.serviceLevel(within: threshold))),
            ("occupancy", .number(queue.occupancy)),
        ]
        members += percentiles.map { ($0.0, JSON.number(queue.waitQuantile($0.1))) }
        if queue.meanWait == nil {
            members.append(("note", .string(
                "the load reaches the consoles and nobody hangs up: the queue grows without end, so waits have no steady state")))
        }
        return .object(members)
    }

    /// A table for people.
    public static func text(_ queues: [any QueueFormula], within threshold: Double) -> String {
        guard let first = queues.first else { return "" }
        var out = String(format: "%@: %.4g Erlangs offered; service level = answered within %@\n\n",
                         model(first) == "erlang-a" ? "Erlang A" : "Erlang C", first.load, KPIText.seconds(threshold))
        let header = ["consoles", "P(wait)", "P(abandon)", "ASA", "mean wait", "service level", "occupancy", "p90 wait", "p95 wait"]
        let rows = queues.map { queue -> [String] in
            func wait(_ value: Double?) -> String { value.map(KPIText.seconds) ?? "∞" }
            return [
                "\(queue.consoles)", String(format: "%.4f", queue.pWait), String(format: "%.4f", queue.pAbandon),
                wait(queue.meanWaitAnswered), wait(queue.meanWait),
                String(format: "%.2f%%", queue.serviceLevel(within: threshold) * 100),
                String(format: "%.2f%%", queue.occupancy * 100), wait(queue.waitQuantile(0.9)), wait(queue.waitQuantile(0.95)),
            ]
        }
        out += TableReports.aligned([header] + rows)
        if queues.contains(where: { $0.meanWait == nil }) {
            out += "\n∞: the load reaches the consoles and nobody hangs up, so the queue grows without end.\n"
        }
        return out
    }
}
