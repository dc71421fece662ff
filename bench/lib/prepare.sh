#!/usr/bin/env bash
# Installs what a benchmark needs (wrk from Debian when asked) and builds the host and the bench projects in Release.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ " $* " == *" wrk "* ]] && ! command -v wrk >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi
dotnet build -c Release -v q -nologo src/OvmSelfHost/OvmSelfHost.csproj | grep -E "error|Warn|Error" || true
for project in bench/AckFloor/AckFloor.csproj bench/FakeSlack/FakeSlack.csproj ${BENCH_EXTRA_PROJECTS:-}; do
  dotnet build -c Release -v q -nologo "$project" | grep -E "error|Error" || true
done
test -f src/OvmSelfHost/bin/Release/net10.0/OvmSelfHost.dll
