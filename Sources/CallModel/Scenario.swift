import SimEngine

/// A checked scenario: everything one run simulates, with every setting already resolved to the
/// value that applies (a call type's beats its centre's, which beats the top level).
///
/// The scenario reader builds it from a file and guarantees what the doc comments say; code that
/// builds one by hand (tests, sizing) must keep the same promises.
public struct Scenario: Sendable {
    /// Shown in reports; `check --baseline` matches runs by it.
    public var name: String
    /// The seed every random stream is derived from.
    public var seed: UInt64
    /// Length of the measured window, in seconds (> 0).
    public var horizon: Double
    /// Time before the window opens, in seconds (≥ 0); the system starts empty at time 0.
    public var warmup: Double
    /// Number of independent replications (1 ... `maxReplications`): the first batch when
    /// `precision` is above 0.
    public var replications: Int
    /// The decision zone of every target as a share of its threshold: replications double from
    /// `replications` while a target is undecided (0: a fixed number of replications).
    public var precision: Double
    /// The most replications the precision rule may run (≥ `replications`).
    public var maxReplications: Int
    /// "Answered within" for the service level, in seconds.
    public var serviceLevelThreshold: Double
    /// How arrivals vary over the day and the week.
    public var arrivals: ArrivalPattern
    /// The kinds of call (at least one) and their shares, which sum to 1.
    public var callTypes: [CallType]
    /// The call-taking centres, in the scenario's order (at least one, at most `maxCentres`).
    public var centres: [Centre]
    /// Who may answer whose callers.
    public var routing: Routing
    /// Callers who hang up or get a busy tone and call again; `nil`: nobody does.
    public var redial: Redial?
    /// Consoles taken off shift for a while (sickness, training).
    public var absences: [Absence]
    /// Periods of faster arrivals; times count from time 0 (the warm-up included).
    public var surges: [Surge]
    /// Targets for `check` and `size`, and for the `targets` rows of a run's results.
    public var targets: [Target]
    /// Targets judged in every clock hour of the day on the calls arriving in it, at every centre
    /// and for the total (`Target.Measure.isHourly` measures only).
    public var hourlyTargets: [Target]
    /// The emergency service urgent callers are handed to (`escalation.service`), named in every label.
    public var emergencyService = "112"
    /// The shifts `callsim roster` may staff the consoles with (`shifts:`); `nil` when the file gives none.
    public var shiftRules: ShiftRules?
    /// The most callers a replication keeps at once before it stops with an `Overload`
    /// (`Scenario.maxCallersAtOnce`; not in the file format: tests lower it).
    public var callerLimit = Scenario.maxCallersAtOnce

    /// The most replications and centres a run can give streams of their own (docs/model.md,
    /// "Draws and streams").
    public static let maxReplications = RandomStreams.maxReplications, maxCentres = RandomStreams.maxGroups
    /// The most consoles a centre may have on shift in an hour.
    public static let maxConsoles = 100_000

    /// The precision and the cap of replications when a scenario gives none.
    public static let defaultPrecision = 0.05, defaultMaxReplications = 2_000
    /// The seed, the first batch of replications and "answered within" when a scenario gives none.
    public static let defaultSeed: UInt64 = 1, defaultReplications = 10, defaultServiceLevelThreshold = 20.0

    /// A scenario from its parts; see each property for what it must satisfy.
    public init(
        name: String, seed: UInt64 = Scenario.defaultSeed, horizon: Double, warmup: Double = 0,
        replications: Int = Scenario.defaultReplications,
        precision: Double = Scenario.defaultPrecision, maxReplications: Int = Scenario.defaultMaxReplications,
        serviceLevelThreshold: Double = Scenario.defaultServiceLevelThreshold, arrivals: ArrivalPattern = ArrivalPattern(),
        callTypes: [CallType] = [CallType(name: "call", share: 1)], centres: [Centre],
        routing: Routing = .local, redial: Redial? = nil, surges: [Surge] = [], absences: [Absence] = [],
        targets: [Target] = [], hourlyTargets: [Target] = []
    ) {
        self.name = name
        self.seed = seed
        self.horizon = horizon
        self.warmup = warmup
        self.replications = replications
        self.precision = precision
        self.maxReplications = max(maxReplications, replications)
        self.serviceLevelThreshold = serviceLevelThreshold
        self.arrivals = arrivals
        self.callTypes = callTypes
        self.centres = centres
        self.routing = routing
        self.redial = redial
        self.surges = surges
        self.absences = absences
        self.targets = targets
        self.hourlyTargets = hourlyTargets
    }
}

/// A kind of call (a report, a test or silent call, …) and its share of all calls.
public struct CallType: Sendable, Equatable {
    public var name: String
    /// Share of calls of this type, in [0, 1].
    public var share: Double
    /// Which callers a console that frees takes first: the lowest priority present, the
    /// longest-waiting within it (non-preemptive; docs/model.md, "Priority"). Equal for every type:
    /// first come, first served.
    public var priority: Int

    public init(name: String, share: Double, priority: Int = 0) {
        self.name = name
        self.share = share
        self.priority = priority
    }
}

/// How long a call keeps a console and whether it ends in an alert to 112: what applies to one call
/// type at one centre.
public struct CallProfile: Sendable, Equatable {
    /// Talk time.
    public var handling: Distribution
    /// After-call work; the console stays busy.
    public var wrapup: Distribution
    public var escalation: Escalation

    public init(handling: Distribution, wrapup: Distribution = .constant(0), escalation: Escalation = Escalation()) {
        self.handling = handling
        self.wrapup = wrapup
        self.escalation = escalation
    }

    /// Mean time a call of this profile keeps a console busy, in seconds.
    public var meanBusyTime: Double {
        handling.mean + wrapup.mean + escalation.probability * escalation.handoff.mean
    }
}

/// Escalation to 112: how likely a caller is urgent, how long alerting 112 takes, and when in the
/// call the counsellor sees the need.
public struct Escalation: Sendable, Equatable {
    /// Probability that a caller is urgent, in [0, 1].
    public var probability: Double
    /// Extra console time to reach and brief 112.
    public var handoff: Distribution
    /// Time into the call at which the counsellor sees the need (capped at the talk time).
    public var decision: Distribution

    public init(probability: Double = 0, handoff: Distribution = .constant(0), decision: Distribution = .constant(0)) {
        self.probability = probability
        self.handoff = handoff
        self.decision = decision
    }
}

/// One call-taking centre and the callers routed to it by their location.
public struct Centre: Sendable {
    /// Short unique code (county or sector), used in reports and for neighbours.
    public var code: String
    public var name: String
    /// Long-run mean arrival rate, calls per day (≥ 0).
    public var callsPerDay: Double
    /// Consoles on shift: all day, or by hour.
    public var staffing: Staffing
    /// Callers that can wait; one more gets a busy tone. `nil`: no limit.
    public var queueCapacity: Int?
    /// How long a caller waits before hanging up. `nil`: nobody hangs up.
    public var patience: Distribution?
    /// What applies to each call type at this centre, in the scenario's call-type order.
    public var profiles: [CallProfile]
    /// Codes of the centres that may take this centre's overflow, in order of preference.
    public var neighbours: [String]
    public var latitude: Double?
    public var longitude: Double?
    /// The fewest consoles `size` may leave on shift in an hour in which the centre answers its own
    /// callers (lone-working and safeguarding rules; ≥ 0).
    public var minConsoles: Int
    /// The centre's own daily and weekly shape and day-to-day variation (a city's evening is not a
    /// village's); `nil`: the scenario's (`Scenario.arrivals(of:)`).
    public var arrivals: ArrivalPattern?
    /// The centre's own targets and hourly targets, the scenario's merged with its own key by key;
    /// `nil`: the scenario's (`Scenario.targets(of:)`, `Scenario.hourlyTargets(of:)`).
    public var targets: [Target]?
    public var hourlyTargets: [Target]?
    /// The group of random streams the centre's callers draw from; `nil`: its place in the
    /// scenario's list. Not in the file format: sizing sets it when it runs a centre in a scenario
    /// of its own, so that its callers are those of the full scenario (docs/model.md, "Draws and streams").
    public var streamGroup: Int?

    /// A centre's consoles when neither it nor its scenario gives any: two, all day.
    public static let defaultStaffing = Staffing.allDay(2)

    public init(
        code: String, name: String, callsPerDay: Double, staffing: Staffing = Centre.defaultStaffing,
        queueCapacity: Int? = nil,
        patience: Distribution? = nil, profiles: [CallProfile], neighbours: [String] = [],
        latitude: Double? = nil, longitude: Double? = nil, minConsoles: Int = 1
    ) {
        self.code = code
        self.name = name
        self.callsPerDay = callsPerDay
        self.staffing = staffing
        self.queueCapacity = queueCapacity
        self.patience = patience
        self.profiles = profiles
        self.neighbours = neighbours
        self.latitude = latitude
        self.longitude = longitude
        self.minConsoles = minConsoles
    }

    /// Long-run offered load in Erlangs: the mean number of consoles its callers keep busy.
    public func offeredLoad(callTypes: [CallType]) -> Double {
        let busy = zip(callTypes, profiles).reduce(0) { $0 + $1.0.share * $1.1.meanBusyTime }
        return callsPerDay / 86_400 * busy
    }
}

/// Who may answer whose callers.
public enum Routing: Sendable, Equatable {
    /// Each centre answers only its own callers.
    case local
    /// A caller still waiting after `after` seconds may also be answered by an idle console of the
    /// centres in his centre's `neighbours`, the first idle one in list order. A console that frees
    /// serves its own queue first, then the longest-waiting eligible caller of the centres that list it.
    case overflow(after: Double)
    /// One national queue, first come first served, answered by every console (the pooling bound).
    case pooled
    /// `main` except in the clock hours of `periods`, where each period's policy is in force
    /// (docs/model.md, "Routing by time of day").
    indirect case byTimeOfDay(main: Routing, periods: [RoutingPeriod])

    /// A policy's name in scenario files and results. Each `Routing` has one (`name`), and the
    /// reader switches over these: a new policy cannot be left out of either without the compiler
    /// saying so.
    public enum PolicyName: String, CaseIterable, Sendable {
        case local, overflow, pooled
    }

    /// The name of a policy in force all day; `nil` for routing by time of day.
    public var name: PolicyName? {
        switch self {
        case .local: return .local
        case .overflow: return .overflow
        case .pooled: return .pooled
        case .byTimeOfDay: return nil
        }
    }
}

extension Scenario {
    /// Whether a run judges figures by hour: hourly targets, or whole-day targets whose hours a
    /// peak warning looks at.
    /// (Every centre reads the scenario's targets unless it gives its own, merged onto them.)
    public var judgesHours: Bool {
        centres.indices.contains { !hourlyTargets(of: $0).isEmpty || targets(of: $0).contains { $0.measure.isHourly } }
    }

    /// How calls to centre `index` arrive over the day and the week: its own pattern, else the scenario's.
    public func arrivals(of index: Int) -> ArrivalPattern { centres[index].arrivals ?? arrivals }

    /// The whole-day targets judged at centre `index`: its own, else the scenario's (not `national_targets`).
    public func targets(of index: Int) -> [Target] { centres[index].targets ?? targets.filter { !$0.nationalOnly } }

    /// The hourly targets judged at centre `index`: its own, else the scenario's.
    public func hourlyTargets(of index: Int) -> [Target] { centres[index].hourlyTargets ?? hourlyTargets }
}

extension Routing {
    /// The policy in force in clock hour `hour` (0 ... 23): a period's, else the main one.
    public func inForce(hour: Int) -> Routing {
        guard case .byTimeOfDay(let main, let periods) = self else { return self }
        return periods.first { $0.covers(hour: hour) }?.policy ?? main
    }
}

/// Clock hours of every day in which a routing policy is in force: `[from, to)` in whole hours,
/// wrapping midnight when `to` ≤ `from` (22 to 7 covers 22:00–07:00).
public struct RoutingPeriod: Sendable, Equatable {
    /// The first hour (0 ... 23) and the hour after the last (0 ... 23, ≠ `from`).
    public var from: Int
    public var to: Int
    /// `local`, `overflow` or `pooled`.
    public var policy: Routing

    public init(from: Int, to: Int, policy: Routing) {
        precondition((0..<24).contains(from) && (0..<24).contains(to) && from != to)
        self.from = from
        self.to = to
        self.policy = policy
    }

    /// `true` when clock hour `hour` lies in the period.
    public func covers(hour: Int) -> Bool { from < to ? (from <= hour && hour < to) : (hour >= from || hour < to) }
}

/// Redials: a caller who hangs up or gets a busy tone calls again with `probability`, after `delay`.
/// He keeps his call type, urgency and handling; his patience is drawn anew for each attempt.
public struct Redial: Sendable, Equatable {
    public var probability: Double
    public var delay: Distribution

    public init(probability: Double, delay: Distribution) {
        self.probability = probability
        self.delay = delay
    }
}

/// Consoles of one centre off shift in [from, to): a console busy when its absence starts finishes
/// its call first.
public struct Absence: Sendable, Equatable {
    /// The centre's code.
    public var centre: String
    public var from: Double
    public var to: Double
    public var consoles: Int

    public init(centre: String, from: Double, to: Double, consoles: Int) {
        self.centre = centre
        self.from = from
        self.to = to
        self.consoles = consoles
    }
}

extension Scenario {
    /// Each call type's priority level in the waiting lines: 0 for the most urgent priority given,
    /// 1 for the next, and so on (one level, 0, when every type has the same priority or there are
    /// no call types).
    public var priorityLevels: [Int] {
        let distinct = Set(callTypes.map(\.priority)).sorted()
        return callTypes.isEmpty ? [0] : callTypes.map { distinct.firstIndex(of: $0.priority)! }
    }
}
