#!/usr/bin/env bash
# The one test command (README, CI): installs and starts what the tests need, then runs every test.
#   scripts/test.sh            everything
#   scripts/test.sh <args>     extra arguments for dotnet test (e.g. --filter ...)
# Needs root (apt-get, sshd, postgres), like the machines this project runs on.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Debian packages: OpenSSH server (SSH adapter), PostgreSQL (storage), curl (the fake host's scripts),
# Chromium (the web console's browser test; Playwright cannot download a browser here).
missing=()
[[ -x /usr/sbin/sshd ]] || missing+=(openssh-server)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v curl >/dev/null || missing+=(curl)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
if (( ${#missing[@]} )); then
  echo "Installing ${missing[*]}"
  apt-get update >/dev/null
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi

# sshd on a free loopback port: 2222 unless something else (another checkout's sshd) holds it.
if [[ -z "${OVM_SSHD_PORT:-}" ]]; then
  pidfile=test-artifacts/sshd/sshd.pid
  if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null && [[ -f test-artifacts/sshd/env ]]; then
    OVM_SSHD_PORT="$(sed -n 's/^OVM_SSHD_PORT=//p' test-artifacts/sshd/env)"
  else
    OVM_SSHD_PORT=2222
    while (exec 3<>"/dev/tcp/127.0.0.1/$OVM_SSHD_PORT") 2>/dev/null; do OVM_SSHD_PORT=$((OVM_SSHD_PORT + 1)); done
  fi
  export OVM_SSHD_PORT
fi
scripts/start-sshd.sh
scripts/start-postgres.sh
# Started above, so an SSH test that finds no sshd is a broken set-up: it fails instead of skipping.
export OVM_REQUIRE_SSHD=1

# axe-core (npm) for the console's accessibility checks, injected into the page by the browser tests;
# fetched once into test-artifacts (not committed; pinned so a new rule cannot fail an unchanged page): the tests refuse to run without it.
axe=test-artifacts/axe/axe.min.js
if [[ ! -f $axe ]]; then
  command -v npm >/dev/null || { apt-get update >/dev/null; apt-get install -y --no-install-recommends npm >/dev/null; }
  mkdir -p test-artifacts/axe
  (cd test-artifacts/axe && npm pack axe-core@4.14.1 --silent >/dev/null && tar -xzf axe-core-*.tgz package/axe.min.js && mv package/axe.min.js . && rm -rf package axe-core-*.tgz)
fi

dotnet restore OvmSelfHost.sln
dotnet build OvmSelfHost.sln --no-restore -c Debug -v quiet -nologo

log="$(mktemp)"
status=0
# The four small projects (under a minute of work together) side by side, each into a log of its own, shown whole
# in turn; then the host tests and the end-to-end drills one after the other: they each start many processes, and
# side by side on 2 cores they starved each other's deadlines (crash matrix, replica drills, browser sign-in).
small=(Runbook.Tests Simulator.Tests Ovm.Tests Chat.Tests)
for project in "${small[@]}"; do
  dotnet test "tests/OvmSelfHost.$project" --no-build -c Debug "$@" >"$log.$project" 2>&1 &
done
for project in "${small[@]}"; do
  wait -n || status=$?
done
for project in "${small[@]}"; do
  tee -a "$log" <"$log.$project"
  rm -f "$log.$project"
done
for project in Tests EndToEnd; do
  dotnet test "tests/OvmSelfHost.$project" --no-build -c Debug "$@" 2>&1 | tee -a "$log" || status=$?
done

# One closing line a person (and CI) can read, summed over every test assembly.
awk '/^(Passed|Failed)! +- +Failed:/ {
       gsub(/,/, ""); failed += $4; passed += $6; skipped += $8
     }
     END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$log"
rm -f "$log"
exit $status
