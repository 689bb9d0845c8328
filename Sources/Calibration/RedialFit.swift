import CallRecords
import Fitting

/// Whether a caller who hung up or got a busy tone calls again, and after how long — where the
/// records link a caller's attempts. An unanswered attempt in the last `margin` of the records
/// is left out: his next attempt may fall after them.
public struct RedialFit: Sendable {
    public let probability: FitFigure
    /// From the end of the unanswered attempt (hanging up; the busy tone) to the next arrival.
    public let delay: DurationFit?
    /// The end of the records' usable span for the choice, in seconds before their last arrival.
    public let margin: Double

    init?(_ records: [CallRecord], callers: Callers) {
        guard callers.linked else { return nil }
        var unanswered: [(end: Double, delay: Double?)] = []
        for attempts in callers.attempts {
            for (position, index) in attempts.enumerated() where records[index].outcome != .answered {
                let end = records[index].end.seconds
                let next = position + 1 < attempts.count ? records[attempts[position + 1]].arrival.seconds - end : nil
                unanswered.append((end, next))
            }
        }
        guard !unanswered.isEmpty else { return nil }
        let last = records.map(\.arrival.seconds).max()!
        // Long enough that nearly every redial of an attempt before it is in the records: the 99th percentile of the delays seen, at least an hour.
        let sorted = unanswered.compactMap(\.delay).sorted()
        let margin = max(3_600, sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(0.99 * Double(sorted.count)))])
        self.margin = margin
        let usable = unanswered.filter { $0.end < last - margin }
        probability = FitFigure.share(usable.filter { $0.delay != nil }.count, of: usable.count)
        delay = DurationFit(usable.compactMap(\.delay).filter { $0 > 0 }, among: [.exponential, .gamma, .lognormal])
    }
}
