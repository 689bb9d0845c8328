import CallRecords
import Fitting

/// What a call is, by type: its share of new callers, its handling and wrap-up (answered calls),
/// and how often an answered call is escalated; and the hand-off time of escalated calls.
public struct CallFit: Sendable {
    /// One call type.
    public struct CallType: Sendable {
        public let name: String
        /// Of first attempts.
        public let share: FitFigure
        public let handling: DurationFit?
        public let wrapup: DurationFit?
        /// Of answered calls (nil when the file has no escalated column).
        public let escalation: FitFigure?
        /// Handling values left out because they were 0 (a family needs positive values).
        public let zeroHandling: Int
    }

    public let types: [CallType]
    /// Every answered call's handling, all types together.
    public let handling: DurationFit?
    public let handoff: DurationFit?

    init(_ records: [CallRecord], firsts: [Int], types names: [String]) {
        let answered = records.filter { $0.outcome == .answered }
        let firstTypes = firsts.map { records[$0].type }
        func positive(_ values: [Double?]) -> [Double] { values.compactMap { $0 }.filter { $0 > 0 } }
        types = names.indices.map { type in
            let calls = answered.filter { $0.type == type }
            let handling = calls.compactMap(\.handling)
            let escalations = calls.compactMap(\.escalated)
            return CallType(
                name: names[type], share: FitFigure.share(firstTypes.filter { $0 == type }.count, of: firstTypes.count),
                handling: DurationFit(handling.filter { $0 > 0 }), wrapup: DurationFit(calls.compactMap(\.wrapup)),
                escalation: escalations.isEmpty ? nil : FitFigure.share(escalations.filter { $0 }.count, of: escalations.count),
                zeroHandling: handling.filter { $0 == 0 }.count)
        }
        handling = DurationFit(positive(answered.map(\.handling)))
        handoff = DurationFit(positive(answered.filter { $0.escalated == true }.map(\.handoff)))
    }
}
