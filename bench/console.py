"""Console traffic: bytes the web console fetches per change and per migration, for the first migration and
after a history of several, doing exactly what the page does on each server-sent `changed` event (the list of
summaries, then the changed run's detail and proposals, and the state picture only when the state changed)."""
import atexit
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
HOST_PORT, FAKE_PORT = BASE + 80, BASE + 91
MIGRATIONS = int(os.environ.get("BENCH_MIGRATIONS", "4"))
FAST = {"timeScale": 1, "jobSeconds": 0.2, "discoverySeconds": 1, "refreshSeconds": 1, "installerSeconds": 2,
        "managerStartupSeconds": 1, "requestLatencyMs": 0}
ENDED = ("Completed", "Failed", "Aborted", "RolledBack", "Rejected")


def get_bytes(url):
    with urllib.request.urlopen(url, timeout=30) as resp:
        body = resp.read()
        return len(body), body


class Console:
    """Listens to /api/events like the page and refetches what the page refetches."""

    def __init__(self, api):
        self.api, self.selected, self.state = api, None, None
        self.changes, self.fetched, self.event_bytes, self.largest = 0, 0, 0, 0
        self.old_list = 0
        self.stop = False
        threading.Thread(target=self.listen, daemon=True).start()

    def listen(self):
        with urllib.request.urlopen(f"{self.api}/api/events", timeout=600) as stream:
            kind = None
            for raw in stream:
                if self.stop:
                    return
                line = raw.decode().rstrip("\n")
                self.event_bytes += len(raw)
                if line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: ") and kind == "changed":
                    data = json.loads(line[6:])
                    if self.selected and data.get("migrationId") == self.selected:
                        self.on_change()

    def on_change(self):
        total = 0
        n, body = get_bytes(f"{self.api}/api/migrations/{self.selected}")
        total += n
        run = json.loads(body)
        total += get_bytes(f"{self.api}/api/migrations/{self.selected}/proposals")[0]
        if run["state"] != self.state:
            total += get_bytes(f"{self.api}/api/migrations/{self.selected}/graph")[0]
            self.state = run["state"]
        # What the list cost before (every run in full, on every change); the page now patches its entry instead.
        summaries = json.loads(get_bytes(f"{self.api}/api/migrations")[1])
        self.old_list += sum(get_bytes(f"{self.api}/api/migrations/{s['id']}")[0] for s in summaries)
        self.changes += 1
        self.fetched += total
        self.largest = max(self.largest, total)


def migrate(api, console):
    _, run = http("POST", f"{api}/api/migrations", {"environments": ["A", "B"], "requestedBy": "alice"})
    rid = run["id"]
    console.selected, console.state = rid, None
    console.changes = console.fetched = console.event_bytes = console.largest = console.old_list = 0
    deadline = time.time() + 600
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
        time.sleep(0.1)
    time.sleep(1.0)  # the last events and their fetches
    return run["state"], dict(changes=console.changes, fetched=console.fetched, events=console.event_bytes,
                              largest=console.largest, old_list=console.old_list)


def main():
    require_free(HOST_PORT, FAKE_PORT, BASE)
    atexit.register(stop_all)
    work = tempfile.mkdtemp(prefix="ovm-bench-console-")
    info = machine()
    log("machine:", machine_line(info))
    fake = start(["dotnet", os.path.join(BENCH, "FakeSlack/bin/Release/net10.0/FakeSlack.dll"), "--urls", f"http://127.0.0.1:{FAKE_PORT}"],
                 logfile=os.path.join(work, "fake.log"))
    wait_http(f"http://127.0.0.1:{FAKE_PORT}/_stats", proc=fake)
    host = start(["dotnet", HOST_DLL, "--urls", f"http://127.0.0.1:{HOST_PORT}"], env=host_env(work, BASE), logfile=os.path.join(work, "host.log"))
    api, sim = f"http://127.0.0.1:{HOST_PORT}", f"http://127.0.0.1:{BASE}"
    wait_http(f"{api}/healthz", proc=host)
    http("PUT", f"{sim}/sim/settings", FAST)
    console = Console(api)
    rows = []
    for i in range(1, MIGRATIONS + 1):
        state, m = migrate(api, console)
        log(f"migration {i}: {state}, {m}")
        if state != "Completed":
            sys.exit(f"migration {i} ended {state}: see {work}/host.log")
        per = m["fetched"] / max(m["changes"], 1)
        rows.append(f"| {i} | {i - 1} | {m['changes']} | {per / 1024:.1f} KB | {m['largest'] / 1024:.1f} KB | "
                    f"{(m['fetched'] + m['events']) / 1024:.0f} KB | {m['old_list'] / max(m['changes'], 1) / 1024:.1f} KB |")
    console.stop = True
    text = "\n".join([
        f"Machine: {machine_line(info)}.", "",
        "Each row is one two-phase migration (simulator at fast settings, approved through the API), watched the way the "
        "console watches it: on each `changed` event of the selected run, the run's detail and proposals (its list entry is "
        "patched from the detail; the list of summaries is fetched only when another run changes), and the graph only when the state changed. The last column is what the list alone cost per change "
        "before it returned summaries (every run in full), computed from the same runs.", "",
        "| migration | runs before it | changes | bytes per change (mean) | largest change | bytes per migration (fetches + events) | old full list per change |",
        "|---:|---:|---:|---:|---:|---:|---:|", *rows, "",
    ])
    print(text)
    write_result("console", text)


if __name__ == "__main__":
    main()
