"""Helpers shared by the bench/ runners: processes, ports, CPU and RSS from /proc, machine facts, medians."""
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BENCH = os.path.join(ROOT, "bench")
CLK_TCK = os.sysconf("SC_CLK_TCK")
# BENCH_HOST_DLL: another build of the host to measure (a ReadyToRun publish, say); the Release build by default.
HOST_DLL = os.environ.get("BENCH_HOST_DLL") or os.path.join(ROOT, "src/OvmSelfHost/bin/Release/net10.0/OvmSelfHost.dll")
SIGNING_SECRET = "bench-signing-secret-0123456789abcdef"
_children = []


def log(*args):
    print(time.strftime("%H:%M:%S"), *args, flush=True)


def port_free(port):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def require_free(*ports):
    busy = [p for p in ports if not port_free(p)]
    if busy:
        sys.exit(f"ports in use: {busy}; set BENCH_PORT_BASE to another base")


def start(cmd, env=None, logfile=None, cwd=ROOT):
    full = dict(os.environ)
    full.update(env or {})
    out = open(logfile, "w") if logfile else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, env=full, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    _children.append(proc)
    return proc


def stop_all():
    for proc in reversed(_children):
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    _children.clear()


def http(method, url, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        text = resp.read().decode()
        return resp.status, (json.loads(text) if text and text[0] in "[{" else text)


def wait_http(url, timeout=60, proc=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            sys.exit(f"process for {url} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except Exception:
            pass
        time.sleep(0.05)
    sys.exit(f"{url} not healthy after {timeout}s")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime (fields 14 and 15)


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def wait_quiet(pid, below=0.05, window=0.5, limit=120):
    """Waits until the process uses less than `below` of a core over `window` seconds; returns the seconds waited."""
    started = time.time()
    while time.time() - started < limit:
        before = cpu_seconds(pid)
        time.sleep(window)
        if (cpu_seconds(pid) - before) / window < below:
            break
    return time.time() - started


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def machine():
    mem_kb = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    def out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
        except Exception:
            return "?"
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "nproc": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "kernel": platform.release(),
        "dotnet": out(["dotnet", "--version"]),
        "wrk": out(["sh", "-c", "wrk -v 2>&1 | head -1"]) if shutil.which("wrk") else "-",
        "commit": os.environ.get("BENCH_COMMIT") or out(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"]),
        "load_before": os.getloadavg()[0],
    }


def machine_line(m):
    return (f"{m['date']}; {m['nproc']} cores ({m['cpu']}), {m['memory_gib']} GiB; Linux {m['kernel']}; "
            f".NET SDK {m['dotnet']}; {m['wrk']}; commit {m['commit']}; load average at start {m['load_before']:.2f}")


def host_env(workdir, port_base, extra=None):
    env = {
        "ASPNETCORE_ENVIRONMENT": "Production",
        "Slack__SigningSecret": SIGNING_SECRET,
        "Slack__BotToken": "fake-bot-token-for-bench",
        "Slack__Channel": "C0BENCH01",
        "Slack__ApiBaseUrl": f"http://127.0.0.1:{port_base + 91}/",
        # response_url replies go to the fake Slack too: the host only posts to allowed prefixes.
        "Slack__ResponseUrlPrefixes__0": f"http://127.0.0.1:{port_base + 91}/response/",
        "Storage__Provider": "Sqlite",
        "Storage__ConnectionString": f"Data Source={os.path.join(workdir, 'host.db')}",
        "Simulator__PortOffset": str(port_base - 7000),
        # A fresh simulated world per run, kept with the run's files: the default path (data/) outlives the run, and the
        # next run would start from the migrated end state.
        "Simulator__StatePath": os.path.join(workdir, "simulator-world.jsonl"),
    }
    env.update(extra or {})
    env.update(bench_host_env())
    return env


def bench_host_env():
    """BENCH_HOST_ENV: extra settings for the host, "Key=value;Key=value" (e.g. log levels, to see where a step's time goes)."""
    return dict(kv.split("=", 1) for kv in os.environ.get("BENCH_HOST_ENV", "").split(";") if "=" in kv)


def write_result(name, text):
    folder = os.path.join(BENCH, "results")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{name}.md")
    with open(path, "w") as f:
        f.write(text)
    log(f"wrote {os.path.relpath(path, ROOT)}")
