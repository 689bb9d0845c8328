/// The columns of a calls log, by the key `run --calls-log` writes as its header and `fit
/// --columns` maps to another system's names (docs/call-records.md).
public enum CallLogColumn: String, Sendable, CaseIterable {
    case caller, attempt, centre, answeredBy = "answered_by", type, arrival, outcome
    case wait = "wait_s", handling = "handling_s", wrapup = "wrapup_s", escalated, handoff = "handoff_s"

    /// The columns a file must have (under their own names or mapped): without them there is
    /// nothing to fit.
    public static let required: [CallLogColumn] = [.centre, .arrival, .outcome, .wait]
}
