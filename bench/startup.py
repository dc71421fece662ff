"""Start-up and memory: process start to a healthy /healthz (fresh and existing database), RSS idle and during a migration."""
import atexit
import os
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))
from benchlib import *  # noqa: E402,F403
import orchestration  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
BASE = int(os.environ.get("BENCH_PORT_BASE", "18400"))
HOST_PORT, FAKE_PORT = BASE + 80, BASE + 91


def start_host(work, logname, extra=None):
    t0 = time.time()
    proc = start(["dotnet", HOST_DLL, "--urls", f"http://127.0.0.1:{HOST_PORT}"], env=host_env(work, BASE, extra), logfile=os.path.join(work, logname))
    wait_http(f"http://127.0.0.1:{HOST_PORT}/healthz", timeout=120, proc=proc)
    return proc, time.time() - t0


def stop(proc):
    proc.terminate()
    proc.wait(30)


def main():
    require_free(HOST_PORT, FAKE_PORT, BASE)
    atexit.register(stop_all)
    info = machine()
    log("machine:", machine_line(info))
    fake = start(["dotnet", os.path.join(BENCH, "FakeSlack/bin/Release/net10.0/FakeSlack.dll"), "--urls", f"http://127.0.0.1:{FAKE_PORT}"])
    wait_http(f"http://127.0.0.1:{FAKE_PORT}/_stats", proc=fake)
    fresh, warm, idle, nosim = [], [], [], []
    for rnd in range(ROUNDS):
        work = tempfile.mkdtemp(prefix="ovm-bench-start-")
        proc, seconds = start_host(work, "fresh.log")       # new SQLite file: schema created
        fresh.append(seconds)
        stop(proc)
        proc, seconds = start_host(work, "nosim.log", {"Ovm__Adapter": "None", "Simulator__Enabled": "false"})  # no embedded simulator
        nosim.append(seconds)
        stop(proc)
        proc, seconds = start_host(work, "warm.log")        # same file again
        warm.append(seconds)
        time.sleep(10)
        idle.append(rss_mb(proc.pid))
        log(f"round {rnd + 1}: fresh database {fresh[-1]:.2f} s, existing database {warm[-1]:.2f} s, idle RSS after 10 s {idle[-1]:.0f} MB")
        if rnd < ROUNDS - 1:
            stop(proc)
    # RSS during a migration (the last host), sampled every 100 ms; simulated durations shortened by timeScale 10.
    peak, samples, done = [0.0], [], threading.Event()

    def sample():
        while not done.is_set():
            value = rss_mb(proc.pid)
            samples.append(value)
            peak[0] = max(peak[0], value)
            time.sleep(0.1)
    threading.Thread(target=sample, daemon=True).start()
    orchestration.SETTINGS.update({"timeScale": 10, "jobSeconds": 1, "discoverySeconds": 3, "refreshSeconds": 2, "installerSeconds": 30, "managerStartupSeconds": 10})
    rid, run, t0, t1, _, _ = orchestration.run_migration(f"http://127.0.0.1:{HOST_PORT}", f"http://127.0.0.1:{BASE}")
    done.set()
    log(f"migration {run['state']} in {t1 - t0:.1f} s; RSS peak {peak[0]:.0f} MB")
    text = "\n".join([
        f"Machine: {machine_line(info)}.", "",
        f"Median of {ROUNDS} starts; `dotnet OvmSelfHost.dll` (Release) with Slack on (fake Web API), the embedded simulator and SQLite.", "",
        "| measure | median | min | max | target |", "|---|---:|---:|---:|---|",
        f"| process start to healthy, new database | {median(fresh):.2f} s | {min(fresh):.2f} s | {max(fresh):.2f} s | < 3 s |",
        f"| process start to healthy, existing database | {median(warm):.2f} s | {min(warm):.2f} s | {max(warm):.2f} s | < 3 s |",
        f"| process start to healthy, existing database, `Ovm:Adapter` None (no embedded simulator: no listeners, no certificates) | {median(nosim):.2f} s | {min(nosim):.2f} s | {max(nosim):.2f} s | |",
        f"| RSS idle (10 s after healthy) | {median(idle):.0f} MB | {min(idle):.0f} MB | {max(idle):.0f} MB | < 250 MB |",
        f"| RSS during a two-phase migration (peak; median of samples) | {peak[0]:.0f} MB | {median(samples):.0f} MB (median) | | |",
        "",
    ])
    print(text)
    write_result("startup", text)


if __name__ == "__main__":
    main()
