"""Replicas: three host processes on one PostgreSQL database against a standalone simulator (time scale 1), with
the default lease settings.

1. Takeover time: a migration waits on a long Oracle VM job; its executor is killed with SIGKILL; measured is the
   time from the kill to the next WS-API request (the simulator's request log), which only the new holder makes
   (re-attaching to the recorded job). The killed replica is started again once another one holds the run.
2. Vote-to-first-WS-API-call: migrations run with short simulated operations; at every gate the deciding vote is
   sent to a random replica; measured is the time from sending it to the next WS-API request. PostgreSQL logs
   every statement of the benchmark's database (log_min_duration_statement = 0 for that database only), so the
   statements in each window are counted and grouped by what they touch.
"""
import atexit
import datetime
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))
from benchlib import *  # noqa: E402,F403

BASE = int(os.environ.get("BENCH_PORT_BASE", "20800"))
SIM_PORT, HOST_PORTS = BASE, [BASE + 80 + i for i in range(3)]
KILLS = int(os.environ.get("BENCH_KILLS", "20"))
STAGES = os.environ.get("BENCH_STAGES", "takeover,votes").split(",")
ROUNDS = int(os.environ.get("BENCH_VOTE_ROUNDS", "4"))
SIM_DLL = os.path.join(ROOT, "src/OvmSelfHost.Simulator/bin/Release/net10.0/OvmSelfHost.Simulator.dll")
PG_LOG = os.environ.get("BENCH_PG_LOG", "/var/log/postgresql/postgresql-15-main.log")
FAST = {"timeScale": 1, "jobSeconds": 1, "discoverySeconds": 2, "refreshSeconds": 1, "installerSeconds": 5, "managerStartupSeconds": 3}
TERMINAL = ("Completed", "Failed", "Aborted", "RolledBack", "Rejected")


def ts(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] if s else float("nan")


def postgres_connection():
    with open(os.path.join(ROOT, "test-artifacts/postgres/env")) as f:
        line = next(l for l in f if l.startswith("OVM_TEST_POSTGRES="))
    return line.strip().split("=", 1)[1]


def psql(sql):
    subprocess.run(["su", "postgres", "-c", f"psql -q -v ON_ERROR_STOP=1 -c \"{sql}\""], check=True, stdout=subprocess.DEVNULL)


class Cluster:
    """The simulator and three replicas on a database of their own."""

    def __init__(self, work, name, log_statements=False):
        self.work, self.db = work, f"ovm_bench_{name}_{uuid.uuid4().hex[:8]}"
        self.conn = ";".join(p for p in postgres_connection().split(";") if not p.startswith("Database=")) + f";Database={self.db}"
        if log_statements:
            # Created here (not by the first replica) so that every connection to it logs its statements.
            psql(f"CREATE DATABASE {self.db} OWNER ovm_test")
            psql(f"ALTER DATABASE {self.db} SET log_min_duration_statement = 0")
        self.sim = start(["dotnet", SIM_DLL, f"--Simulator:PortOffset={SIM_PORT - 7000}", "--Simulator:TimeScale=1", "--Simulator:StatePath="],
                         logfile=os.path.join(work, f"{name}-sim.log"))
        self.sim_url = f"http://127.0.0.1:{SIM_PORT}"
        wait_http(f"{self.sim_url}/sim/managers", proc=self.sim)
        self.name, self.hosts = name, [None] * 3
        self.start_host(0)
        for i in (1, 2):
            self.start_host(i, wait=False)
        for i in (1, 2):
            wait_http(f"{self.api(i)}/readyz/serving", proc=self.hosts[i])

    def api(self, i):
        return f"http://127.0.0.1:{HOST_PORTS[i]}"

    def start_host(self, i, wait=True):
        env = {
            "ASPNETCORE_ENVIRONMENT": "Production", "DOTNET_ENVIRONMENT": "Production",
            "Storage__Provider": "PostgreSql", "Storage__ConnectionString": self.conn,
            "Replicas__Name": f"replica-{i + 1}",
            "Ovm__Adapter": "Simulator", "Simulator__Enabled": "false", "Ovm__SimulatorControlUrl": f"http://127.0.0.1:{SIM_PORT}/",
            "Simulator__PortOffset": str(SIM_PORT - 7000), "Readiness__Enabled": "false",
            # Timestamps in the replicas' logs, to see where a takeover's time goes.
            "Logging__Console__FormatterName": "simple", "Logging__Console__FormatterOptions__TimestampFormat": "HH:mm:ss.fff ", "Logging__Console__FormatterOptions__UseUtcTimestamp": "true",
        }
        env.update(bench_host_env())
        self.hosts[i] = start(["dotnet", HOST_DLL, "--urls", self.api(i)], env=env, logfile=os.path.join(self.work, f"{self.name}-replica-{i + 1}.log"))
        if wait:
            # What a load balancer waits for (manifests/replicas/haproxy.cfg): database, scheduler and the start-up vote rehearsal.
            wait_http(f"{self.api(i)}/readyz/serving", proc=self.hosts[i])

    def get(self, path):
        for i in random.sample(range(3), 3):
            if self.hosts[i].poll() is None:
                try:
                    return http("GET", f"{self.api(i)}{path}", timeout=5)[1]
                except Exception:  # noqa: BLE001 - a replica starting or just killed: ask another
                    pass
        raise RuntimeError("no replica answered")

    def sim_stats(self):
        return http("GET", f"{self.sim_url}/sim/stats")[1]

    def sim_clock_offset(self, samples=15):
        """Simulated time minus this machine's time (time scale 1), so the request log's times become comparable: from the
        quickest of a few reads of the simulator's clock (NTP's rule). /sim/stats reads its clock before it builds a long
        answer, so a slow read puts the midpoint late; one read taken as it came once set the offset 10-120 ms off.
        The simulator on this machine stamps with the system clock, so the result is about 0 (printed)."""
        best = None
        for _ in range(samples):
            before = time.time()
            now = ts(self.sim_stats()["now"])
            after = time.time()
            if best is None or after - before < best[0]:
                best = (after - before, now - (before + after) / 2)
        log(f"simulator clock offset {best[1] * 1000:+.2f} ms (read in {best[0] * 1000:.1f} ms)")
        return best[1]

    def first_request_after(self, t, offset, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            later = [ts(r["at"]) - offset for r in self.sim_stats()["recent"] if ts(r["at"]) - offset > t]
            if later:
                return min(later)
            time.sleep(0.1)
        return None

    def vote(self, rid):
        proposals = self.get(f"/api/migrations/{rid}/proposals")
        open_ = [p for p in proposals if p["status"] == "Open"]
        if not open_:
            return None
        voted = {v["user"] for v in open_[-1]["votes"]}
        user = next(u for u in ("bob", "carol") if u not in voted)
        i = random.choice([k for k in range(3) if self.hosts[k].poll() is None])
        t = time.time()
        status, _ = http("POST", f"{self.api(i)}/api/proposals/{open_[-1]['key']}/votes", {"user": user, "decision": "approve"})
        return t, status, open_[-1]["requiredApprovals"] - len(voted) <= 1, time.time() - t, f"replica-{i + 1}"

    def stop(self):
        for p in self.hosts + [self.sim]:
            if p.poll() is None:
                p.kill()
                p.wait()


def takeover(work):
    cluster = Cluster(work, "takeover")
    http("PUT", f"{cluster.sim_url}/sim/settings", {**FAST, "jobSeconds": 36000})
    _, run = http("POST", f"{cluster.api(0)}/api/migrations", {"environments": ["A", "B"], "requestedBy": "alice"})
    rid = run["id"]
    while True:
        run = cluster.get(f"/api/migrations/{rid}")
        if run["state"] == "Running" and run["currentStep"] == "CreateManagerVm" and any(j["endedAt"] is None for j in cluster.sim_stats()["jobs"]):
            break
        if run["state"] in ("AwaitingApproval", "AwaitingAcknowledgement"):
            cluster.vote(rid)
        time.sleep(0.2)
    offset = cluster.sim_clock_offset()
    samples, seen = [], []
    for k in range(KILLS):
        time.sleep(2)  # the holder is polling its job
        executor = cluster.get(f"/api/migrations/{rid}")["executor"]
        victim = int(executor.split("-")[1]) - 1
        t_kill = time.time()
        os.kill(cluster.hosts[victim].pid, signal.SIGKILL)
        cluster.hosts[victim].wait()
        first = cluster.first_request_after(t_kill, offset)
        while cluster.get(f"/api/migrations/{rid}")["executor"] in (None, executor):
            time.sleep(0.1)
        t_seen = time.time()
        new = cluster.get(f"/api/migrations/{rid}")["executor"]
        samples.append(first - t_kill if first else float("nan"))
        seen.append(t_seen - t_kill)
        log(f"kill {k + 1}/{KILLS}: {executor} killed; next WS-API call after {samples[-1]:.2f} s; {new} shown as executor after {seen[-1]:.2f} s")
        cluster.start_host(victim)
        offset = cluster.sim_clock_offset()
    cluster.stop()
    return samples, seen


STATEMENT = re.compile(r"^(\S+ \S+) \S+ \[(\d+)\] \S+@(\S+) LOG:  duration: [\d.]+ ms  (?:statement|execute [^:]*): (.*)$")


def statements(db, since_offset):
    """Statements of the benchmark's database in the PostgreSQL log since a byte offset: (time, pid, text)."""
    rows = []
    with open(PG_LOG, errors="replace") as f:
        f.seek(since_offset)
        for line in f:
            m = STATEMENT.match(line.rstrip("\n"))
            if m and m.group(3) == db:
                at = datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=datetime.timezone.utc).timestamp()
                rows.append((at, m.group(2), m.group(4)))
    return rows


def shape(sql):
    s = sql.strip().split()
    head = " ".join(s[:2]).upper() if s else ""
    tables = sorted(set(re.findall(r"\b(ovm_\w+|qrtz_\w+|pg_notify)\b", sql)))
    return f"{head} {','.join(tables)}".strip()


def votes(work):
    cluster = Cluster(work, "votes", log_statements=True)
    log_start = os.path.getsize(PG_LOG)
    latencies, windows, warm = [], [], []
    for r in range(ROUNDS):
        if r > 0:
            # A fresh simulated world for the next migration of A and B (the replicas and their database stay). The
            # replicas' circuit breakers, opened by the probes of the old managers the last migration stopped, close
            # after 5 s: a world that comes back sooner than any real one would would be refused until then.
            time.sleep(6)
            cluster.sim.kill()
            cluster.sim.wait()
            cluster.sim = start(["dotnet", SIM_DLL, f"--Simulator:PortOffset={SIM_PORT - 7000}", "--Simulator:TimeScale=1", "--Simulator:StatePath="],
                                logfile=os.path.join(work, f"votes-sim-{r}.log"))
            wait_http(f"{cluster.sim_url}/sim/managers", proc=cluster.sim)
            # The same hosts in the new world: each replica pinned the SSH host keys it saw first, and a host keeps its
            # key across a restart (a new key would rightly stop Preflight on a replica that executed an earlier round).
            for name, key in host_keys.items():
                http("POST", f"{cluster.sim_url}/sim/hosts/{name}/host-key", {"hostKey": key})
        else:
            host_keys = {h["name"]: h["hostKey"] for h in http("GET", f"{cluster.sim_url}/sim/hosts")[1]}
        http("PUT", f"{cluster.sim_url}/sim/settings", FAST)
        offset = cluster.sim_clock_offset()
        _, run = http("POST", f"{cluster.api(r % 3)}/api/migrations", {"environments": ["A", "B"], "requestedBy": "alice"})
        rid = run["id"]
        while True:
            run = cluster.get(f"/api/migrations/{rid}")
            if run["state"] in TERMINAL:
                log(f"round {r + 1}/{ROUNDS}: migration {run['state']}")
                break
            if run["state"] in ("AwaitingApproval", "AwaitingAcknowledgement"):
                time.sleep(0.3)  # quiet: nothing of this run is under way
                sent = cluster.vote(rid)
                if sent and sent[1] < 300 and sent[2]:
                    first = cluster.first_request_after(sent[0], offset, timeout=10)
                    if first:
                        latencies.append(first - sent[0])
                        windows.append((sent[0], first, run["currentStep"]))
                        warm.extend([first - sent[0]] if r > 0 else [])
                        log(f"  {run['currentStep']}: deciding vote to first WS-API call {latencies[-1] * 1000:.0f} ms"
                            f" (answered by {sent[4]} in {sent[3] * 1000:.0f} ms; executed by {run.get('executor')})")
                continue
            time.sleep(0.1)
    time.sleep(1)
    rows = statements(cluster.db, log_start)
    cluster.stop()
    psql(f"ALTER DATABASE {cluster.db} RESET log_min_duration_statement")
    per_window = []
    shapes = {}
    for a, b, step in windows:
        inside = [s for s in rows if a - 0.002 <= s[0] <= b + 0.002]
        per_window.append(len(inside))
        for s in inside:
            shapes[shape(s[2])] = shapes.get(shape(s[2]), 0) + 1
    return latencies, windows, per_window, shapes, warm


def main():
    require_free(*HOST_PORTS, SIM_PORT)
    atexit.register(stop_all)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    work = tempfile.mkdtemp(prefix="ovm-bench-replicas-")
    info = machine()
    log("machine:", machine_line(info))
    kills, seen = takeover(work) if "takeover" in STAGES else ([float("nan")], [float("nan")])
    lat, windows, per_window, shapes, warm = votes(work) if "votes" in STAGES else ([float("nan")], [], [0], {}, [float("nan")])
    warm = warm or [float("nan")]
    n = len(windows)
    text = "\n".join([
        f"Machine: {machine_line(info)}.", "",
        "Three replicas, default lease settings (lease 3 s, renewed every 1 s, sweep every 0.5 s), PostgreSQL 15 on loopback, standalone simulator at time scale 1.", "",
        "| measure | n | p50 | p90 | p99 | max | target |", "|---|---:|---:|---:|---:|---:|---|",
        f"| takeover: SIGKILL of the executor to the next WS-API call | {len(kills)} | {pct(kills, 50):.2f} s | {pct(kills, 90):.2f} s | {pct(kills, 99):.2f} s | {max(kills):.2f} s | <= 5 s p99 |",
        f"| takeover: SIGKILL to the API naming the new executor | {len(seen)} | {pct(seen, 50):.2f} s | {pct(seen, 90):.2f} s | {pct(seen, 99):.2f} s | {max(seen):.2f} s | |",
        f"| deciding vote (sent to a random replica) to the first WS-API call | {len(lat)} | {pct(lat, 50) * 1000:.0f} ms | {pct(lat, 90) * 1000:.0f} ms | {pct(lat, 99) * 1000:.0f} ms | {max(lat) * 1000:.0f} ms | <= 50 ms p99 |",
        f"| the same, migrations after the first (every replica has taken votes and run every gate's reads) | {len(warm)} | {pct(warm, 50) * 1000:.0f} ms | {pct(warm, 90) * 1000:.0f} ms | {pct(warm, 99) * 1000:.0f} ms | {max(warm) * 1000:.0f} ms | |",
        f"| database statements in that window (all replicas, all work) | {n} | {pct(per_window, 50):.0f} | {pct(per_window, 90):.0f} | {pct(per_window, 99):.0f} | {max(per_window)} | <= 2 round trips on the vote path |",
        "",
        "Statements in the vote windows by shape (total over all windows; `SELECT`/`UPDATE`… and the tables named):", "",
        "| statement | total | per window |", "|---|---:|---:|",
        *[f"| `{k}` | {v} | {v / max(n, 1):.1f} |" for k, v in sorted(shapes.items(), key=lambda kv: -kv[1])],
        "",
        "Votes measured, by the gate they decided: " + ", ".join(f"{s}" for _, _, s in windows), "",
    ])
    print(text)
    write_result("replicas", text)


if __name__ == "__main__":
    main()
