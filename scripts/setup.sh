#!/usr/bin/env bash
# Installs what callsim needs from Debian when it is missing: GSL (libgsl-dev), GLPK (libglpk-dev)
# and pkg-config. Safe to run again: it does nothing when all are there.
set -euo pipefail
if pkg-config --exists gsl 2>/dev/null && [ -f /usr/include/glpk.h ]; then
  exit 0
fi
echo "callsim: installing libgsl-dev, libglpk-dev and pkg-config (GNU Scientific Library, Linear Programming Kit)..." >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libgsl-dev libglpk-dev pkg-config >/dev/null
