/// Who may answer whose callers: the questions a replication asks its routing at each event
/// (docs/model.md, "Waiting lines and routing"). One type per policy, each in its own file under `Routing/`.
///
/// The defaults describe a centre that answers only its own callers; a policy overrides what it
/// changes. A policy never draws random numbers, so changing it leaves every caller as he was
/// (common random numbers).
protocol RoutingPolicy {
    /// The waiting line a caller of `centre` joins.
    func line(of centre: Int) -> Int

    /// The centre whose free console takes a new caller of `centre` at once, when nobody waits in
    /// his line; `nil`: none is free now, and he waits.
    func consoleForNewCaller(of centre: Int, board: ConsoleBoard, now: Double) -> Int?

    /// The centres whose consoles may answer a caller of `centre` who starts waiting (their console
    /// events must be pending).
    func consolesServing(_ centre: Int) -> Range<Int>

    /// Whether callers wait whom a console of `centre` could answer.
    func hasCallers(for centre: Int, lines: WaitingLines) -> Bool

    /// The caller (his slot) a freed console of `centre` answers next, if any; he stays in his line
    /// until the replication takes him out.
    func nextCaller(for centre: Int, lines: inout WaitingLines, callers: CallerPool) -> (slot: Int, line: Int)?

    /// How long a caller of `centre` waits before the consoles of `helpers(of:)` may answer him;
    /// `nil`: they never do.
    func overflowDelay(_ centre: Int) -> Double?

    /// The centres, in order of preference, whose idle consoles may answer an eligible caller of `centre`.
    func helpers(of centre: Int) -> [Int]

    /// When another policy next comes into force after `time` (routing by time of day); `nil`: never.
    func nextSwitch(after time: Double) -> Double?

    /// Puts in force the policy for `time` (at a switch).
    mutating func switchPolicy(at time: Double)

    /// Called at the end of each switch, once the waiting callers stand in the new policy's lines
    /// and the idle consoles have answered whom they may: a hook for tests. The policies do nothing
    /// (inlined away), but routing by time of day calls its `afterSwitch` when a test sets one.
    mutating func switched(lines: WaitingLines, callers: CallerPool)

    /// Whether a caller's hanging up matters only when a console of his centre looks at the head
    /// of his line: then callers who will not call again need no patience event, and are settled
    /// there (docs/model.md, "Hanging up, settled at the head of the line"). Only where nothing
    /// else — a neighbour, another policy, a capacity — looks into the line.
    static var settlesHangUpsAtHead: Bool { get }
}

extension RoutingPolicy {
    func line(of centre: Int) -> Int { centre }

    func consoleForNewCaller(of centre: Int, board: ConsoleBoard, now: Double) -> Int? {
        board.earliestFree(centre) <= now ? centre : nil
    }

    func consolesServing(_ centre: Int) -> Range<Int> { centre..<(centre + 1) }

    func hasCallers(for centre: Int, lines: WaitingLines) -> Bool { lines.queued[line(of: centre)] > 0 }

    func nextCaller(for centre: Int, lines: inout WaitingLines, callers: CallerPool) -> (slot: Int, line: Int)? {
        let own = line(of: centre)
        return lines.head(of: own, in: callers).map { ($0, own) }
    }

    func overflowDelay(_ centre: Int) -> Double? { nil }

    func helpers(of centre: Int) -> [Int] { [] }

    func nextSwitch(after time: Double) -> Double? { nil }

    mutating func switchPolicy(at time: Double) {}

    @inline(__always) func switched(lines: WaitingLines, callers: CallerPool) {}

    static var settlesHangUpsAtHead: Bool { false }
}

extension Routing {
    /// The policy that plays this routing for `centres`.
    func policy(centres: [Centre]) -> any RoutingPolicy {
        switch self {
        case .local: return LocalRouting()
        case .overflow(let after): return OverflowRouting(after: after, centres: centres)
        case .pooled: return PooledRouting(centres: centres.count)
        case .byTimeOfDay(let main, let periods): return TimeOfDayRouting(main: main, periods: periods, centres: centres)
        }
    }
}
