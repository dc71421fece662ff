"""Console traffic: the bytes the web console costs per change and per migration, for each of several
migrations run one after another (so the history grows), doing what js/console.js does on each
server-sent `changed` event:

- the shown run's event is newer than what the page shows: GET its detail (after the first, without the steps'
  fixed texts); its proposals only when a gate opened or closed or a vote was cast; the state picture only when
  the state changed;
- another run's event: nothing fetched (its list entry is patched from the event), unless the page has never
  seen that run: then the newest page of summaries (GET /api/migrations?limit=50).

Bytes are counted as they cross the wire, compressed as a browser asks for them (gzip here; Chromium gets
Brotli, which is smaller), plus the event stream's own bytes. For comparison, the last column is what the page
cost per change before issue 15 (every run in full from /api/migrations, plus detail, proposals and picture,
uncompressed), computed from the same runs."""
import atexit
import gzip
import json
import os
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))
from benchlib import *  # noqa: E402,F403

BASE = int(os.environ.get("BENCH_PORT_BASE", "20600"))
HOST_PORT = BASE + 80
MIGRATIONS = int(os.environ.get("BENCH_MIGRATIONS", "4"))
HOST = os.environ.get("BENCH_HOST_DLL", HOST_DLL)
FAST = {"timeScale": 1, "jobSeconds": 0.2, "discoverySeconds": 1, "refreshSeconds": 1, "installerSeconds": 2,
        "managerStartupSeconds": 1, "requestLatencyMs": 0}
ENDED = ("Completed", "Failed", "Aborted", "RolledBack", "Rejected")


def fetch(url, compressed=True):
    """(bytes on the wire, parsed body)."""
    req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if compressed else {})
    with urllib.request.urlopen(req, timeout=30) as resp:
        raw = resp.read()
        body = gzip.decompress(raw) if resp.headers.get("Content-Encoding") == "gzip" else raw
        try:
            return len(raw), json.loads(body)
        except ValueError:
            return len(raw), body.decode()


def proposals_mark(m):
    return (m["state"], m["pendingGate"], m["gateRound"], m["phase"], sum(len(s["approval"]["votes"]) for s in m["steps"]))


class Console:
    """Listens to /api/events like the page and fetches what the page fetches."""

    def __init__(self, api):
        self.api, self.lock = api, threading.Lock()
        self.shown, self.known = None, set()
        self.reset(None)
        threading.Thread(target=self.listen, daemon=True).start()

    def reset(self, selected):
        with self.lock:
            self.selected, self.shown = selected, None
            self.changes = self.fetched = self.event_bytes = self.largest = self.old = self.gets = 0

    def listen(self):
        try:
            self.read_events()
        except OSError:  # the host was stopped after its migration
            pass

    def read_events(self):
        with urllib.request.urlopen(f"{self.api}/api/events", timeout=3600) as stream:
            kind = None
            for raw in stream:
                line = raw.decode().rstrip("\n")
                with self.lock:
                    self.event_bytes += len(raw)
                if line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: ") and kind == "changed":
                    self.on_change(json.loads(line[6:]))

    def on_change(self, event):
        with self.lock:
            total, gets, old = 0, 0, 0
            rid = event["migrationId"]
            if rid == self.selected:
                if self.shown is None or event["version"] > self.shown["version"]:
                    # The first fetch of a run is whole; later ones leave out the steps' fixed texts (?texts=none).
                    n, run = fetch(f"{self.api}/api/migrations/{rid}{'' if self.shown is None else '?texts=none'}")
                    total, gets = total + n, gets + 1
                    if self.shown is None or proposals_mark(self.shown) != proposals_mark(run):
                        total, gets = total + fetch(f"{self.api}/api/migrations/{rid}/proposals")[0], gets + 1
                    if self.shown is None or self.shown["state"] != run["state"]:
                        total, gets = total + fetch(f"{self.api}/api/migrations/{rid}/graph")[0], gets + 1
                    self.shown = run
                # Before: the whole list in full, the detail, the proposals and the picture, on every change.
                old = sum(fetch(f"{self.api}/api/migrations/{r['id']}", compressed=False)[0]
                          for r in fetch(f"{self.api}/api/migrations?limit=500")[1])
                old += sum(fetch(f"{self.api}/api/migrations/{rid}{tail}", compressed=False)[0] for tail in ("", "/proposals", "/graph"))
            elif rid not in self.known:
                total, gets = total + fetch(f"{self.api}/api/migrations?limit=50")[0], gets + 1
            self.known.add(rid)
            self.changes += 1
            self.gets += gets
            self.fetched += total
            self.old += old
            self.largest = max(self.largest, total)


def migrate(api, console):
    _, run = http("POST", f"{api}/api/migrations", {"environments": ["A", "B"], "requestedBy": "alice"})
    rid = run["id"]
    console.reset(rid)
    deadline = time.time() + 900
    while time.time() < deadline:
        _, run = http("GET", f"{api}/api/migrations/{rid}")
        if run["state"] in ENDED:
            break
        if run["state"] in ("AwaitingApproval", "AwaitingAcknowledgement"):
            for user in ("bob", "carol"):
                try:
                    http("POST", f"{api}/api/migrations/{rid}/decisions", {"user": user, "decision": "approve", "gate": run["pendingGate"]})
                except Exception:  # the gate closed after one vote, or the second is refused: the next read shows it
                    pass
        time.sleep(0.2)
    time.sleep(1.5)  # the last events and their fetches
    with console.lock:
        return run["state"], dict(changes=console.changes, gets=console.gets, fetched=console.fetched,
                                  events=console.event_bytes, largest=console.largest, old=console.old)


def start_host(work, i):
    """A host on the same database (the history grows) with a fresh simulated world (after a migration A and B are migrated)."""
    env = {k: v for k, v in host_env(work, BASE).items() if not k.startswith("Slack__")}
    env["Simulator__StatePath"] = os.path.join(work, f"simulator-{i}.json")
    host = start(["dotnet", HOST, "--urls", f"http://127.0.0.1:{HOST_PORT}"], env=env, logfile=os.path.join(work, f"host-{i}.log"))
    wait_http(f"http://127.0.0.1:{HOST_PORT}/healthz", proc=host, timeout=180)
    http("PUT", f"http://127.0.0.1:{BASE}/sim/settings", FAST)
    return host


def main():
    require_free(HOST_PORT, BASE)
    atexit.register(stop_all)
    work = tempfile.mkdtemp(prefix="ovm-bench-console-")
    info = machine()
    log("machine:", machine_line(info))
    api = f"http://127.0.0.1:{HOST_PORT}"
    rows = []
    for i in range(1, MIGRATIONS + 1):
        host = start_host(work, i)
        console = Console(api)
        time.sleep(0.5)  # the event stream is open before the run starts
        state, m = migrate(api, console)
        log(f"migration {i}: {state}, {m}")
        if state != "Completed":
            sys.exit(f"migration {i} ended {state}: see {work}/host-{i}.log")
        host.terminate()
        host.wait(timeout=60)
        changes = max(m["changes"], 1)
        rows.append(f"| {i} | {i - 1} | {m['changes']} | {m['gets'] / changes:.2f} | {m['fetched'] / changes / 1024:.1f} KB | "
                    f"{(m['fetched'] + m['events']) / changes / 1024:.1f} KB | {m['largest'] / 1024:.1f} KB | "
                    f"{(m['fetched'] + m['events']) / 1024:.0f} KB | {m['old'] / changes / 1024:.1f} KB |")
    text = "\n".join([
        f"Machine: {machine_line(info)}.", "",
        __doc__.strip(), "",
        "| migration | runs before it | changes | GETs per change | fetched per change | with events, per change | largest change | per migration (fetches + events) | before: per change |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|", *rows, "",
    ])
    print(text)
    write_result("console", text)


if __name__ == "__main__":
    main()
