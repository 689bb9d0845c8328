/// `overflow`: a caller still waiting after `after` may also be answered by an idle console of the
/// centres in his centre's `neighbours`, the first idle one in list order. A console that frees
/// serves its own line first, then the eligible caller of the most urgent priority, the
/// longest-waiting within it, of the centres that list it.
///
/// One delay for every caller keeps a centre's eligible callers at the front of each priority level
/// of its line, so the eligible callers worth looking at are heads.
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
        var best: (slot: Int, line: Int, level: Int)?
        for client in clients[centre] where lines.eligible[client] > 0 {
            guard let head = lines.eligibleHead(of: client, in: callers) else { continue }
            if best.map({ (head.level, callers[head.slot].arrival) < ($0.level, callers[$0.slot].arrival) }) ?? true {
                best = (head.slot, client, head.level)
            }
        }
        return best.map { ($0.slot, $0.line) }
    }

    func overflowDelay(_ centre: Int) -> Double? { neighbours[centre].isEmpty ? nil : after }

    func helpers(of centre: Int) -> [Int] { neighbours[centre] }
}
