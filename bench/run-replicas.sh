#!/usr/bin/env bash
# Replicas: takeover time (executor killed -> next WS-API call by the new holder) and vote-to-first-WS-API-call latency
# with the database statements in that window, three replicas on one PostgreSQL database, default lease settings.
# Environment: BENCH_KILLS (20), BENCH_VOTE_ROUNDS (4), BENCH_STAGES (takeover,votes), BENCH_PORT_BASE (20800),
# BENCH_PG_LOG (/var/log/postgresql/postgresql-15-main.log), BENCH_HOST_ENV (extra replica settings, "Key=value;Key=value").
# Runs as root: it starts PostgreSQL (scripts/start-postgres.sh) and turns statement logging on for its own database only.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/start-postgres.sh
BENCH_EXTRA_PROJECTS=src/OvmSelfHost.Simulator/OvmSelfHost.Simulator.csproj bench/lib/prepare.sh
exec python3 bench/replicas.py
