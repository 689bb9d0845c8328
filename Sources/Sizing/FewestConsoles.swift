import SimStatistics

/// The fewest consoles meeting targets, for any formula.
public enum FewestConsoles {
    /// The fewest consoles from 1 to `maximum` whose queue meets every given target, or `nil` when
    /// even `maximum` does not. Each figure improves with more consoles, so a binary search finds it.
    /// - Parameters:
    ///   - formula: the queue with a given number of consoles.
    ///   - serviceLevel: at least this probability of being answered within `within` seconds.
    ///   - abandonment: at most this probability of abandoning.
    public static func search(
        maximum: Int, serviceLevel: Double?, within: Double, abandonment: Double?,
        formula: (Int) -> any QueueFormula
    ) -> Int? {
        search(maximum: maximum, formula: formula) { queue in
            if let serviceLevel, queue.serviceLevel(within: within) < serviceLevel { return false }
            if let abandonment, queue.pAbandon > abandonment { return false }
            return true
        }
    }

    /// The fewest consoles from 1 to `maximum` whose queue has a steady state and `meets` a
    /// condition that more consoles never break, or `nil` when even `maximum` does not.
    public static func search(
        maximum: Int, formula: (Int) -> any QueueFormula, meets condition: (any QueueFormula) -> Bool
    ) -> Int? {
        func meets(_ consoles: Int) -> Bool {
            let queue = formula(consoles)
            return queue.meanWait != nil && condition(queue)
        }
        guard maximum >= 1, meets(maximum) else { return nil }
        var low = 0, high = maximum  // low fails (or is 0), high meets
        while high - low > 1 {
            let middle = (low + high) / 2
            if meets(middle) { high = middle } else { low = middle }
        }
        return high
    }
}
