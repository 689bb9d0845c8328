#!/usr/bin/env bash
# Installs what callsim needs from Debian when it is missing: GSL (libgsl-dev) and pkg-config.
# Safe to run again: it does nothing when both are there.
set -euo pipefail
if pkg-config --exists gsl 2>/dev/null; then
  exit 0
fi
echo "callsim: installing libgsl-dev and pkg-config (GNU Scientific Library)..." >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libgsl-dev pkg-config >/dev/null
