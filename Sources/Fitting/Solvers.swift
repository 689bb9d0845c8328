// GSL's solver types are constant tables that C declares as mutable globals.
@preconcurrency import CGSL
import SimEngine

/// The root of a decreasing function on (0, ∞): bracketed by halving and doubling from `guess`,
/// then found by GSL's Brent solver to a relative 10⁻¹³. Nil if no sign change turns up or GSL fails.
public func rootOfDecreasing(_ f: (Double) -> Double, from guess: Double) -> Double? {
    GSL.setUp()
    var low = guess, high = guess
    for _ in 0..<200 where f(low) <= 0 { low /= 2 }
    for _ in 0..<200 where f(high) >= 0 { high *= 2 }
    guard f(low) > 0, f(high) < 0 else { return nil }
    return withoutActuallyEscaping(f) { f in
        var box = f
        return withUnsafeMutablePointer(to: &box) { pointer -> Double? in
            var function = gsl_function(
                function: { x, context in context!.assumingMemoryBound(to: ((Double) -> Double).self).pointee(x) },
                params: UnsafeMutableRawPointer(pointer))
            guard let solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent) else { return nil }
            defer { gsl_root_fsolver_free(solver) }
            guard gsl_root_fsolver_set(solver, &function, low, high) == GSL_SUCCESS else { return nil }
            for _ in 0..<200 {
                guard gsl_root_fsolver_iterate(solver) == GSL_SUCCESS else { return nil }
                let status = gsl_root_test_interval(
                    gsl_root_fsolver_x_lower(solver), gsl_root_fsolver_x_upper(solver), 0, 1e-13)
                if status == GSL_SUCCESS { return gsl_root_fsolver_root(solver) }
            }
            return nil
        }
    }
}

/// The maximum of a likelihood near `start`, by GSL's BFGS minimiser (vector_bfgs2) on its
/// negative, until the gradient is below 10⁻⁹ per observation. Nil if GSL fails, no progress can be
/// made away from the optimum, or the result is not finite.
func maximum(of likelihood: Likelihood, from start: [Double]) -> [Double]? {
    GSL.setUp()
    var box = likelihood
    return withUnsafeMutablePointer(to: &box) { pointer -> [Double]? in
        var function = gsl_multimin_function_fdf(
            f: { x, context in -model(context).value(read(x)) },
            df: { x, context, gradient in writeNegated(model(context).gradient(read(x)), to: gradient) },
            fdf: { x, context, value, gradient in
                let theta = read(x), likelihood = model(context)
                value!.pointee = -likelihood.value(theta)
                writeNegated(likelihood.gradient(theta), to: gradient)
            },
            n: start.count, params: UnsafeMutableRawPointer(pointer))
        guard let minimiser = gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, start.count),
            let x = gsl_vector_alloc(start.count)
        else { return nil }
        defer {
            gsl_vector_free(x)
            gsl_multimin_fdfminimizer_free(minimiser)
        }
        for (i, value) in start.enumerated() { gsl_vector_set(x, i, value) }
        guard gsl_multimin_fdfminimizer_set(minimiser, &function, x, 0.1, 0.1) == GSL_SUCCESS else { return nil }
        let tolerance = 1e-9 * Double(max(1, likelihood.sample.size))
        for _ in 0..<1_000 {
            let status = gsl_multimin_fdfminimizer_iterate(minimiser)
            let converged = gsl_multimin_test_gradient(gsl_multimin_fdfminimizer_gradient(minimiser), tolerance)
            if converged == GSL_SUCCESS
                || (status == GSL_ENOPROG
                    && gsl_multimin_test_gradient(gsl_multimin_fdfminimizer_gradient(minimiser), 1e3 * tolerance)
                        == GSL_SUCCESS)
            {
                let theta = read(gsl_multimin_fdfminimizer_x(minimiser))
                return theta.allSatisfy(\.isFinite) ? theta : nil
            }
            guard status == GSL_SUCCESS else { return nil }
        }
        return nil
    }
}

private func read(_ vector: UnsafePointer<gsl_vector>?) -> [Double] {
    (0..<vector!.pointee.size).map { gsl_vector_get(vector, $0) }
}

private func writeNegated(_ values: [Double], to vector: UnsafeMutablePointer<gsl_vector>?) {
    for (i, value) in values.enumerated() { gsl_vector_set(vector, i, -value) }
}

private func model(_ context: UnsafeMutableRawPointer?) -> Likelihood {
    context!.assumingMemoryBound(to: Likelihood.self).pointee
}

