"""Orchestration overhead: a full two-phase migration against the simulator with configured durations, approved
instantly, timed against the critical path of the simulated operations; WS-API requests per job and job-minute."""
import atexit
import datetime
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))
from benchlib import *  # noqa: E402,F403
import polling  # noqa: E402

BASE = int(os.environ.get("BENCH_PORT_BASE", "18200"))
HOST_PORT, FAKE_PORT = BASE + 80, BASE + 91
SETTINGS = {
    "timeScale": 1,
    "jobSeconds": float(os.environ.get("BENCH_JOB_SECONDS", "2")),
    "discoverySeconds": float(os.environ.get("BENCH_DISCOVERY_SECONDS", "20")),
    "refreshSeconds": float(os.environ.get("BENCH_REFRESH_SECONDS", "8")),
    "installerSeconds": float(os.environ.get("BENCH_INSTALLER_SECONDS", "40")),
    "managerStartupSeconds": float(os.environ.get("BENCH_STARTUP_SECONDS", "15")),
    "requestLatencyMs": int(os.environ.get("BENCH_REQUEST_LATENCY_MS", "0")),
}
POLL = 0.1


def expected_jobs():
    """The configured expectation of each kind of job (Runbook:ExpectedJobDurations), from the simulated durations:
    what an operator would write from experience; the host uses it until a job of that kind has completed."""
    job, disc, refresh = SETTINGS["jobSeconds"], SETTINGS["discoverySeconds"], SETTINGS["refreshSeconds"]
    kinds = {"CreateManagerVm.clone": job, "CreateManagerVm.create": job, "CreateManagerVm.start": job, "InstallManager.attach-iso": job,
             "PrepareHostingEnvironment.discover": disc, "PrepareHostingEnvironment.add": job, "PrepareHostingEnvironment.present": job,
             "Rediscover.discover": disc, "Rediscover.refresh-fs": refresh, "Rediscover.refresh-repo": 2 * refresh,
             "ProveHighAvailability.migrate": job}
    if os.environ.get("BENCH_NO_EXPECTED_JOBS"):
        return {}
    return {f"Runbook__ExpectedJobDurations__{k}": str(datetime.timedelta(seconds=v)) for k, v in kinds.items()}


def ts(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() if text else None


def union(intervals):
    total, end = 0.0, None
    for a, b in sorted(i for i in intervals if i[0] is not None and i[1] is not None and i[1] > i[0]):
        if end is None or a > end:
            total += b - a
            end = b
        elif b > end:
            total += b - end
            end = b
    return total


def clip(intervals, lo, hi):
    return [(max(a, lo), min(b, hi)) for a, b in intervals if a is not None and b is not None and b > lo and a < hi]


def run_migration(api, sim):
    http("PUT", f"{sim}/sim/settings", SETTINGS)
    http("DELETE", f"{sim}/sim/stats")
    t0 = time.time()
    _, run = http("POST", f"{api}/api/migrations", {"environments": ["A", "B"], "requestedBy": "alice"})
    rid = run["id"]
    approvals, approval_time, seen = 0, 0.0, None
    while True:
        _, run = http("GET", f"{api}/api/migrations/{rid}")
        state = run["state"]
        if state in ("Completed", "Failed", "Aborted", "RolledBack", "Rejected"):
            t1 = time.time()
            break
        if state in ("AwaitingApproval", "AwaitingAcknowledgement"):
            seen = time.time()
            for user in ("bob", "carol"):
                status, _ = http("POST", f"{api}/api/migrations/{rid}/decisions",
                                 {"user": user, "decision": "approve", "gate": run["pendingGate"], "phase": run["phase"], "round": run["gateRound"]})
                approvals += 1
                _, run = http("GET", f"{api}/api/migrations/{rid}")
                if run["state"] not in ("AwaitingApproval", "AwaitingAcknowledgement"):
                    break
            approval_time += time.time() - seen
            continue
        time.sleep(POLL)
    return rid, run, t0, t1, approvals, approval_time


def step_gaps(step, a, b, jobs):
    """One row: where a step's time outside its jobs goes (jobs run one after another inside a step)."""
    inside = sorted((j for j in jobs if ts(j["createdAt"]) is not None and a <= ts(j["createdAt"]) <= b and j["summaryEndedAt"]),
                    key=lambda j: ts(j["createdAt"]))
    if not inside:
        return f"| {step['phase']} | {step['name']} | 0 | | | | |"
    seen = []
    for j in inside:
        end_ = ts(j["summaryEndedAt"])
        after = sorted(r for r in (ts(x) for x in j["reads"]) if r >= end_)
        seen.append(after[0] if after else end_)
    lag = sum(s_ - ts(j["summaryEndedAt"]) for s_, j in zip(seen, inside))
    between = [ts(n["createdAt"]) - s_ for s_, n in zip(seen, inside[1:])]
    return (f"| {step['phase']} | {step['name']} | {len(inside)} | {ts(inside[0]['createdAt']) - a:.2f} | {lag:.2f} | "
            f"{sum(between):.2f} ({', '.join(f'{g:.2f}' for g in between)}) | {b - seen[-1]:.2f} |")


def main():
    require_free(HOST_PORT, FAKE_PORT, BASE)
    atexit.register(stop_all)
    work = tempfile.mkdtemp(prefix="ovm-bench-orch-")
    info = machine()
    log("machine:", machine_line(info))
    fake = start(["dotnet", os.path.join(BENCH, "FakeSlack/bin/Release/net10.0/FakeSlack.dll"), "--urls", f"http://127.0.0.1:{FAKE_PORT}"],
                 logfile=os.path.join(work, "fake.log"))
    wait_http(f"http://127.0.0.1:{FAKE_PORT}/_stats", proc=fake)
    host = start(["dotnet", HOST_DLL, "--urls", f"http://127.0.0.1:{HOST_PORT}"], env=host_env(work, BASE, expected_jobs()), logfile=os.path.join(work, "host.log"))
    api, sim = f"http://127.0.0.1:{HOST_PORT}", f"http://127.0.0.1:{BASE}"
    wait_http(f"{api}/healthz", proc=host)
    log("settings:", SETTINGS)
    cpu0 = cpu_seconds(host.pid)
    rid, run, t0, t1, approvals, approval_time = run_migration(api, sim)
    cpu1 = cpu_seconds(host.pid)
    _, stats = http("GET", f"{sim}/sim/stats")
    log(f"migration {rid} {run['state']} in {t1 - t0:.1f} s; {approvals} votes; approval handling {approval_time:.2f} s")
    if run["state"] != "Completed":
        sys.exit(f"migration ended {run['state']}: see {work}/host.log")

    jobs = stats["jobs"]
    ops = [(ts(j["createdAt"]), ts(j["summaryEndedAt"])) for j in jobs]
    ops += [(ts(i["startedAt"]), ts(i["endsAt"])) for i in stats["installs"]]
    ops += [(ts(m["upSince"]), ts(m["runningSince"])) for m in stats["managers"] if m["upSince"] and ts(m["upSince"]) > t0]
    # A live migration ends with the guest paused (its last pages copied) for migrationPauseSeconds: the HA drill waits for the
    # moved manager to answer again, so that pause is simulated time the procedure waits for, like a job's.
    _, sim_settings = http("GET", f"{sim}/sim/settings")
    pause = float(sim_settings["migrationPauseSeconds"]) / (float(sim_settings["timeScale"]) or 1)
    ops += [(ts(j["summaryEndedAt"]), ts(j["summaryEndedAt"]) + pause) for j in jobs if j["name"].startswith("Migrate VM") and j["summaryEndedAt"]]
    critical = union(clip(ops, t0, t1))
    wall = t1 - t0 - approval_time
    total_requests = stats["requests"]
    job_reads = sum(len(j["reads"]) for j in jobs)
    # Polling lag: from a job's end (summary) to the first read that saw it; reads per job-minute after the first 10 s.
    lags, late_reads, late_minutes = [], 0, 0.0
    for j in jobs:
        start_, end_ = ts(j["startedAt"]) or ts(j["createdAt"]), ts(j["summaryEndedAt"])
        reads = sorted(ts(r) for r in j["reads"])
        after = [r for r in reads if end_ is not None and r >= end_]
        if after:
            lags.append((after[0] - end_, j["name"], end_ - start_))
        if end_ is not None and end_ - start_ > 10:
            late_reads += sum(1 for r in reads if start_ + 10 < r <= end_ + 0.001)
            late_minutes += (end_ - start_ - 10) / 60
    lags.sort(reverse=True)
    per_late_minute = late_reads / late_minutes if late_minutes else None
    job_minutes = sum(max((ts(j["summaryEndedAt"]) or 0) - (ts(j["startedAt"]) or ts(j["createdAt"])), 0) for j in jobs) / 60
    steps = run.get("steps", [])
    step_rows, gap_rows = [], []
    for s in steps:
        a, b = ts(s.get("startedAt")), ts(s.get("finishedAt"))
        if a is None or b is None:
            continue
        simulated = union(clip(ops, a, b))
        step_rows.append(f"| {s['phase']} | {s['name']} | {b - a:.2f} | {simulated:.2f} | {b - a - simulated:.2f} |")
        if b - a - simulated > 1:
            gap_rows.append(step_gaps(s, a, b, jobs))
    text = "\n".join([
        f"Machine: {machine_line(info)}.", "",
        "Simulator settings (simulated seconds, time scale 1): " + ", ".join(f"`{k}` {v}" for k, v in SETTINGS.items()) + ".", "",
        "| measure | value |", "|---|---:|",
        f"| migration wall time (POST /api/migrations to Completed) | {t1 - t0:.1f} s |",
        f"| approval handling excluded ({approvals} votes, harness polls every {POLL * 1000:.0f} ms) | {approval_time:.2f} s |",
        f"| wall time without approvals | {wall:.1f} s |",
        f"| critical path of the simulated operations (union of job, installer, manager start-up and live-migration pause intervals) | {critical:.1f} s |",
        f"| **ratio to the floor** (target <= 1.03x) | **{wall / critical:.3f}x** |",
        f"| overhead | {wall - critical:.1f} s |",
        f"| host CPU during the migration | {cpu1 - cpu0:.1f} s |",
        f"| WS-API jobs (top level) | {len(jobs)} |",
        f"| WS-API requests, all | {total_requests} |",
        f"| WS-API requests per job | {total_requests / max(len(jobs), 1):.1f} |",
        f"| job reads (GET /Job/{{id}}) per job | {job_reads / max(len(jobs), 1):.1f} |",
        f"| WS-API requests per job-minute ({job_minutes:.1f} job-minutes) | {total_requests / job_minutes:.1f} |" if job_minutes else "| job-minutes | 0 |",
        f"| job reads per job-minute after a job's first 10 s (target <= 2) | {per_late_minute:.1f} |" if per_late_minute is not None else "| job reads per job-minute after 10 s | no job longer than 10 s |",
        f"| largest polling lag (job end to the read that saw it; target <= 1 s) | {lags[0][0]:.2f} s ({lags[0][1]}, {lags[0][2]:.0f} s job) |" if lags else "| polling lag | - |",
        f"| median polling lag | {median([l[0] for l in lags]):.2f} s |" if lags else "",
        f"| sum of job polling lags (time the host had not yet seen a finished job) | {sum(l[0] for l in lags):.1f} s |",
        "",
        "Requests by call: " + ", ".join(f"`{k}` {v}" for k, v in stats["calls"].items()), "",
        "Job polling schedules compared (computed, not measured; a job that ends just after a read):", "", polling.table(), "",
        "Per step (a gate's wait for approval falls outside startedAt..finishedAt):", "",
        "| phase | step | wall s | simulated s | added s |", "|---:|---|---:|---:|---:|", *step_rows, "",
        "Where a step's added second go, job by job (steps adding more than 1 s): the step's start to its first job, each job's",
        "end to the read that saw it (polling lag), that read to the next job's creation (the host's own work between jobs),",
        "and the last job seen to the step's end:", "",
        "| phase | step | jobs | before the first job s | polling lag s | between jobs s (each) | after the last job s |",
        "|---:|---|---:|---:|---:|---|---:|", *gap_rows, "",
    ])
    print(text)
    write_result("orchestration", text)


if __name__ == "__main__":
    main()
