import CGSL

/// A choice among a fixed list of options with given weights (GSL's Walker alias table).
///
/// Used to give each caller a call type. The table is read-only once built, but it is a
/// reference to memory GSL owns, so each replication builds its own.
public final class DiscreteChoice {
    private let table: UnsafeMutablePointer<gsl_ran_discrete_t>

    /// A choice with the given non-negative weights, not all zero (they need not sum to 1).
    public init(weights: [Double]) {
        precondition(!weights.isEmpty && weights.allSatisfy { $0 >= 0 } && weights.contains { $0 > 0 })
        GSL.setUp()
        guard let table = weights.withUnsafeBufferPointer({ gsl_ran_discrete_preproc($0.count, $0.baseAddress) })
        else { fatalError("GSL could not build a discrete table for weights \(weights)") }
        self.table = table
    }

    deinit { gsl_ran_discrete_free(table) }

    /// The index of the option drawn from `stream`.
    public func draw(_ stream: RandomStream) -> Int { handle.draw(stream) }

    /// A handle on the table for the hot loop (no reference counting); the choice must outlive it.
    public var handle: Handle { Handle(table: table) }

    /// Draws from a `DiscreteChoice`'s table without holding the choice.
    public struct Handle {
        @usableFromInline let table: UnsafeMutablePointer<gsl_ran_discrete_t>

        /// The index of the option drawn from `stream`.
        @inlinable public func draw(_ stream: RandomStream) -> Int { Int(gsl_ran_discrete(stream.generator, table)) }
    }
}
