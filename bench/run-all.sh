#!/usr/bin/env bash
# Every benchmark in turn; each writes bench/results/<name>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/run-startup.sh
bench/run-ack.sh
bench/run-orchestration.sh
bench/run-scale.sh
bench/run-console.sh
bench/run-replicas.sh
