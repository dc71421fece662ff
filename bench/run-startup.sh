#!/usr/bin/env bash
# Start-up time and memory of the host. Environment: BENCH_ROUNDS (5), BENCH_PORT_BASE (18400).
set -euo pipefail
cd "$(dirname "$0")/.."
bench/lib/prepare.sh
exec python3 bench/startup.py
