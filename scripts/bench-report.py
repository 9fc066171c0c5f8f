#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the BENCH lines of "make bench" into a table, JSON and plots.

    bench-report.py RESULTS.jsonl OUT

RESULTS.jsonl has one object per workload per boot, with the kernel, the
mode and the round added by scripts/lab.sh.  Rounds are combined by their
median.  Every ratio is of medians over rounds, paired by round (the modes
of one round boot one after the other), with a 95% bootstrap confidence
interval (rounds resampled with replacement, 2000 times); a ratio whose
interval contains 1 is marked "~": the bench cannot tell it from no
difference.  Writes OUT.json (numbers, ratios, intervals), OUT.png and
OUT.svg (matplotlib), and prints the table and the paths.  All timings come
from TCG guests on a shared machine: compare rows of one invocation, never
absolute numbers.
"""
import json
import random
import statistics
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

BOOTSTRAP = 2000

MODES = ["modern", "per-net", "legacy"]
COLORS = {"modern": "#1b9e77", "per-net": "#7570b3", "legacy": "#d95f02"}
LOOPS = ["floor", "W1", "W2-P1", "W2-P2", "W2-P4", "W2-P8", "W2-P16", "W4-W1"]
TEARDOWNS = ["W3", "W4-W3"]
ORDER = LOOPS + TEARDOWNS + ["W5"]


def per_ns(r):
    """Milliseconds per namespace, and namespaces per second."""
    count = r["n"] if "n" in r else r["dying"]
    return r["ms"] / count, count / (r["ms"] / 1000.0)


def value(r, field):
    """A round's number: ms per namespace, or a W5 latency field."""
    return per_ns(r)[0] if field == "ms_per_ns" else r[field]


def ratio_ci(xs, ys):
    """median(xs) / median(ys) over paired rounds, with a 95% bootstrap
    interval (None with fewer than 3 rounds: too few to resample)."""
    est = statistics.median(xs) / statistics.median(ys)
    n = len(xs)
    if n < 3:
        return est, None, None
    rng = random.Random(1)
    boots = []
    for _ in range(BOOTSTRAP):
        idx = [rng.randrange(n) for _ in range(n)]
        boots.append(statistics.median(xs[i] for i in idx) /
                     statistics.median(ys[i] for i in idx))
    boots.sort()
    return est, boots[int(0.025 * BOOTSTRAP)], boots[int(0.975 * BOOTSTRAP) - 1]


def main():
    src, out = sys.argv[1], sys.argv[2]
    runs = defaultdict(list)
    with open(src) as f:
        for line in f:
            line = line.strip()
            if line:
                r = json.loads(line)
                runs[(r["kernel"], r["mode"], r["workload"])].append(r)
    if not runs:
        print("bench-report: no results in", src)
        return 1

    rows = {}
    for key, rs in runs.items():
        row = {"rounds": len(rs), "ok": all(r.get("ok") for r in rs)}
        row["ms"] = statistics.median(r["ms"] for r in rs)
        row["min_ms_per_ns"] = min(per_ns(r)[0] for r in rs)
        row["max_ms_per_ns"] = max(per_ns(r)[0] for r in rs)
        if key[2] == "W5":
            for k in ("p50_ms", "p99_ms", "max_ms"):
                row[k] = statistics.median(r[k] for r in rs)
            row["ms_per_ns"], row["ns_per_s"] = per_ns(dict(rs[0], ms=row["ms"]))
        else:
            row["ms_per_ns"], row["ns_per_s"] = per_ns(dict(rs[0], ms=row["ms"]))
        rows[key] = row

    kernels = sorted({k for k, _, _ in rows}, key=lambda k: (k != "base", k))
    for (kernel, mode, wl), row in rows.items():
        legacy = rows.get((kernel, "legacy", wl))
        floor = rows.get((kernel, mode, "floor"))
        row["x_legacy"] = legacy["ms_per_ns"] / row["ms_per_ns"] if legacy else None
        row["x_floor"] = (row["ms_per_ns"] / floor["ms_per_ns"]
                          if floor and wl in LOOPS else None)

    def fmt(v, spec):
        return format(v, spec) if v is not None else "-"

    print()
    print(f"{'kernel':8} {'mode':8} {'workload':8} {'ms/ns':>9} {'ns/s':>8} "
          f"{'x legacy':>9} {'x floor':>8}  notes")
    for kernel in kernels:
        for wl in ORDER:
            for mode in MODES:
                row = rows.get((kernel, mode, wl))
                if not row:
                    continue
                notes = ""
                if wl == "W5":
                    notes = (f"creation latency p50 {row['p50_ms']:.1f} ms, "
                             f"p99 {row['p99_ms']:.1f} ms, max {row['max_ms']:.1f} ms")
                if not row["ok"]:
                    notes += " FAILED"
                print(f"{kernel:8} {mode:8} {wl:8} {row['ms_per_ns']:9.2f} "
                      f"{row['ns_per_s']:8.1f} {fmt(row['x_legacy'], '9.2f')} "
                      f"{fmt(row['x_floor'], '8.2f')}  {notes}")
        print()

    # The comparisons the seeds and the patches are about: (kernel, what,
    # workload of a, mode of a, workload of b, mode of b, field).
    def paired(kernel, wa, ma, wb, mb, field):
        ra = {r["round"]: value(r, field) for r in runs.get((kernel, ma, wa), [])}
        rb = {r["round"]: value(r, field) for r in runs.get((kernel, mb, wb), [])}
        both = sorted(set(ra) & set(rb))
        return [ra[i] for i in both], [rb[i] for i in both]

    comparisons = []
    for kernel in kernels:
        # W2 at its most parallel: as many loops as the guest has vCPUs.
        w2 = max((w for k, _, w in rows if k == kernel and w.startswith("W2-P")),
                 key=lambda w: int(w[4:]), default="W2-P1")
        comparisons += [
            (kernel, "W1 legacy / modern (seed: 5.8x)", "W1", "legacy", "W1", "modern", "ms_per_ns"),
            (kernel, f"W2 P={w2[4:]} legacy / modern", w2, "legacy", w2, "modern", "ms_per_ns"),
            (kernel, "W5 p99 creation latency legacy / modern", "W5", "legacy", "W5", "modern", "p99_ms"),
            (kernel, "W3 per-net / batched unhash", "W3", "per-net", "W3", "modern", "ms_per_ns"),
            (kernel, "W1 with rust_netns / without", "W4-W1", "modern", "W1", "modern", "ms_per_ns"),
            (kernel, "W3 with rust_netns peer ids / without", "W4-W3", "modern", "W3", "modern", "ms_per_ns"),
        ]
    summary = []
    for kernel, what, wa, ma, wb, mb, field in comparisons:
        xs, ys = paired(kernel, wa, ma, wb, mb, field)
        if not xs:
            continue
        est, lo, hi = ratio_ci(xs, ys)
        summary.append(dict(kernel=kernel, what=what, ratio=est, lo=lo, hi=hi, rounds=len(xs),
                            unresolved=lo is None or lo <= 1.0 <= hi))
    print(f"{'kernel':8} {'ratio':45} {'median':>7}  95% CI            rounds")
    for c in summary:
        ci = f"[{c['lo']:.2f}, {c['hi']:.2f}]" if c["lo"] is not None else "(too few rounds)"
        mark = " ~" if c["unresolved"] else ""
        print(f"{c['kernel']:8} {c['what']:45} {c['ratio']:7.2f}  {ci:17} {c['rounds']}{mark}")
    print("~: the interval contains 1 (or cannot be estimated): not told apart from no difference")
    for c in summary:
        if c["what"] == "W1 with rust_netns / without" and c["lo"] is not None:
            print(f"{c['kernel']}: smallest W1 module overhead this run resolves: about "
                  f"{(c['hi'] - c['lo']) / 2 * 100:.0f}% (half the 95% interval)")

    with open(out + ".json", "w") as f:
        json.dump({"rows": [dict(kernel=k, mode=m, workload=w, **r)
                            for (k, m, w), r in sorted(rows.items())],
                   "summary": summary},
                  f, indent=1)
    plot(out, rows, kernels, summary)
    print(f"\nJSON: {out}.json\nplots: {out}.png {out}.svg")
    return 0 if all(r["ok"] for r in rows.values()) else 1


def plot(out, rows, kernels, summary):
    """Per kernel, ms per namespace of each workload and mode (bars, with the
    range over rounds); and every ratio with its 95% interval (whiskers)."""
    wls = [w for w in LOOPS + TEARDOWNS if any((k, m, w) in rows for k in kernels for m in MODES)]
    fig, axes = plt.subplots(len(kernels) + 1, 1, figsize=(11, 3.6 * (len(kernels) + 1)),
                             squeeze=False)
    width = 0.8 / len(MODES)
    for ax, kernel in zip(axes[:-1, 0], kernels):
        for k, m in enumerate(MODES):
            xs, ys, errs = [], [], [[], []]
            for j, w in enumerate(wls):
                r = rows.get((kernel, m, w))
                if not r:
                    continue
                xs.append(j + (k - (len(MODES) - 1) / 2) * width)
                ys.append(r["ms_per_ns"])
                errs[0].append(r["ms_per_ns"] - r["min_ms_per_ns"])
                errs[1].append(r["max_ms_per_ns"] - r["ms_per_ns"])
            if xs:
                ax.bar(xs, ys, width, yerr=errs, capsize=2, color=COLORS[m], label=m)
        ax.set_xticks(range(len(wls)), wls)
        ax.set_ylabel("ms per namespace")
        ax.set_title(f"kernel {kernel}: median over rounds, whiskers min-max (TCG; lower is better)")
        ax.legend(fontsize=8)
    ax = axes[-1, 0]
    labels = [f"{c['kernel']}: {c['what']}" for c in summary]
    ys = [c["ratio"] for c in summary]
    errs = [[c["ratio"] - c["lo"] if c["lo"] is not None else 0 for c in summary],
            [c["hi"] - c["ratio"] if c["hi"] is not None else 0 for c in summary]]
    colors = ["#999999" if c["unresolved"] else "#1b9e77" for c in summary]
    ax.barh(range(len(ys)), ys, xerr=errs, capsize=3, color=colors)
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.set_yticks(range(len(ys)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("ratio of medians, 95% bootstrap interval (grey: contains 1)")
    fig.tight_layout()
    fig.savefig(out + ".png", dpi=110)
    fig.savefig(out + ".svg")
    plt.close(fig)


if __name__ == "__main__":
    sys.exit(main())
