/// `overflow`: a caller still waiting after `after` may also be answered by an idle console of the
/// centres in his centre's `neighbours`, the first idle one in list order. A console that frees
/// serves its own line first, then the longest-waiting eligible caller of the centres that list it.
///
/// One delay for every caller keeps a centre's eligible callers at the front of its line, so the
/// longest-waiting eligible caller of a centre is the head of its line.
struct OverflowRouting: RoutingPolicy {
    let after: Double
    /// Each centre's neighbours, and the centres that list it, as indices.
    let neighbours: [[Int]]
    let clients: [[Int]]

    init(after: Double, centres: [Centre]) {
        self.after = after
        let index = Dictionary(uniqueKeysWithValues: centres.enumerated().map { ($1.code, $0) })
        let neighbours = centres.map { $0.neighbours.compactMap { index[$0] } }
        self.neighbours = neighbours
        clients = centres.indices.map { centre in neighbours.indices.filter { neighbours[$0].contains(centre) } }
    }

    func hasCallers(for centre: Int, lines: WaitingLines) -> Bool {
        lines.queued[centre] > 0 || clients[centre].contains { lines.eligible[$0] > 0 }
    }

    func nextCaller(for centre: Int, lines: inout WaitingLines, callers: CallerPool) -> (slot: Int, line: Int)? {
        if let slot = lines.head(of: centre, in: callers) { return (slot, centre) }
        var best: (slot: Int, line: Int)?
        for client in clients[centre] where lines.eligible[client] > 0 {
            guard let slot = lines.head(of: client, in: callers) else { continue }
            if best.map({ callers[slot].arrival < callers[$0.slot].arrival }) ?? true { best = (slot, client) }
        }
        return best
    }

    func overflowDelay(_ centre: Int) -> Double? { neighbours[centre].isEmpty ? nil : after }

    func helpers(of centre: Int) -> [Int] { neighbours[centre] }
}
