/// How much a scenario asks of the machine, judged before it runs, and the guard that stops a
/// replication whose callers pile up anyway (docs/model.md, "Limits").
extension Scenario {
    /// The most calls one replication may be expected to simulate (about 10 s on one core).
    public static let maxCallsPerReplication = 5e7
    /// The most calls a run simulates: its first batch may not be expected to simulate more, and
    /// the precision rule does not double the replications past it (about 20 s on one core,
    /// 10 s on two), so every run answers in bounded time.
    public static let maxCallsPerRun = 1e8
    /// The most figures by the hour of day (centre-hours × replications) sizing by hour lets a
    /// candidate run extend to: the precision rule does not double its replications past it, so
    /// that a by-hour search of many centres stays bounded in time. (Memory is flat whatever the
    /// count: `HourFigures` streams them.)
    public static let maxHourFiguresPerRun = 25_000
    /// The most callers a replication keeps at once (waiting, or waiting to call again): about
    /// half a gigabyte. A run that reaches it stops with an `Overload`.
    public static let maxCallersAtOnce = 5_000_000

    /// Calls one replication is expected to simulate: each centre's long-run rate × the surges in
    /// force over warm-up and horizon, × the attempts per caller when callers redial (at most
    /// 1 / (1 − p)). Day-to-day variation does not change the expectation.
    public var expectedCallsPerReplication: Double {
        let attempts = 1 / (1 - (redial?.probability ?? 0))
        return centres.reduce(0) { total, centre in
            total + centre.callsPerDay / 86_400 * surgedSeconds(centre.code)
        } * attempts
    }

    /// The calls one replication and the first batch are expected to simulate, and whether either
    /// passes callsim's limits.
    public var expectedWork: (perReplication: Double, firstBatch: Double, tooMuch: Bool) {
        let perReplication = expectedCallsPerReplication, firstBatch = perReplication * Double(replications)
        return (perReplication, firstBatch, perReplication > Self.maxCallsPerReplication || firstBatch > Self.maxCallsPerRun)
    }

    /// ∫ (product of the surges in force at `code`) dt over warm-up and horizon: the run's length
    /// in seconds, stretched or shrunk by the surges.
    public func surgedSeconds(_ code: String) -> Double {
        surgeSpans(code).reduce(0) { $0 + $1.factor * $1.seconds }
    }

    /// Warm-up and horizon cut where a surge at `code` starts or ends: each span's length and the
    /// product of the surges in force in it.
    func surgeSpans(_ code: String) -> [(seconds: Double, factor: Double)] {
        let end = warmup + horizon
        let mine = surges.filter { $0.centres?.contains(code) ?? true }
        var edges = Set([0, end])
        for surge in mine {
            edges.insert(min(max(surge.from, 0), end))
            edges.insert(min(max(surge.to, 0), end))
        }
        let sorted = edges.sorted()
        return zip(sorted, sorted.dropFirst()).map { start, stop in
            (stop - start, mine.reduce(1.0) { $1.from <= start && start < $1.to ? $0 * $1.factor : $0 })
        }
    }

    /// The most calls the candidate runs of a sizing search (`size`, `roster`) may be expected to
    /// simulate in their first batches (`expectedSizingWork`): about 8 s on one core before the
    /// precision rule doubles any. (24 one-hour surges of factor 999 at one centre, about 5 × 10⁷,
    /// took 25 s on two cores; sizing the launch fortnight by hour at five times its load, about
    /// 10⁷, 24 s.)
    public static let maxSizingCalls = 4e7

    /// What a sizing search is expected to simulate, judged before it runs. Sizing starts from
    /// Erlang A's consoles for the long-run rates, which do not see surges, and adds consoles a run
    /// at a time: so its candidates are about the Erlangs a centre's highest surge adds to its load
    /// (offered load × (peak factor − 1)), plus two (the answer and one console fewer). Under local
    /// routing each centre is sized alone on its own calls, otherwise all together.
    /// - Returns: the candidate runs, the calls of all their first batches, and the surge with the
    ///   highest factor (`nil` when none multiplies the rate), most to blame when they are too many.
    public var expectedSizingWork: (candidates: Double, calls: Double, steepestSurge: Int?) {
        let attempts = 1 / (1 - (redial?.probability ?? 0)), batch = Double(replications)
        let centres = centres.map { centre in
            let spans = surgeSpans(centre.code)
            let peak = spans.map(\.factor).max() ?? 1
            return (candidates: centre.offeredLoad(callTypes: callTypes) * max(peak - 1, 0),
                    calls: centre.callsPerDay / 86_400 * spans.reduce(0) { $0 + $1.factor * $1.seconds } * attempts * batch)
        }
        let alone = routing == .local, added = centres.reduce(0) { $0 + $1.candidates }
        let calls = alone
            ? centres.reduce(0) { $0 + ($1.candidates + 2) * $1.calls }
            : (added + 2) * centres.reduce(0) { $0 + $1.calls }
        let steepest = surges.indices.filter { surges[$0].factor > 1 }.max { surges[$0].factor < surges[$1].factor }
        return (added + 2 * Double(alone ? centres.count : 1), calls, steepest)
    }

    /// Console-seconds on shift at `centre` over warm-up and horizon, less its absences.
    public func consoleSeconds(_ centre: Centre) -> Double {
        let end = warmup + horizon
        let absent = absences.filter { $0.centre == centre.code }.reduce(0.0) { total, absence in
            total + Double(absence.consoles) * max(0, min(absence.to, end) - max(absence.from, 0))
        }
        return max(0, centre.staffing.meanConsoles * end - absent)
    }
}

/// A queue that would grow without end, and why.
public struct GrowingQueue: Sendable, Equatable {
    /// The centre whose queue grows; `nil` when all centres together cannot keep up.
    public let centre: Int?
    /// Erlangs offered (calls per second × mean console time) and consoles that could answer them.
    public let load: Double
    public let consoles: Double
    /// `true` when the figures are averages over the run (surges and absences), not the long run.
    public let overTheRun: Bool
}

extension Scenario {
    /// `true` when some queue would grow without end.
    public var queuesGrowWithoutEnd: Bool { growingQueue != nil }

    /// The first queue that would grow without end, if any. A queue can only do so when its
    /// callers never hang up and it has no limit. It does when its load reaches the consoles that
    /// can answer it, in the long run or on average over the run (surges and absences included):
    /// under local routing each centre's own; under overflow also its neighbours' spare consoles;
    /// under pooled or time-of-day routing all centres' together (docs/model.md, "Limits").
    public var growingQueue: GrowingQueue? {
        let length = warmup + horizon
        let unbounded = centres.map { $0.patience == nil && $0.queueCapacity == nil && $0.callsPerDay > 0 }
        let longRun = centres.map { $0.offeredLoad(callTypes: callTypes) }
        let runLoad = centres.indices.map { longRun[$0] * surgedSeconds(centres[$0].code) / length }
        let consoles = centres.map(\.staffing.meanConsoles)
        let runConsoles = centres.map { consoleSeconds($0) / length }
        func grows(_ load: Double, _ capacity: Double) -> Bool { load > 0 && load >= capacity }
        func check(_ load: [Double], _ capacity: [Double], overTheRun: Bool) -> GrowingQueue? {
            switch routing {
            case .local:
                return centres.indices.first { unbounded[$0] && grows(load[$0], capacity[$0]) }
                    .map { GrowingQueue(centre: $0, load: load[$0], consoles: capacity[$0], overTheRun: overTheRun) }
            case .overflow:
                let spare = centres.indices.map { max(0, capacity[$0] - load[$0]) }
                for index in centres.indices where unbounded[index] {
                    let helpers = centres[index].neighbours.compactMap { code in centres.firstIndex { $0.code == code } }
                    let reach = capacity[index] + helpers.reduce(0) { $0 + spare[$1] }
                    if grows(load[index], reach) {
                        return GrowingQueue(centre: index, load: load[index], consoles: reach, overTheRun: overTheRun)
                    }
                }
                fallthrough
            case .pooled, .byTimeOfDay:
                let total = load.reduce(0, +), all = capacity.reduce(0, +)
                guard unbounded.contains(true), grows(total, all) else { return nil }
                return GrowingQueue(centre: nil, load: total, consoles: all, overTheRun: overTheRun)
            }
        }
        return check(longRun, consoles, overTheRun: false) ?? check(runLoad, runConsoles, overTheRun: true)
    }
}

/// A replication stopped because more than `Scenario.maxCallersAtOnce` callers were in it at
/// once: calls outran consoles for longer than memory allows.
public struct Overload: Sendable, Equatable {
    /// The replication (from 0).
    public let replication: Int
    /// The centre with the most callers waiting when it stopped.
    public let centre: Int
    /// Simulated seconds from time 0.
    public let time: Double
}
