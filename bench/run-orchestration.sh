#!/usr/bin/env bash
# Orchestration overhead: one two-phase migration against the simulator, approved instantly, vs. the critical path.
# Environment: BENCH_JOB_SECONDS (2), BENCH_DISCOVERY_SECONDS (20), BENCH_REFRESH_SECONDS (8), BENCH_INSTALLER_SECONDS (40),
# BENCH_STARTUP_SECONDS (15), BENCH_REQUEST_LATENCY_MS (0), BENCH_PORT_BASE (18200), BENCH_NO_EXPECTED_JOBS (unset: configure
# Runbook:ExpectedJobDurations from the simulated durations; set: start cold, as before).
set -euo pipefail
cd "$(dirname "$0")/.."
bench/lib/prepare.sh
exec python3 bench/orchestration.py
