/// `pooled`: one national line, first come first served, answered by every console (the pooling
/// bound). A new caller takes a free console of his own centre, else the first free one in the
/// scenario's order.
struct PooledRouting: RoutingPolicy {
    let centres: Int

    func line(of centre: Int) -> Int { 0 }

    func consoleForNewCaller(of centre: Int, board: ConsoleBoard, now: Double) -> Int? {
        if board.earliestFree(centre) <= now { return centre }
        return (0..<centres).first { board.earliestFree($0) <= now }
    }

    func consolesServing(_ centre: Int) -> Range<Int> { 0..<centres }
}
