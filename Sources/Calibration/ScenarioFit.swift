import CallRecords

/// Everything `fit` estimates from a calls log (docs/call-records.md, "What fit estimates"):
/// arrivals, calls, patience, redials and staffing, each with its interval and sample size.
public struct ScenarioFit: Sendable {
    public let file: String
    public let centres: [String]
    public let period: RecordPeriod
    public let records: Int
    public let bad: [BadRecord]
    /// Whether the file links a caller's attempts (redials are told from new callers).
    public let linked: Bool
    public let arrivals: ArrivalFit
    public let calls: CallFit
    public let patience: PatienceFit?
    public let redial: RedialFit?
    public let staffing: StaffingFit
    /// Which columns the file has.
    public let columns: Set<CallLogColumn>

    /// Fits `log`'s records (all of them, or those a back-test trains on).
    public init(_ log: CallLog) {
        let records = log.records
        file = log.file
        centres = log.centres
        self.records = records.count
        bad = log.bad
        columns = log.columns
        period = RecordPeriod(records)
        let callers = Callers(records)
        linked = callers.linked
        let firsts = callers.firstAttempts(in: records)
        arrivals = ArrivalFit(records, firsts: firsts, period: period, centres: log.centres.count)
        calls = CallFit(records, firsts: firsts, types: log.types)
        patience = PatienceFit(records)
        redial = RedialFit(records, callers: callers)
        staffing = StaffingFit(records, centres: log.centres.count)
    }
}
