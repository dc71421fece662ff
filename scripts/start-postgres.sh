#!/usr/bin/env bash
# Starts Debian's PostgreSQL on loopback for the storage tests and writes how to reach it.
#
# Idempotent; run as root:  scripts/start-postgres.sh
#   - installs postgresql with apt-get when its server is missing;
#   - creates a cluster if there is none, starts it (port 5432, loopback);
#   - (re)creates role ovm_test with a password generated once per machine, and database ovm_test;
#   - drops the tests' own databases older than a day;
#   - writes test-artifacts/postgres/env with OVM_TEST_POSTGRES=<Npgsql connection string>.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$REPO/test-artifacts/postgres"

if [[ $EUID -ne 0 ]]; then echo "start-postgres.sh must run as root" >&2; exit 1; fi

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >/dev/null
  apt-get install -y --no-install-recommends postgresql >/dev/null
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start
fi
port="$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')"

# After an unclean stop (the machine went away) PostgreSQL replays and fsyncs its data directory first: minutes.
for _ in $(seq 1 600); do
  su postgres -c "psql -p $port -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done

# The tests make a database each (ovm_test_<guid>, ovm_e2e_<guid>) and leave it for a person to look into;
# those older than a day go, or every later start would fsync them all. One in use is left alone.
su postgres -c "psql -p $port -qtA" <<'SQL' | while read -r old; do su postgres -c "dropdb -p $port --if-exists $old" >/dev/null 2>&1 || true; done
SELECT datname FROM pg_database
WHERE datname ~ '^ovm_(test|e2e)_[0-9a-f]{32}$'
  AND (pg_stat_file('base/' || oid || '/PG_VERSION')).modification < now() - interval '1 day';
SQL

# One generated password per machine (not per checkout), so several clones can share the cluster.
secret=/var/lib/ovmselfhost-test/postgres-password
if [[ ! -s $secret ]]; then
  mkdir -p "$(dirname "$secret")" && chmod 700 "$(dirname "$secret")"
  head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$secret"
  chmod 600 "$secret"
fi
password="$(cat "$secret")"
su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -q" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ovm_test') THEN
    CREATE ROLE ovm_test LOGIN CREATEDB;
  END IF;
END \$\$;
ALTER ROLE ovm_test WITH PASSWORD '$password';
SQL
if ! su postgres -c "psql -p $port -qtAc \"select 1 from pg_database where datname='ovm_test'\"" | grep -q 1; then
  su postgres -c "createdb -p $port -O ovm_test ovm_test"
fi

mkdir -p "$DIR" && chmod 700 "$DIR"
echo "OVM_TEST_POSTGRES=Host=127.0.0.1;Port=$port;Database=ovm_test;Username=ovm_test;Password=$password" > "$DIR/env"
chmod 600 "$DIR/env"
echo "postgres $version on 127.0.0.1:$port (test-artifacts/postgres/env)"
