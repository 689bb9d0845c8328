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

    /// Fits `log`'s records (all of them, or those a back-test trains on); refuses records that
    /// span more than `RecordPeriod.longest` days, naming the first and the last.
    public init(_ log: CallLog) throws {
        let records = log.records
        file = log.file
        centres = log.centres
        self.records = records.count
        bad = log.bad
        columns = log.columns
        period = RecordPeriod(records)
        guard period.days <= RecordPeriod.longest else {
            let first = records.min { $0.arrival < $1.arrival }!, last = records.max { $0.arrival < $1.arrival }!
            throw CallLogError(description: "\(log.file): the records span \(period.days) days, from line \(first.line) (\(first.arrival.text)) to line \(last.line) (\(last.arrival.text)); fit takes at most \(RecordPeriod.longest) days (ten years): is a date mistyped?")
        }
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
