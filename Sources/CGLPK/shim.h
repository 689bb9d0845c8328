#ifndef CGLPK_SHIM_H
#define CGLPK_SHIM_H

/* GNU Linear Programming Kit (Debian's libglpk-dev): the exact integer programs behind
   `callsim roster`. GLPK aborts the process on a bad argument, so callers validate first
   (Sources/Rosters/IntegerProgram.swift). */
#include <glpk.h>

#endif
