"""Scale: a generated scenario (5,000 VMs, 200 repositories, 64 servers per environment): record the inventory,
rediscover and diff, measured in a bench console (bench/OvmSelfHost.Bench) against a standalone simulator; then
100 concurrent migrations of distinct environment pairs in one host while the acknowledgement load runs."""
import atexit
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))
from benchlib import *  # noqa: E402,F403
import ack  # noqa: E402

VMS = int(os.environ.get("BENCH_VMS", "5000"))
REPOS = int(os.environ.get("BENCH_REPOS", "200"))
SERVERS = int(os.environ.get("BENCH_SERVERS", "64"))
PAIRS = int(os.environ.get("BENCH_PAIRS", "100"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
BASE = int(os.environ.get("BENCH_PORT_BASE", "18600"))
SIM_DLL = os.path.join(ROOT, "src/OvmSelfHost.Simulator/bin/Release/net10.0/OvmSelfHost.Simulator.dll")
BENCH_DLL = os.path.join(BENCH, "OvmSelfHost.Bench/bin/Release/net10.0/OvmSelfHost.Bench.dll")


def generate(path, *args):
    subprocess.run([sys.executable, os.path.join(BENCH, "gen-scenario.py"), path, *args], check=True)


def part_inventory(work):
    path = os.path.join(work, "scale.json")
    generate(path, "--vms", str(VMS), "--repos", str(REPOS), "--servers", str(SERVERS))
    control = f"http://127.0.0.1:{BASE}"
    require_free(BASE, BASE + 1)
    t0 = time.time()
    sim = start(["dotnet", SIM_DLL, f"--Simulator:Scenario={path}", f"--Simulator:PortOffset={BASE - 7000}"], logfile=os.path.join(work, "sim.log"))
    wait_http(f"{control}/sim/managers", timeout=300, proc=sim)
    load = time.time() - t0
    http("PUT", f"{control}/sim/settings", {"timeScale": 1, "jobSeconds": 0, "discoverySeconds": 0, "refreshSeconds": 0, "installerSeconds": 0, "managerStartupSeconds": 0})
    log(f"simulator with {VMS} VMs per environment up in {load:.1f} s, RSS {rss_mb(sim.pid):.0f} MB")
    sim_cpu0 = cpu_seconds(sim.pid)
    out = subprocess.run(["dotnet", BENCH_DLL, control, "A", str(ROUNDS)], capture_output=True, text=True, timeout=3600)
    if out.returncode != 0:
        sys.exit(f"bench console failed: {out.stdout}\n{out.stderr}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["simulator_cpu"] = cpu_seconds(sim.pid) - sim_cpu0
    result["simulator_load_s"] = load
    sim.terminate()
    sim.wait(30)
    return result


def part_concurrent(work):
    """PAIRS migrations of distinct pairs in one host, ack load before and during."""
    # 400 managers each with their own Kestrel host: without this each one takes an inotify instance (limit 128).
    os.environ["DOTNET_hostBuilder__reloadConfigOnChange"] = "false"
    os.environ["DOTNET_USE_POLLING_FILE_WATCHER"] = "true"
    path = os.path.join(work, "pairs.json")
    port_base = BASE + 1000  # simulator: control at port_base, managers at port_base + 1 .. port_base + 8 * PAIRS
    control = f"http://127.0.0.1:{port_base}"
    # The host's embedded simulator adapter knows environments A and B only: the pairs run against a standalone
    # simulator, reached through Ovm:Adapter Real with every manager and host "Simulated" (addresses from /sim/managers).
    generate(path, "--pairs", str(PAIRS), "--vms", "3", "--repos", "1", "--servers", "2", "--port-base", "7000", "--control-url", control + "/")
    env = {}
    with open(path + ".env") as f:
        for line in f:
            k, v = line.strip().split("=", 1)
            env[k] = v
    ack.HOST_PORT, ack.FLOOR_PORT, ack.FAKE_PORT = port_base - 20, port_base - 19, port_base - 18
    require_free(ack.HOST_PORT, ack.FAKE_PORT, port_base, port_base + 1, port_base + 8 * PAIRS)
    sim = start(["dotnet", SIM_DLL, f"--Simulator:Scenario={path}", f"--Simulator:PortOffset={port_base - 7000}"], logfile=os.path.join(work, "sim-pairs.log"))
    wait_http(f"{control}/sim/managers", timeout=300, proc=sim)
    env.update(host_env(work, port_base, {"Simulator__Enabled": "false", "Slack__ApiBaseUrl": f"http://127.0.0.1:{ack.FAKE_PORT}/",
                                          "Slack__ResponseUrlPrefixes__0": f"http://127.0.0.1:{ack.FAKE_PORT}/response/"}))
    fake = start(["dotnet", os.path.join(BENCH, "FakeSlack/bin/Release/net10.0/FakeSlack.dll"), "--urls", f"http://127.0.0.1:{ack.FAKE_PORT}"])
    wait_http(f"http://127.0.0.1:{ack.FAKE_PORT}/_stats", proc=fake)
    host = start(["dotnet", HOST_DLL, "--urls", f"http://127.0.0.1:{ack.HOST_PORT}"], env=env, logfile=os.path.join(work, "host-pairs.log"))
    api = f"http://127.0.0.1:{ack.HOST_PORT}"
    wait_http(f"{api}/healthz", timeout=300, proc=host)
    http("PUT", f"{control}/sim/settings", {"timeScale": float(os.environ.get("BENCH_PAIRS_TIMESCALE", "2"))})
    ack.IDLE[host.pid] = ack.idle_rate(host)
    kind = os.environ.get("BENCH_SCALE_ACK_KIND", "click-repeat")
    ack.run_wrk(ack.HOST_PORT, kind, 64)  # warm-up
    before = [ack.measure(host, ack.HOST_PORT, kind, 64)[0] for _ in range(3)]
    log("ack before: " + ", ".join(f"{r['rps']:.0f} req/s p99 {r['p99']:.1f} ms" for r in before))
    ids, t0 = [], time.time()
    envs = [f"E{i:03d}" for i in range(2 * PAIRS)]
    for i in range(PAIRS):
        _, run = http("POST", f"{api}/api/migrations", {"environments": [envs[2 * i], envs[2 * i + 1]], "requestedBy": "alice"})
        ids.append(run["id"])
    started = time.time() - t0
    done, states, finished_at = threading.Event(), {}, {}

    def approver():
        while not done.is_set():
            try:
                _, runs = http("GET", f"{api}/api/migrations", timeout=60)
            except Exception:
                time.sleep(0.5)
                continue
            for r in runs:
                states[r["id"]] = r["state"]
                if r["state"] in ("Completed", "Failed", "Aborted", "RolledBack", "Rejected"):
                    finished_at.setdefault(r["id"], time.time())
                if r["state"] in ("AwaitingApproval", "AwaitingAcknowledgement"):
                    for user in ("bob", "carol"):
                        try:
                            http("POST", f"{api}/api/migrations/{r['id']}/decisions", {"user": user, "decision": "approve"}, timeout=60)
                        except Exception:
                            pass
            if len(finished_at) >= len(ids):
                done.set()
            time.sleep(1.0)
    thread = threading.Thread(target=approver, daemon=True)
    thread.start()
    during, rss_peak = [], 0.0
    time.sleep(2)
    while not done.is_set() and len(during) < int(os.environ.get("BENCH_PAIRS_ACK_RUNS", "6")):
        cpu0 = cpu_seconds(host.pid)
        res, _ = ack.run_wrk(ack.HOST_PORT, kind, 64)
        res["cpu_us"] = (cpu_seconds(host.pid) - cpu0) / max(res["requests"], 1) * 1e6
        running = sum(1 for s in states.values() if s not in ("Completed", "Failed", "Aborted", "RolledBack", "Rejected"))
        res["running"] = running
        during.append(res)
        rss_peak = max(rss_peak, rss_mb(host.pid))
        log(f"ack during ({running} migrations not finished): {res['rps']:.0f} req/s p99 {res['p99']:.1f} ms")
        time.sleep(1)
    thread.join(timeout=float(os.environ.get("BENCH_PAIRS_TIMEOUT", "900")))
    done.set()
    ended = [finished_at[i] - t0 for i in ids if i in finished_at]
    completed = sum(1 for i in ids if states.get(i) == "Completed")
    result = {"pairs": PAIRS, "post_s": started, "completed": completed, "ended": len(ended), "states": {s: list(states.values()).count(s) for s in set(states.values())},
              "last_end_s": max(ended) if ended else None, "median_end_s": median(ended), "before": before, "during": during, "rss_peak": rss_peak, "kind": kind}
    result["sim_cpu"] = cpu_seconds(sim.pid)
    host.terminate()
    fake.terminate()
    sim.terminate()
    return result


def main():
    atexit.register(stop_all)
    work = tempfile.mkdtemp(prefix="ovm-bench-scale-")
    info = machine()
    log("machine:", machine_line(info))
    inv = part_inventory(work) if os.environ.get("BENCH_SKIP_INVENTORY") != "1" else None
    if inv:
        log("inventory:", json.dumps(inv))
    pairs = part_concurrent(work) if os.environ.get("BENCH_SKIP_PAIRS") != "1" else None
    if pairs:
        log("pairs:", json.dumps({k: v for k, v in pairs.items() if k not in ("before", "during")}))
    lines = [f"Machine: {machine_line(info)}.", ""]
    if inv:
        snap = median([s["cpu"] for s in inv["snapshots"]])
        diff = median([d["cpu"] for d in inv["diffs"]])
        persist = median([p["cpu"] for p in inv["persists"]])
        lines += [f"Scenario: {SERVERS} servers, {REPOS} repositories, {VMS} VMs per environment (`bench/gen-scenario.py`); counts read back: "
                  + ", ".join(f"{k} {v}" for k, v in inv["counts"].items()) + f". Simulator start with it: {inv['simulator_load_s']:.1f} s.", "",
                  f"Median of {ROUNDS} rounds; CPU is this process's (bench console), the simulator runs in its own process with every duration 0.", "",
                  "| measure | wall | our CPU | target |", "|---|---:|---:|---|",
                  f"| record the inventory (GetInventoryAsync, every object through the WS-API) | {median([s['wall'] for s in inv['snapshots']]):.3f} s | {snap:.3f} s | |",
                  f"| persist the snapshot (JSON out and back) | {median([p['wall'] for p in inv['persists']]):.3f} s | {persist:.3f} s | |",
                  f"| diff (InventoryComparer, nothing missing) | {median([d['wall'] for d in inv['diffs']]):.4f} s | {diff:.4f} s | |",
                  f"| diff with 10 % of the VMs missing ({inv['diffWithMissing']['differences']} differences) | {inv['diffWithMissing']['wall']:.4f} s | {inv['diffWithMissing']['cpu']:.4f} s | |",
                  f"| **snapshot + diff, our CPU** | | **{snap + diff:.3f} s** | < 1 s |",
                  f"| rediscover ({inv['rediscover']['jobs']} jobs: discover {SERVERS} servers, refresh file servers and {REPOS} repositories) | {inv['rediscover']['wall']:.1f} s | {inv['rediscover']['cpu']:.2f} s | |",
                  f"| simulator CPU over all of the above | | {inv['simulator_cpu']:.1f} s | (excluded) |", ""]
    if pairs:
        b = {k: median([r[k] for r in pairs["before"]]) for k in ("rps", "p50", "p99", "cpu_us")}
        d = {k: median([r[k] for r in pairs["during"]]) for k in ("rps", "p50", "p99", "cpu_us")} if pairs["during"] else None
        lines += [f"{pairs['pairs']} migrations of distinct environment pairs (E000/E001, ...; each 2 servers, 1 repository, 3 VMs) in one host (Ovm:Adapter Real against a standalone simulator process); "
                  f"POSTed in {pairs['post_s']:.1f} s; {pairs['completed']} completed, final states {pairs['states']}; median end {fmt_s(pairs['median_end_s'])}, last {fmt_s(pairs['last_end_s'])}; "
                  f"host RSS peak {pairs['rss_peak']:.0f} MB; the simulator (own process) used {pairs['sim_cpu']:.0f} s CPU. Acknowledgement load: wrk c=64, `{pairs['kind']}`.", "",
                  "| ack at 64 connections | req/s | p50 ms | p99 ms | CPU us/req |", "|---|---:|---:|---:|---:|",
                  f"| host idle (median of {len(pairs['before'])}) | {b['rps']:,.0f} | {b['p50']:.2f} | {b['p99']:.2f} | {b['cpu_us']:.0f} |"]
        if d:
            lines += [f"| during the migrations (median of {len(pairs['during'])}) | {d['rps']:,.0f} | {d['p50']:.2f} | {d['p99']:.2f} | {d['cpu_us']:.0f} |",
                      f"| ratio | {d['rps'] / b['rps']:.2f}x | {d['p50'] / b['p50']:.2f}x | **{d['p99'] / b['p99']:.2f}x** | {d['cpu_us'] / b['cpu_us']:.2f}x |"]
        lines += ["", "Runs during: " + "; ".join(f"{r['running']} running: {r['rps']:.0f} req/s p99 {r['p99']:.1f} ms" for r in pairs["during"]), ""]
    text = "\n".join(lines)
    print(text)
    write_result("scale", text)


def fmt_s(v):
    return "-" if v is None else f"{v:.0f} s"


if __name__ == "__main__":
    main()
