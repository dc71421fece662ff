"""What a job-polling schedule costs: lag after a job ends and reads per job-minute after its first 10 s.
Used by bench/orchestration.py to put the host's schedule (src/OvmSelfHost.Ovm/WsApi/JobPolling.cs) beside alternatives."""


def doubling(first, cap):
    def times(limit):
        t, delay = 0.0, first
        while t <= limit:
            yield t
            t += delay
            delay = min(delay * 2, cap)
    return times


def phased(early, early_until, late):
    def times(limit):
        t = 0.0
        while t <= limit:
            yield t
            t += early if t < early_until else late
    return times


def hinted(early, early_until, expected, after):
    """Fast early, then one read at the expected end (a duration estimate per operation kind), then every `after` s."""
    def times(limit):
        t = 0.0
        while t <= limit:
            yield t
            if t < early_until:
                t += early
            elif t < expected:
                t = max(expected, t + early)
            else:
                t += after
    return times


SCHEDULES = {
    "host today: 0.5 s doubling to 30 s": lambda d: doubling(0.5, 30),
    "every 1 s for 10 s, then every 30 s": lambda d: phased(1.0, 10, 30),
    "every 1 s": lambda d: phased(1.0, 10, 1.0),
    "1 s for 10 s, then at the expected end, then every 1 s (exact estimate)": lambda d: hinted(1.0, 10, d, 1.0),
    "the same with an estimate 20 % short": lambda d: hinted(1.0, 10, 0.8 * d, 1.0),
}


def cost(schedule, duration):
    duration += 0.01  # the job ends just after a read: the usual, not the lucky, case
    polls = list(schedule(duration + 3600))
    seen = next(t for t in polls if t >= duration)
    late = [t for t in polls if 10 < t <= seen]
    per_minute = len(late) / ((duration - 10) / 60) if duration > 10 else None
    return seen - duration, len([t for t in polls if t <= seen]), per_minute


def table(durations=(2, 8, 20, 40, 60, 300, 1200)):
    lines = ["| schedule | " + " | ".join(f"{d} s job" for d in durations) + " |", "|---|" + "---:|" * len(durations)]
    for name, make in SCHEDULES.items():
        cells = []
        for d in durations:
            lag, reads, per_minute = cost(make(d), d)
            cells.append(f"lag {lag:.1f} s, {reads} reads" + (f", {per_minute:.1f}/min after 10 s" if per_minute is not None else ""))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
