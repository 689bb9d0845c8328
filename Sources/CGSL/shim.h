#ifndef CGSL_SHIM_H
#define CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_integration.h>

/* GSL exposes its generator types as mutable C globals, which Swift 6 refuses as
   not concurrency-safe. callsim uses one generator type (taus2); this accessor hands it over. */
static inline const gsl_rng_type *cgsl_rng_taus2(void) { return gsl_rng_taus2; }

#endif
