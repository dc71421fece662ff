#!/usr/bin/env bash
# Starts a real OpenSSH server on loopback for tests/OvmSelfHost.Ovm.Tests (the SSH adapter tests).
#
# Idempotent; run as root:  scripts/start-sshd.sh            (or: scripts/start-sshd.sh stop)
#
# What it does:
#   - installs openssh-server with apt-get when /usr/sbin/sshd is missing (apt-get update only if needed);
#   - generates, under $OVM_SSHD_DIR (default <repo>/test-artifacts/sshd, gitignored), a host key,
#     an authorized client key and a second client key that is NOT authorized (never committed);
#   - writes an sshd_config bound to 127.0.0.1:$OVM_SSHD_PORT (default 2222), key auth only;
#   - lays out a fake manager host under $OVM_SSHD_DIR/root: u01/app/oracle/ovm-manager-3/.config,
#     etc/oracle-release, bin/runInstaller.sh, bin/runInstaller-fails.sh, bin/service;
#     with OVM_SIM_CONTROL_URL (+ OVM_SIM_HOST) set, bin/service talks to the simulator's control API
#     with curl instead of keeping state in local files;
#   - writes $OVM_SSHD_DIR/env (KEY=VALUE lines) that the tests read.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${OVM_SSHD_DIR:-$REPO/test-artifacts/sshd}"
PORT="${OVM_SSHD_PORT:-2222}"
ROOT="$DIR/root"
PIDFILE="$DIR/sshd.pid"
UUID="${OVM_SSHD_UUID:-0004fb00000100004b5e1f2a3c4d5e6f}"

running_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid; pid="$(cat "$PIDFILE")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

if [[ "${1:-}" == "stop" ]]; then
  if pid="$(running_pid)"; then kill "$pid"; echo "sshd ($pid) stopped"; fi
  exit 0
fi

if [[ $EUID -ne 0 ]]; then echo "start-sshd.sh must run as root" >&2; exit 1; fi

install_sshd() {
  [[ -x /usr/sbin/sshd ]] && return 0
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends openssh-server >/dev/null 2>&1; then
    apt-get update >/dev/null
    apt-get install -y --no-install-recommends openssh-server >/dev/null
  fi
}

make_keys() {
  mkdir -p "$DIR" && chmod 700 "$DIR"
  [[ -f "$DIR/host_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -C ovm-test-host -f "$DIR/host_ed25519"
  [[ -f "$DIR/client_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -C ovm-test-client -f "$DIR/client_ed25519"
  [[ -f "$DIR/stranger_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -C ovm-test-stranger -f "$DIR/stranger_ed25519"
  cp "$DIR/client_ed25519.pub" "$DIR/authorized_keys"
  chmod 600 "$DIR"/*_ed25519 "$DIR/authorized_keys"
}

write_config() {
  cat >"$DIR/sshd_config" <<EOF
Port $PORT
ListenAddress 127.0.0.1
HostKey $DIR/host_ed25519
PidFile $PIDFILE
AuthorizedKeysFile $DIR/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
LogLevel VERBOSE
EOF
}

write_fake_host() {
  mkdir -p "$ROOT/u01/app/oracle/ovm-manager-3" "$ROOT/etc" "$ROOT/bin" "$ROOT/tmp" "$ROOT/var/lib/services" "$ROOT/usr"
  cat >"$ROOT/u01/app/oracle/ovm-manager-3/.config" <<EOF
DBTYPE=MySQL
DBHOST=localhost
SID=ovs
LSNR=49500
OVSSCHEMA=ovs
APEX=None
WLSADMIN=weblogic
OVSADMIN=admin
COREPORT=54321
UUID=$UUID
BUILDID=3.4.6.2105
EOF
  if [[ -n "${OVM_SIM_CONTROL_URL:-}" ]]; then
    curl -fsS "$OVM_SIM_CONTROL_URL/sim/hosts/${OVM_SIM_HOST:-localhost}/files?path=/u01/app/oracle/ovm-manager-3/.config" \
      >"$ROOT/u01/app/oracle/ovm-manager-3/.config" || rm -f "$ROOT/u01/app/oracle/ovm-manager-3/.config"
  fi
  printf 'OVM_SIM_CONTROL_URL=%s\nOVM_SIM_HOST=%s\n' "${OVM_SIM_CONTROL_URL:-}" "${OVM_SIM_HOST:-}" >"$ROOT/etc/ovm-sim.env"
  echo "Oracle Linux Server release 7.9" >"$ROOT/etc/oracle-release"
  # A manager VM's memory as 4.3.1 sizes it (the adapter reads <root>/proc/meminfo; "/" in production).
  mkdir -p "$ROOT/proc"
  printf 'MemTotal:        8009488 kB\nMemFree:         6000000 kB\nSwapTotal:       4194300 kB\nSwapFree:        4194300 kB\n' >"$ROOT/proc/meminfo"
  for svc in ovmm ovmm_mysql; do [[ -f "$ROOT/var/lib/services/$svc" ]] || echo running >"$ROOT/var/lib/services/$svc"; done

  cat >"$ROOT/bin/runInstaller.sh" <<'EOF'
#!/usr/bin/env bash
# Stand-in for the Oracle VM Manager installer: checks its arguments, prints progress slowly.
# With OVM_SIM_CONTROL_URL set it runs the simulator's installer on $OVM_SIM_HOST instead and relays its lines.
[[ -f "$(dirname "$0")/../etc/ovm-sim.env" ]] && . "$(dirname "$0")/../etc/ovm-sim.env"
uuid=""
for a in "$@"; do case "$a" in --uuid=*) uuid="${a#--uuid=}";; esac; done
[[ -n "$uuid" ]] || { echo "ERROR: --uuid is required" >&2; exit 2; }
if [[ -n "${OVM_SIM_CONTROL_URL:-}" ]]; then
  base="$OVM_SIM_CONTROL_URL/sim/hosts/${OVM_SIM_HOST:-localhost}/installer"
  args="$(printf '"%s",' "$@")"
  id="$(curl -fsS -X POST -H 'Content-Type: application/json' -d "{\"args\":[${args%,}]}" "$base" | sed -n 's/.*"installId":"\([^"]*\)".*/\1/p')"
  [[ -n "$id" ]] || { echo "ERROR: the simulator did not start an installer" >&2; exit 1; }
  shown=0
  while :; do
    body="$(curl -fsS "$base/$id")" || exit 1
    lines="$(printf '%s' "$body" | sed -n 's/.*"lines":\[\(.*\)\],"exitCode".*/\1/p' | sed 's/","/\n/g; s/^"//; s/"$//')"
    count="$(printf '%s\n' "$lines" | grep -c . || true)"
    if (( count > shown )); then printf '%s\n' "$lines" | tail -n +"$((shown + 1))"; shown=$count; fi
    case "$body" in *'"state":"running"'*) sleep 0.5;; *) break;; esac
  done
  code="$(printf '%s' "$body" | sed -n 's/.*"exitCode":\([0-9]*\).*/\1/p')"
  exit "${code:-1}"
fi
echo "Oracle VM Manager Release 3.4.6 Installer"
echo "Installing with UUID $uuid"
for step in "Verifying prerequisites" "Installing MySQL" "Installing WebLogic" "Installing Oracle VM Manager Core"; do
  echo "$step ..."; sleep 0.2
done
echo "Installation of Oracle VM Manager completed successfully."
EOF
  cat >"$ROOT/bin/runInstaller-fails.sh" <<'EOF'
#!/usr/bin/env bash
echo "Oracle VM Manager Release 3.4.6 Installer"
echo "Verifying prerequisites ..."
echo "*** ERROR: Recommended memory is 7680 MB RAM" >&2
exit 7
EOF
  cat >"$ROOT/bin/service" <<'EOF'
#!/usr/bin/env bash
# Stand-in for `service <name> start|stop|status` (LSB exit codes: status 0 running, 3 stopped, 4 unknown).
[[ -f "$(dirname "$0")/../etc/ovm-sim.env" ]] && . "$(dirname "$0")/../etc/ovm-sim.env"
name="$1"; action="$2"
if [[ -n "${OVM_SIM_CONTROL_URL:-}" ]]; then
  base="$OVM_SIM_CONTROL_URL/sim/hosts/${OVM_SIM_HOST:-localhost}/services/$name"
  case "$action" in
    start|stop) curl -fsS -X POST "$base/$action" >/dev/null || exit 1; echo "$name: $action OK"; exit 0;;
    status) body="$(curl -fsS "$base")" || exit 4
            case "$body" in *'"running"'*true*|*'"state"'*'"running"'*|*'"Running"'*) exit 0;; *) exit 3;; esac;;
  esac
  exit 2
fi
state="$(dirname "$0")/../var/lib/services/$name"
case "$action" in
  start) echo running >"$state"; echo "Starting $name: [  OK  ]";;
  stop)  [[ -f "$state" ]] || { echo "$name: unrecognized service" >&2; exit 1; }
         echo stopped >"$state"; echo "Stopping $name: [  OK  ]";;
  status) [[ -f "$state" ]] || { echo "$name: unrecognized service" >&2; exit 4; }
          if [[ "$(cat "$state")" == running ]]; then echo "$name is running"; exit 0; fi
          echo "$name is stopped"; exit 3;;
  *) echo "Usage: service $name {start|stop|status}" >&2; exit 2;;
esac
EOF
  chmod 755 "$ROOT/bin/"*
}

write_env() {
  local hostkey fingerprint
  hostkey="$(cut -d' ' -f1,2 "$DIR/host_ed25519.pub")"
  fingerprint="$(ssh-keygen -l -E sha256 -f "$DIR/host_ed25519.pub" | cut -d' ' -f2)"
  cat >"$DIR/env" <<EOF
OVM_SSHD_HOST=127.0.0.1
OVM_SSHD_PORT=$PORT
OVM_SSHD_USER=root
OVM_SSHD_CLIENT_KEY=$DIR/client_ed25519
OVM_SSHD_STRANGER_KEY=$DIR/stranger_ed25519
OVM_SSHD_HOST_KEY=$hostkey
OVM_SSHD_HOST_KEY_SHA256=$fingerprint
OVM_SSHD_OTHER_HOST_KEY=$(cut -d' ' -f1,2 "$DIR/stranger_ed25519.pub")
OVM_SSHD_ROOT=$ROOT
OVM_SSHD_UUID=$UUID
OVM_SIM_CONTROL_URL=${OVM_SIM_CONTROL_URL:-}
OVM_SIM_HOST=${OVM_SIM_HOST:-}
EOF
}

install_sshd
make_keys
write_config
write_fake_host
mkdir -p /run/sshd
if pid="$(running_pid)"; then kill "$pid"; sleep 0.3; fi
/usr/sbin/sshd -t -f "$DIR/sshd_config"
/usr/sbin/sshd -f "$DIR/sshd_config" -E "$DIR/sshd.log"
for _ in $(seq 1 50); do running_pid >/dev/null && break; sleep 0.1; done
running_pid >/dev/null || { echo "sshd did not start; see $DIR/sshd.log" >&2; exit 1; }
write_env
echo "sshd listening on 127.0.0.1:$PORT (pid $(cat "$PIDFILE")); env file: $DIR/env"
