#!/usr/bin/env bash
# Scale: 5,000 VMs / 200 repositories / 64 servers per environment (snapshot, diff, rediscovery), then 100 concurrent
# migrations in one host while the acknowledgement load runs. Environment: BENCH_VMS, BENCH_REPOS, BENCH_SERVERS,
# BENCH_PAIRS (100), BENCH_ROUNDS (5), BENCH_SKIP_INVENTORY=1, BENCH_SKIP_PAIRS=1, BENCH_PORT_BASE (18600).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_EXTRA_PROJECTS="src/OvmSelfHost.Simulator/OvmSelfHost.Simulator.csproj bench/OvmSelfHost.Bench/OvmSelfHost.Bench.csproj" bench/lib/prepare.sh wrk
exec python3 bench/scale.py
