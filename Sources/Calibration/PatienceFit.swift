import CallRecords
import Fitting

/// How long callers wait before hanging up, from right-censored waits: an abandoning caller's wait
/// is his patience (observed); an answered caller's wait is a lower bound on it (censored). Busy
/// tones tell nothing. The mean of abandoners' waits alone is not patience: the patient ones were
/// answered first, so it reads far short of the truth.
public struct PatienceFit: Sendable {
    public let kaplanMeier: KaplanMeier
    /// Each family by censored maximum likelihood, the best by AIC first.
    public let ranked: [FittedDistribution]
    public let abandoned: Int, answered: Int
    /// Callers who hung up without waiting at all, left out.
    public let zeroWaits: Int
    /// The mean wait of those who hung up: shown beside the fit, as the estimate it is not.
    public let naiveMean: Double

    init?(_ records: [CallRecord]) {
        var observed: [Double] = [], censored: [Double] = []
        for record in records {
            switch record.outcome {
            case .abandoned where record.wait > 0: observed.append(record.wait)
            case .abandoned: break  // hung up at once: no family has mass at 0 (counted in `zeroWaits`)
            case .answered: censored.append(record.wait)
            case .blocked: break
            }
        }
        guard !observed.isEmpty else { return nil }
        ranked = CensoredFit.ranked(observed: observed, censored: censored).filter(DurationFit.writable)
        guard !ranked.isEmpty else { return nil }
        kaplanMeier = KaplanMeier(observed: observed, censored: censored)
        (abandoned, answered) = (observed.count, censored.count)
        zeroWaits = records.filter { $0.outcome == .abandoned && $0.wait == 0 }.count
        naiveMean = observed.reduce(0, +) / Double(observed.count)
    }
}
