import CallModel

/// One usable row of a calls log, as `fit` reads it: centres, types and callers are numbered in
/// the order they first appear (`CallLog` holds their names), so that a year of records stays small.
public struct CallRecord: Sendable {
    /// The row's line in the file (the header is line 1).
    public let line: Int
    /// The caller's number in `CallLog.callers`, or nil when the file has no caller column.
    public let caller: Int?
    public let attempt: Int?
    public let centre: Int
    public let answeredBy: Int?
    /// The call type's number in `CallLog.types` (0, the only one, when the file has no type column).
    public let type: Int
    public let arrival: ClockTime
    public let outcome: AttemptRecord.Outcome
    public let wait: Double
    public let handling: Double?, wrapup: Double?
    public let escalated: Bool?
    public let handoff: Double?

    /// When the attempt ended unanswered: hung up (arrival + wait) or got a busy tone (arrival).
    public var end: ClockTime { arrival.adding(wait) }
}

/// A row that could not be used, and why: reported with its line, never dropped silently.
public struct BadRecord: Error, Sendable, Equatable {
    public let line: Int
    public let column: String
    public let problem: String

    public var text: String { "line \(line): \(column): \(problem)" }
}

/// A calls log as read: its usable records in file order, the bad rows, and the names behind the numbers.
public struct CallLog: Sendable {
    public let file: String
    public var records: [CallRecord]
    public let bad: [BadRecord]
    public let centres: [String]
    public let types: [String]
    public let callers: Int
    /// The columns the file has (under our keys).
    public let columns: Set<CallLogColumn>
}
