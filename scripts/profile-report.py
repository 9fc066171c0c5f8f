#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Which kernel functions run more often per dying namespace beside a large
crowd of idle namespaces than beside a small one.

    profile-report.py PROFILE.txt [MIN_GROWTH]

PROFILE.txt has the "PROF W8<shape> <crowd> <mode> <dying> <function>
<hits> <us>" lines of "make bench BENCH_PROFILE=1": per W8 drop, the hits the
function profiler counted (all CPUs) while <dying> namespaces were torn
down (functions hit fewer times than that are left out).  Hit
counts, unlike times, are not disturbed by TCG.  For each shape, prints
the functions whose hits per dying namespace grow from the smallest crowd
to the largest by more than MIN_GROWTH (default 1.0, i.e. one call more
per namespace) and by more than 10%: each is a loop over something that
grows with the number of live namespaces, or a knock-on of one (the
teardown takes longer, so pollers and timers run more).

"PROF W3big <survivors> <mode> <dying> ..." lines (BENCH_GROUPS=unhash)
compare modes instead: the functions the series' teardown (holders) runs
more often per dying namespace than mainline's batched walk, and the
functions' own times (<us>, without their callees) per dying namespace in
each mode, largest first.  Those times are the profiler's under TCG: each
call also pays the profiler, so they rank functions within one boot and
are no figure to quote.
"""
import sys
from collections import defaultdict


def growth(a, na, b, nb, min_growth):
    """The functions called more often per namespace in b (over nb
    namespaces) than in a (over na), by more than min_growth calls and
    10%: (difference, function, a's rate, b's rate), largest first."""
    rows = []
    for func in set(a) | set(b):
        x, y = a.get(func, 0) / na, b.get(func, 0) / nb
        if y - x > min_growth and y > 1.1 * x:
            rows.append((y - x, func, x, y))
    return sorted(rows, reverse=True)


def print_growth(rows, most=40):
    for d, func, x, y in rows[:most]:
        print(f"  {func:44} {x:12.1f} -> {y:12.1f}  (+{d:.1f})")
    if not rows:
        print("  none")
    if len(rows) > most:
        print(f"  ... and {len(rows) - most} more")

def main():
    path = sys.argv[1]
    min_growth = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    hits = defaultdict(dict)  # (shape, mode) -> crowd -> {function: hits}
    times = defaultdict(dict)  # (shape, mode) -> crowd -> {function: us}
    dying = {}  # (shape, mode, crowd) -> namespaces torn down
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) not in (7, 8) or parts[0] != "PROF":
                continue
            _, shape, crowd, mode, n_dying, func, n = parts[:7]
            hits[shape, mode].setdefault(int(crowd), {})[func] = int(n)
            if len(parts) == 8:
                times[shape, mode].setdefault(int(crowd), {})[func] = float(parts[7])
            dying[shape, mode, int(crowd)] = int(n_dying)
    if not hits:
        print(f"profile-report: no PROF lines in {path}")
        return 1
    for (shape, mode), by_crowd in sorted(hits.items()):
        if shape.startswith("W3big"):
            continue
        crowds = sorted(by_crowd)
        lo, hi = crowds[0], crowds[-1]
        a, b = by_crowd[lo], by_crowd[hi]
        na, nb = dying[shape, mode, lo], dying[shape, mode, hi]
        print(f"{shape} {mode}: functions whose calls per dying namespace grow, "
              f"crowd {lo} -> {hi} ({na} and {nb} namespaces torn down):")
        print_growth(growth(a, na, b, nb, min_growth))
    modes = {mode: by_crowd for (shape, mode), by_crowd in hits.items()
             if shape.startswith("W3big")}
    if "holders" in modes and "batched" in modes:
        crowd = max(modes["holders"])
        a, b = modes["batched"][crowd], modes["holders"][crowd]
        na, nb = dying["W3big", "batched", crowd], dying["W3big", "holders", crowd]
        print(f"W3-big: functions the holders teardown calls more often than the "
              f"batched walk, per dying namespace ({crowd} survivors):")
        print_growth(growth(a, na, b, nb, min_growth))
    for mode in sorted(modes):
        crowd = max(modes[mode])
        t = times["W3big", mode].get(crowd)
        if not t:
            continue
        n = dying["W3big", mode, crowd]
        total = sum(t.values())
        print(f"W3-big {mode}: own time per dying namespace, largest first "
              f"(profiler's us under TCG; {total / n:.1f} in all):")
        for func, us in sorted(t.items(), key=lambda kv: -kv[1])[:25]:
            calls = modes[mode][crowd].get(func, 0) / n
            print(f"  {func:44} {us / n:10.1f} us  {calls:10.1f} calls")
    return 0


if __name__ == "__main__":
    sys.exit(main())
