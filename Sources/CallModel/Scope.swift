import SimStatistics

/// Where a figure or a target is judged: the whole network ("total" in every result), one centre
/// (by its code), or one call type (by its name).
///
/// Results and reports read scopes back from result documents, which name them, so a scope
/// carries its name rather than an index into a scenario.
public enum Scope: Hashable, Sendable, CustomStringConvertible {
    case total
    case centre(String)
    case type(String)

    /// How results write the national scope; a centre may not be coded so (the reader refuses it).
    public static let totalName = "total"

    /// A centre's scope, or the total, as a result document names it.
    public init(written name: String) {
        self = name == Self.totalName ? .total : .centre(name)
    }

    /// As results write it: `total`, a centre's code or a call type's name.
    public var description: String {
        switch self {
        case .total: return Self.totalName
        case .centre(let code): return code
        case .type(let name): return name
        }
    }
}

extension RunResult {
    /// The KPI estimates of `scope` (`KPI.allCases` order); `nil` for a centre or type the run lacks.
    public func estimates(of scope: Scope) -> [Estimate]? {
        switch scope {
        case .total: return total
        case .centre(let code): return centres.first { $0.code == code }?.kpis
        case .type(let name): return types.first { $0.name == name }?.kpis
        }
    }
}
