import CallModel
import CallRecords

/// The fitted scenario against the records it was not fitted on: each centre's calls,
/// abandonment, service level and ASA in each block of hours over the test period, against the
/// 95 % prediction interval of the fitted scenario — the middle 95 % of its replications (the
/// spread of one period's outcome, not the interval of a mean) — and how often it covers them.
public struct BackTest: Sendable {
    /// What is compared.
    public enum Measure: String, CaseIterable, Sendable {
        case calls, abandonmentRate = "abandonment_rate", serviceLevel = "service_level", asa = "asa_s"
    }

    /// One centre, block and measure.
    public struct Cell: Sendable {
        public let centre: Int, block: Int
        public let measure: Measure
        /// Nil when nothing was measured (ASA of a block in which nobody was answered).
        public let observed: Double?
        /// The 2.5 %, 50 % and 97.5 % points of the replications' values.
        public let low: Double, median: Double, high: Double
        public var covered: Bool? { observed.map { $0 >= low && $0 <= high } }
    }

    /// The blocks of local hours compared: four of six hours.
    public static let blocks = [0..<6, 6..<12, 12..<18, 18..<24]
    /// Replications: enough that 2.5 % of them is five.
    public static let replications = 200

    public let cells: [Cell]
    public let from: ClockTime
    public let days: Int
    public let records: Int

    /// Simulates `scenario` (fitted on the records before `from`) over the `days` from `from`
    /// and compares it with `records` (those from `from` on), whose centres are `centres`.
    /// Refuses (a `CallLogError`) a test period whose replications would pass `run`'s work limits.
    public init(records: [CallRecord], centres: [String], scenario: Scenario, from: ClockTime, days: Int, jobs: Int) async throws {
        self.from = from
        self.days = days
        self.records = records.count
        // Observed: sums by centre and block, as the simulator tallies them.
        let blocks = Self.blocks
        func block(of hour: Int) -> Int { blocks.firstIndex { $0.contains(hour) }! }
        var observed = Array(repeating: Array(repeating: CallTallySums(), count: blocks.count), count: centres.count)
        for record in records {
            observed[record.centre][block(of: record.arrival.hour)].add(record, threshold: scenario.serviceLevelThreshold)
        }
        // Simulated: the scenario's centres by code; time 0 is the Monday before `from`, and a week of warm-up
        // goes before the period, so that the weekdays fall as they did.
        var test = scenario
        let sinceMonday = from.local - Double(from.day - from.weekday) * 86_400
        test.warmup = 7 * 86_400 + sinceMonday
        test.horizon = Double(days) * 86_400 - (from.local - Double(from.day) * 86_400)
        test.replications = Self.replications
        test.precision = 0
        guard !test.expectedWork.tooMuch else {
            throw CallLogError(description: "--until \(from.text): back-testing \(days) days takes \(Int(test.expectedWork.firstBatch)) calls over \(Self.replications) replications, more than callsim simulates in one run (\(Int(Scenario.maxCallsPerRun))); give a later date")
        }
        let index = Dictionary(uniqueKeysWithValues: test.centres.enumerated().map { ($1.code, $0) })
        var simulated = Array(repeating: Array(repeating: [[Double?]](), count: blocks.count), count: centres.count)
        await Simulator.batch(test, replications: 0..<Self.replications, jobs: jobs, hourlyCentres: Array(test.centres.indices)) { summary in
            for centre in centres.indices {
                guard let slot = index[centres[centre]] else { continue }
                for (b, hours) in blocks.enumerated() {
                    var sums = CallTallySums()
                    for hour in hours { sums.add(summary.centreHours[slot * 24 + hour]) }
                    simulated[centre][b].append(Measure.allCases.map(sums.value))
                }
            }
        }
        var cells: [Cell] = []
        for centre in centres.indices {
            for b in blocks.indices {
                for (m, measure) in Measure.allCases.enumerated() {
                    let values = simulated[centre][b].compactMap { $0[m] }.sorted()
                    guard !values.isEmpty else { continue }
                    cells.append(Cell(
                        centre: centre, block: b, measure: measure, observed: observed[centre][b].value(measure),
                        low: Self.quantile(values, 0.025), median: Self.quantile(values, 0.5), high: Self.quantile(values, 0.975)))
                }
            }
        }
        self.cells = cells
    }

    /// The cells judged and those covered, for `measure` (nil: all).
    public func coverage(_ measure: Measure? = nil) -> (covered: Int, judged: Int) {
        let judged = cells.filter { measure == nil || $0.measure == measure }.compactMap(\.covered)
        return (judged.filter { $0 }.count, judged.count)
    }

    /// The `p`-quantile of sorted `values`, interpolated between order statistics (Hyndman and Fan's type 7).
    public static func quantile(_ values: [Double], _ p: Double) -> Double {
        let position = p * Double(values.count - 1)
        let below = Int(position.rounded(.down)), above = min(below + 1, values.count - 1)
        return values[below] + (position - Double(below)) * (values[above] - values[below])
    }
}

/// Offered, abandoned, answered within the threshold, answered and their waits: the sums behind
/// the back-test's measures, from records or from the simulator's tallies by hour.
struct CallTallySums {
    var offered = 0.0, abandoned = 0.0, within = 0.0, answered = 0.0, waits = 0.0

    mutating func add(_ record: CallRecord, threshold: Double) {
        offered += 1
        switch record.outcome {
        case .abandoned: abandoned += 1
        case .answered:
            answered += 1
            waits += record.wait
            if record.wait <= threshold { within += 1 }
        case .blocked: break
        }
    }

    mutating func add(_ figures: ScopeFigures) {
        offered += figures.figures[KPI.offered.index].part
        abandoned += figures.figures[KPI.abandoned.index].part
        within += figures.figures[KPI.serviceLevel.index].part
        answered += figures.figures[KPI.answered.index].part
        waits += figures.figures[KPI.asa.index].part
    }

    func value(_ measure: BackTest.Measure) -> Double? {
        switch measure {
        case .calls: return offered
        case .abandonmentRate: return offered > 0 ? abandoned / offered : nil
        case .serviceLevel: return offered > 0 ? within / offered : nil
        case .asa: return answered > 0 ? waits / answered : nil
        }
    }
}
