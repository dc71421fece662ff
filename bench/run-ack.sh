#!/usr/bin/env bash
# Acknowledgement path vs. its floor: signed /ovm status commands and Approve clicks, wrk at 1, 16 and 64 connections.
# Environment: BENCH_ROUNDS (3), BENCH_DURATION (5 s), BENCH_CONNECTIONS ("1 16 64"), BENCH_PORT_BASE (18000).
set -euo pipefail
cd "$(dirname "$0")/.."
bench/lib/prepare.sh wrk
exec python3 bench/ack.py
