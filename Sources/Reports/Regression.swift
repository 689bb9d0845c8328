import CallModel
import Foundation
import SimStatistics

/// A problem with a baseline file: exit status 2.
public struct BaselineError: BadInput {
    public let description: String
}

/// An earlier `report.json` to compare with, read through the typed report view.
public struct Baseline {
    let view: ReportView
    let path: String
    var seed: UInt64 { view.seed }

    /// Reads `path` (validated as `ReportView` reads any report) and checks it is a report of `scenario`.
    public init(path: String, scenario: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BaselineError(description: "\(path): cannot read the baseline (no such file?)")
        }
        do {
            view = try ReportView(json: data, source: path)
        } catch let error as ReportError {
            throw BaselineError(description: error.description.replacingOccurrences(of: "\(path): ", with: "\(path): the baseline's ", options: .anchored))
        }
        guard view.scenario == scenario else {
            throw BaselineError(description: "\(path): the baseline is of scenario \"\(view.scenario)\", not \"\(scenario)\"")
        }
        self.path = path
    }

    /// The baseline's figure of `kpi` at `scope` (the total or a centre's code), with its
    /// per-replication values; `nil` when the baseline has no such scope.
    func figure(scope: Scope, kpi: KPI) -> ReportView.KPIValue? {
        view.figures(at: scope)?[kpi]
    }
}

/// Whether a run regressed from a baseline run: each compared KPI worse than the baseline's by more
/// than `tolerance` (relative) and significantly so — paired by replication when both runs used the
/// same seed, else Welch — at a 5 % family-wise level over all the KPIs compared (Holm)
/// (docs/model.md, "Targets and how they are decided").
enum Regression {
    /// KPIs of the total compared with a baseline besides the targets'.
    static let alwaysCompared: [KPI] = [.abandonmentRate, .serviceLevel, .asa, .meanWait, .utilisation]

    /// Which way a KPI regresses: up, down, or either way (`utilisation`: a rise means more load or
    /// slower calls, a drop can mean calls lost before they reach a console).
    enum Worse { case higher, lower, eitherWay }

    static func worse(_ kpi: KPI) -> Worse {
        if kpi == .utilisation { return .eitherWay }
        return kpi.higherIsBetter == true ? .lower : .higher
    }

    /// One row per compared KPI: every whole-day target's, then `alwaysCompared` of the total.
    static func rows(_ result: RunResult, baseline: Baseline, tolerance: Double) throws -> [CheckRow] {
        var rows: [CheckRow] = []
        var compared: [(scope: Scope, kpi: KPI)] = result.targets.filter { $0.hour == nil }.map { ($0.scope, $0.target.measure.kpi) }
        compared += alwaysCompared.map { (.total, $0) }
        var seen = Set<[AnyHashable]>()
        compared = compared.filter { seen.insert([$0.scope, $0.kpi]).inserted }
        let paired = Pairing.paired(baseline.seed, result.scenario.seed)
        var tests: [(scope: Scope, kpi: KPI, current: Estimate, base: Double, worse: Bool, p: Double)] = []
        for (scope, kpi) in compared {
            let current = result.estimates(of: scope)?[kpi.index]
            guard let current, let mean = current.mean else { continue }
            guard let figure = baseline.figure(scope: scope, kpi: kpi), let base = figure.mean else {
                throw BaselineError(description:
                    "\(baseline.path): the baseline has no figure for \(scope) \(kpi.rawValue) (missing, null or not a number) "
                    + "where this run has one: it is not a complete report.json of this scenario; refresh it")
            }
            let higher = Significance.pValueHigher(current: current.values, baseline: figure.values, paired: paired) ?? 1
            let lower = Significance.pValueHigher(current: figure.values, baseline: current.values, paired: paired) ?? 1
            let change: Double, p: Double
            switch worse(kpi) {
            case .higher: (change, p) = (mean - base, higher)
            case .lower: (change, p) = (base - mean, lower)
            case .eitherWay: (change, p) = (abs(mean - base), min(1, 2 * min(higher, lower)))
            }
            tests.append((scope, kpi, current, base, change > tolerance * abs(base), p))
        }
        let significant = Significance.holm(tests.map(\.p))
        for (test, significant) in zip(tests, significant) {
            let regressed = test.worse && significant
            let verb = worse(test.kpi) == .eitherWay ? "moved" : "regressed"
            rows.append(CheckRow(
                scope: test.scope, kpi: test.kpi.rawValue, hour: nil, bound: .baseline, threshold: test.base, estimate: test.current,
                baseline: test.base, state: nil, passed: !regressed,
                message: regressed ? "\(test.kpi.rawValue) \(KPIText.text(test.current, test.kpi)) \(verb) from the baseline's "
                    + "\(KPIText.text(test.base, test.kpi)) (\(worse(test.kpi) == .eitherWay ? "moved" : "worse") by more than "
                    + "\(FigureText.text(tolerance, .share)), p = \(String(format: "%.2g", test.p)), Holm at 5 %)" : ""))
        }
        return rows
    }
}
