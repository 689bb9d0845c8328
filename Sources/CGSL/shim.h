#ifndef CGSL_SHIM_H
#define CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_multimin.h>

#include <stddef.h>
#include <stdint.h>

/* xoshiro256** (Blackman and Vigna, 2018; https://prng.di.unimi.it/), plugged into GSL as a
   generator type so that every GSL distribution draws from it: 32 bytes of state, period
   2^256 - 1, passes BigCrush, and about four times cheaper per number than taus2 through GSL.
   callsim seeds each stream's whole state itself (RandomStreams); `set` exists for GSL's API. */
typedef struct { uint64_t s[4]; } cgsl_xoshiro_state;

static inline uint64_t cgsl_rotl(const uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/* The next 64 bits of the stream. */
static inline uint64_t cgsl_xoshiro_next(void *vstate) {
  cgsl_xoshiro_state *state = (cgsl_xoshiro_state *)vstate;
  uint64_t *s = state->s;
  const uint64_t result = cgsl_rotl(s[1] * 5, 7) * 9;
  const uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = cgsl_rotl(s[3], 45);
  return result;
}

/* SplitMix64's output function (Steele, Lea and Flood, 2014): a bijection of 64 bits. */
static inline uint64_t cgsl_splitmix64(uint64_t z) {
  z += 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/* Fills the state from a 64-bit seed by SplitMix64, as the authors recommend. */
static inline void cgsl_xoshiro_seed(void *vstate, uint64_t seed) {
  cgsl_xoshiro_state *state = (cgsl_xoshiro_state *)vstate;
  for (int i = 0; i < 4; i++) {
    seed += 0x9E3779B97F4A7C15ULL;
    state->s[i] = cgsl_splitmix64(seed);
  }
}

static void cgsl_xoshiro_set(void *vstate, unsigned long int seed) { cgsl_xoshiro_seed(vstate, seed); }
/* 32 bits, the upper ones, for GSL's integer draws (max 2^32 - 1, like taus2). */
static unsigned long int cgsl_xoshiro_get(void *vstate) { return cgsl_xoshiro_next(vstate) >> 32; }
/* A uniform double in [0, 1) on a 2^-53 grid. */
static double cgsl_xoshiro_get_double(void *vstate) { return (cgsl_xoshiro_next(vstate) >> 11) * 0x1.0p-53; }

static const gsl_rng_type cgsl_xoshiro_type = {
  "xoshiro256**", 0xffffffffUL, 0, sizeof(cgsl_xoshiro_state),
  &cgsl_xoshiro_set, &cgsl_xoshiro_get, &cgsl_xoshiro_get_double
};

/* One stream in one cache line: its state first (the draws callsim makes itself read only that),
   the GSL generator over it (for GSL's distributions), and a table the stream's draws use (the
   exponential ziggurat's layers). */
typedef struct {
  cgsl_xoshiro_state state;
  gsl_rng generator;
  const void *table;
  uint64_t padding; /* to 64 bytes: callsim allocates streams on cache-line boundaries */
} cgsl_stream;

/* The layout the comment promises: 32 bytes of state, GSL's two pointers, the table and padding
   make one 64-byte cache line, with the state first. */
_Static_assert(sizeof(cgsl_xoshiro_state) == 32, "xoshiro256** keeps 32 bytes of state");
_Static_assert(sizeof(cgsl_stream) == 64, "one stream must fill one 64-byte cache line");
_Static_assert(offsetof(cgsl_stream, state) == 0, "the state comes first: callsim's own draws read only it");
/* RandomStreams (Sources/SimEngine/RandomStream.swift) lays the streams side by side, 64 bytes
   apart from a 64-byte boundary (MemoryLayout<cgsl_stream>.stride, checked there in builds with
   assertions): each stream's alignment must divide 64. */
_Static_assert(64 % _Alignof(cgsl_stream) == 0, "streams start on 64-byte boundaries, one after another");

static inline gsl_rng *cgsl_stream_generator(cgsl_stream *stream) { return &stream->generator; }

/* The generator type callsim's streams use. */
static inline const gsl_rng_type *cgsl_rng_xoshiro256(void) { return &cgsl_xoshiro_type; }

#endif
