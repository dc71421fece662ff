"""Acknowledgement path: signed Slack slash commands and clicks against the host and against the floor (bench/AckFloor)."""
import atexit
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))
from benchlib import *  # noqa: E402,F403

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
CONNECTIONS = [int(c) for c in os.environ.get("BENCH_CONNECTIONS", "1 16 64").split()]
KINDS = os.environ.get("BENCH_KINDS", "command click click-repeat").split()
BASE = int(os.environ.get("BENCH_PORT_BASE", "18000"))
HOST_PORT, FLOOR_PORT, FAKE_PORT = BASE + 80, BASE + 90, BASE + 91


def parse_wrk(text):
    def ms(value, unit):
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
    res = {}
    for pct in ("50", "99"):
        m = re.search(rf"^\s*{pct}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
        res[f"p{pct}"] = ms(*m.groups()) if m else None
    m = re.search(r"(\d+) requests in", text)
    res["requests"] = int(m.group(1)) if m else 0
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    res["rps"] = float(m.group(1)) if m else 0.0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    res["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: (.*)", text)
    res["socket_errors"] = m.group(1).strip() if m else ""
    return res


def run_wrk(port, kind, conns):
    env = dict(os.environ, BENCH_SIGNING_SECRET=SIGNING_SECRET, BENCH_KIND=kind,
               BENCH_FAKE_SLACK=f"http://127.0.0.1:{FAKE_PORT}", BENCH_LUA_DIR=os.path.join(BENCH, "lua"))
    path = "/slack/interactions" if kind.startswith("click") else "/slack/commands"
    threads = 1 if conns == 1 else 2
    cmd = ["wrk", f"-t{threads}", f"-c{conns}", f"-d{DURATION}s", "--latency", "--timeout", "10s",
           "-s", os.path.join(BENCH, "lua", "slack.lua"), f"http://127.0.0.1:{port}{path}"]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=DURATION + 60)
    if out.returncode != 0:
        sys.exit(f"wrk failed: {out.stderr}")
    return parse_wrk(out.stdout), out.stdout


IDLE = {}


def idle_rate(proc, seconds=5):
    wait_quiet(proc.pid)
    before = cpu_seconds(proc.pid)
    time.sleep(seconds)
    return (cpu_seconds(proc.pid) - before) / seconds


def measure(proc, port, kind, conns):
    wait_quiet(proc.pid)
    cpu0 = cpu_seconds(proc.pid)
    res, raw = run_wrk(port, kind, conns)
    cpu1 = cpu_seconds(proc.pid)
    drained = wait_quiet(proc.pid)
    cpu2 = cpu_seconds(proc.pid)
    n = max(res["requests"], 1)
    res["cpu_us"] = (cpu1 - cpu0) / n * 1e6          # during the load, per acknowledged request
    res["cpu_net_us"] = max(cpu1 - cpu0 - IDLE[proc.pid] * DURATION, 0) / n * 1e6  # minus the process's idle CPU (timers, simulator pump)
    res["cpu_total_us"] = (cpu2 - cpu0) / n * 1e6    # plus the background work drained afterwards
    res["drain_s"] = drained
    res["rss_mb"] = rss_mb(proc.pid)
    return res, raw


def fmt(v, digits=0):
    return "-" if v is None else f"{v:,.{digits}f}"


def main():
    require_free(HOST_PORT, FLOOR_PORT, FAKE_PORT, BASE)
    atexit.register(stop_all)
    work = tempfile.mkdtemp(prefix="ovm-bench-ack-")
    info = machine()
    log("machine:", machine_line(info))
    fake = start(["dotnet", os.path.join(BENCH, "FakeSlack/bin/Release/net10.0/FakeSlack.dll"), "--urls", f"http://127.0.0.1:{FAKE_PORT}"],
                 logfile=os.path.join(work, "fake.log"))
    wait_http(f"http://127.0.0.1:{FAKE_PORT}/_stats", proc=fake)
    host = start(["dotnet", HOST_DLL, "--urls", f"http://127.0.0.1:{HOST_PORT}"], env=host_env(work, BASE), logfile=os.path.join(work, "host.log"))
    floor = start(["dotnet", os.path.join(BENCH, "AckFloor/bin/Release/net10.0/AckFloor.dll"), "--urls", f"http://127.0.0.1:{FLOOR_PORT}"],
                  env={"Slack__SigningSecret": SIGNING_SECRET}, logfile=os.path.join(work, "floor.log"))
    wait_http(f"http://127.0.0.1:{HOST_PORT}/healthz", proc=host)
    wait_http(f"http://127.0.0.1:{FLOOR_PORT}/healthz", proc=floor)
    servers = {"host": (host, HOST_PORT), "floor": (floor, FLOOR_PORT)}

    for name, (proc, _) in servers.items():
        IDLE[proc.pid] = idle_rate(proc)
        log(f"{name} idle CPU: {IDLE[proc.pid] * 1000:.1f} ms/s, RSS {rss_mb(proc.pid):.0f} MB")
    # Warm-up: JIT and connection pools on both, not measured.
    for kind in KINDS:
        for name in ("host", "floor"):
            proc, port = servers[name]
            run_wrk(port, kind, 16)
    samples = {}
    for rnd in range(ROUNDS):
        for kind in KINDS:
            for conns in CONNECTIONS:
                order = ("host", "floor") if (rnd + conns) % 2 == 0 else ("floor", "host")
                for name in order:
                    proc, port = servers[name]
                    res, raw = measure(proc, port, kind, conns)
                    if res["non2xx"] or res["socket_errors"]:
                        log(f"WARNING {name} {kind} c={conns}: non-2xx {res['non2xx']}, socket errors {res['socket_errors']}")
                    samples.setdefault((kind, conns, name), []).append(res)
                    log(f"round {rnd + 1} {kind:7} c={conns:2} {name:5}: {res['rps']:9,.0f} req/s p50 {fmt(res['p50'], 2)} ms "
                        f"p99 {fmt(res['p99'], 2)} ms cpu {res['cpu_us']:.0f} us/req (with background {res['cpu_total_us']:.0f}) "
                        f"drain {res['drain_s']:.1f}s rss {res['rss_mb']:.0f} MB")
    _, stats = http("GET", f"http://127.0.0.1:{FAKE_PORT}/_stats")
    log("fake Slack received:", stats)
    with open(os.path.join(work, "host.log")) as f:
        failures = sum(1 for line in f if line.startswith("fail:"))
    if failures:
        log(f"WARNING: the host logged {failures} failures (see {work}/host.log)")

    lines = [f"Machine: {machine_line(info)}.", "",
             "Idle CPU (subtracted in the 'net of idle' columns): " + ", ".join(f"{n} {IDLE[p.pid] * 1000:.1f} ms/s" for n, (p, _) in servers.items()) + ".", "",
             f"Median of {ROUNDS} rounds, {DURATION} s per run, host and floor alternating; wrk threads: 1 for c=1, else 2.", "",
             "| request | conns | host req/s | floor req/s | ratio | host p50 ms | floor p50 ms | host p99 ms | floor p99 ms | p99 ratio | host CPU us/req | floor CPU us/req | CPU ratio | host CPU net of idle | CPU ratio net | host CPU us/req incl. background drained after |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for kind in KINDS:
        for conns in CONNECTIONS:
            h = {k: median([s[k] for s in samples[(kind, conns, "host")]]) for k in ("rps", "p50", "p99", "cpu_us", "cpu_net_us", "cpu_total_us")}
            f = {k: median([s[k] for s in samples[(kind, conns, "floor")]]) for k in ("rps", "p50", "p99", "cpu_us", "cpu_net_us", "cpu_total_us")}
            label = {"command": "`/ovm status`", "click": "Approve click (new)", "click-repeat": "Approve click (repeat)"}[kind]
            lines.append(f"| {label} | {conns} | {fmt(h['rps'])} | {fmt(f['rps'])} | {h['rps'] / f['rps']:.2f}x | {fmt(h['p50'], 2)} | {fmt(f['p50'], 2)} | "
                         f"{fmt(h['p99'], 2)} | {fmt(f['p99'], 2)} | {h['p99'] / f['p99']:.2f}x | {fmt(h['cpu_us'])} | {fmt(f['cpu_us'])} | "
                         f"{h['cpu_us'] / f['cpu_us']:.2f}x | {fmt(h['cpu_net_us'])} | {h['cpu_net_us'] / f['cpu_net_us']:.2f}x | {fmt(h['cpu_total_us'])} |")
    lines += ["", "Every run: " + ", ".join(f"{k[2]} {k[0]} c={k[1]}: " + "/".join(f"{s['rps']:.0f}" for s in v) + " req/s" for k, v in sorted(samples.items())), "",
              f"Fake Slack received (background replies): {stats}; failures in the host's log: {failures}.", ""]
    text = "\n".join(lines)
    print(text)
    write_result("ack", text)


if __name__ == "__main__":
    main()
