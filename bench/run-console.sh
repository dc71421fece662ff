#!/usr/bin/env bash
# Bytes the web console fetches per change and per migration. Environment: BENCH_MIGRATIONS (4), BENCH_PORT_BASE (20600).
set -euo pipefail
cd "$(dirname "$0")/.."
bench/lib/prepare.sh
exec python3 bench/console.py
