#!/usr/bin/env python3
"""A lower bound on the nightly trace's cold starts for a given idle share (docs/scheduling.md, "Nightly").

Usage: python3 bench/nightly-bound.py [bench/traces/nightly.jsonl] [runner-minutes of static min_idle=0]

The bound is generous to the policy. The 02:00 batch is served for free. The policy knows, for every hour of the
trace, how many pushes will arrive and how large each matrix is, but not when a push arrives in that hour: the
generator draws that at random. Each warm runner j of an hour serves the j-th job of every push in that hour. It
idles the whole hour less half a minute (the boot of its replacement) per job it takes. The busiest runners are
bought first, until the idle minutes reach the share of the runner-minutes (the value of the last one bought is
printed: compare it with what `predictive` values its runners at). A job not served waits a cold start,
boot plus pickup, so it counts against "p95 <= boot time".

The second line also lets every job of a matrix that is queued at least a second after its first job take a runner
made when that first job was queued, for no idle minute. Such a job waits 29-30 s: less than the boot time by under
a second, although it did wait a cold start.
"""
import collections
import json
import sys
from datetime import datetime

trace = sys.argv[1] if len(sys.argv) > 1 else "bench/traces/nightly.jsonl"
# Busy runner-minutes (boot, pickup, job): the same for every policy, from `static:0`.
busy = float(sys.argv[2]) if len(sys.argv) > 2 else 423_939
with open(trace, encoding="utf-8") as lines:
    jobs = sorted(datetime.fromisoformat(r["queued"]) for r in map(json.loads, lines) if r.get("kind") == "job")


def in_batch(t):
    return 1.9 <= t.hour + t.minute / 60 < 2.2


def bound(share, followers_free):
    # Jobs within 2 s of the previous one belong to the same push (the generator queues a matrix within 2 s).
    pushes = collections.defaultdict(list)
    last = first = None
    for t in jobs:
        if in_batch(t):
            last = t
            continue
        hour = t.replace(minute=0, second=0, microsecond=0)
        if last is None or (t - last).total_seconds() > 2 or not pushes[hour]:
            pushes[hour].append(0)
            first = t
        if not followers_free or (t - first).total_seconds() < 1:
            pushes[hour][-1] += 1
        last = t
    runners = []
    for sizes in pushes.values():
        for j in range(1, max(sizes) + 1):
            taken = sum(1 for s in sizes if s >= j)
            idle = max(1e-9, 60 - 0.5 * taken)
            runners.append((taken / idle, idle, taken))
    runners.sort(reverse=True)
    cap = share / (1 - share) * busy
    spent = served = 0
    cutoff = None
    for value, idle, taken in runners:
        if spent + idle > cap:
            break
        spent += idle
        served += taken
        cutoff = value
    bound.cutoff = cutoff
    return sum(sum(s) for s in pushes.values()) - served


for share in (0.15, 0.20, 0.25):
    cold = bound(share, False)
    print(f"idle {share:.0%}: at least {cold} of {len(jobs)} jobs wait a cold start ({cold / len(jobs):.1%});"
          f" p95 <= boot needs at most {len(jobs) // 20}; the last runner bought takes {bound.cutoff:.3f} jobs per"
          f" idle minute")
cold = bound(0.15, True)
print(f"idle 15%, matrix followers >= 1 s after the first free: at least {cold} ({cold / len(jobs):.1%})")
low, high = 0.0, 0.9
while high - low > 0.001:
    mid = (low + high) / 2
    low, high = (mid, high) if bound(mid, False) > len(jobs) // 20 else (low, mid)
print(f"the least idle share that could keep 95 % of the jobs from a cold start: {high:.1%}")
