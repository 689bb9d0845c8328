import CGLPK
import Foundation

/// A minimisation over non-negative variables, integer or continuous, subject to rows
/// `Σ coefficient·x ≥ bound` or `≤ bound`, solved exactly by GLPK's branch and bound (with its
/// presolver). A value type: `solve` builds GLPK's problem afresh and frees it.
///
/// GLPK aborts the process on a bad argument, so everything is checked here first: finite costs,
/// coefficients and bounds, variables that exist, one coefficient per variable and row.
struct IntegerProgram {
    /// One row: `Σ terms ≥ bound` (`atLeast`) or `≤ bound`.
    struct Row {
        var terms: [Int: Double]
        var bound: Double
        var atLeast: Bool
    }

    /// What solving found.
    enum Outcome: Equatable {
        /// The optimum: each variable's value.
        case optimal([Double])
        /// The node limit stopped the search; the best solution found, if any.
        case stopped([Double]?)
        case infeasible
    }

    private(set) var costs: [Double] = []
    private(set) var integer: [Bool] = []
    private(set) var rows: [Row] = []

    /// A new variable ≥ 0 with its cost; its index.
    mutating func addVariable(cost: Double, integer: Bool = true) -> Int {
        precondition(cost.isFinite, "a variable's cost must be finite")
        costs.append(cost)
        self.integer.append(integer)
        return costs.count - 1
    }

    /// A row over existing variables; terms of one variable add up.
    mutating func addRow(_ terms: [(variable: Int, coefficient: Double)], atLeast bound: Double) {
        add(terms, bound: bound, atLeast: true)
    }

    mutating func addRow(_ terms: [(variable: Int, coefficient: Double)], atMost bound: Double) {
        add(terms, bound: bound, atLeast: false)
    }

    private mutating func add(_ terms: [(variable: Int, coefficient: Double)], bound: Double, atLeast: Bool) {
        precondition(bound.isFinite, "a row's bound must be finite")
        var merged: [Int: Double] = [:]
        for term in terms {
            precondition(costs.indices.contains(term.variable) && term.coefficient.isFinite, "a row names a variable that does not exist")
            merged[term.variable, default: 0] += term.coefficient
        }
        rows.append(Row(terms: merged, bound: bound, atLeast: atLeast))
    }

    /// GLPK keeps one environment per process; one problem at a time keeps it simple.
    private static let solving = NSLock()

    /// Solves to optimality, or until the branch and bound has chosen `nodeLimit` subproblems: a
    /// limit in work, not time, so that the answer is the same on every machine.
    func solve(nodeLimit: Int? = nil) -> Outcome {
        guard !costs.isEmpty else { return .optimal([]) }
        Self.solving.lock()
        defer { Self.solving.unlock() }
        glp_term_out(GLP_OFF)
        let problem = glp_create_prob()
        defer { glp_delete_prob(problem) }
        glp_set_obj_dir(problem, GLP_MIN)
        glp_add_cols(problem, Int32(costs.count))
        for (index, cost) in costs.enumerated() {
            let column = Int32(index + 1)
            glp_set_col_bnds(problem, column, GLP_LO, 0, 0)
            glp_set_obj_coef(problem, column, cost)
            if integer[index] { glp_set_col_kind(problem, column, GLP_IV) }
        }
        if !rows.isEmpty {
            glp_add_rows(problem, Int32(rows.count))
            // GLPK's arrays start at 1; element 0 is unused.
            var rowIndex: [Int32] = [0], columnIndex: [Int32] = [0], values: [Double] = [0]
            for (index, row) in rows.enumerated() {
                glp_set_row_bnds(problem, Int32(index + 1), row.atLeast ? GLP_LO : GLP_UP, row.bound, row.bound)
                for (variable, coefficient) in row.terms.sorted(by: { $0.key < $1.key }) where coefficient != 0 {
                    rowIndex.append(Int32(index + 1))
                    columnIndex.append(Int32(variable + 1))
                    values.append(coefficient)
                }
            }
            glp_load_matrix(problem, Int32(values.count - 1), rowIndex, columnIndex, values)
        }
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.presolve = GLP_ON
        parameters.msg_lev = GLP_MSG_OFF
        var budget = (chosen: 0, limit: nodeLimit ?? .max)
        let code = withUnsafeMutablePointer(to: &budget) { pointer -> Int32 in
            parameters.cb_info = UnsafeMutableRawPointer(pointer)
            parameters.cb_func = { tree, info in
                guard let tree, let info, glp_ios_reason(tree) == GLP_ISELECT else { return }
                let budget = info.assumingMemoryBound(to: (chosen: Int, limit: Int).self)
                budget.pointee.chosen += 1
                if budget.pointee.chosen > budget.pointee.limit { glp_ios_terminate(tree) }
            }
            return glp_intopt(problem, &parameters)
        }
        let status = glp_mip_status(problem)
        func values() -> [Double] { (0..<costs.count).map { glp_mip_col_val(problem, Int32($0 + 1)) } }
        if code == 0 && status == GLP_OPT { return .optimal(values()) }
        if code == GLP_ESTOP { return .stopped(status == GLP_FEAS ? values() : nil) }
        return .infeasible  // no primal feasible solution (GLP_ENOPFS, GLP_NOFEAS); costs ≥ 0 leave it bounded
    }
}
