#!/usr/bin/env bash
# Bytes the web console costs per change and per migration (bench/console.py says exactly what is counted).
# Environment: BENCH_MIGRATIONS (4), BENCH_PORT_BASE (20600; the host listens on +80, the simulator on +0..+49),
# BENCH_HOST_DLL (a host already built, e.g. the Debug one: skips the Release build).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -n "${BENCH_HOST_DLL:-}" ]] || bench/lib/prepare.sh
exec python3 bench/console.py
