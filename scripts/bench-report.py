#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the BENCH lines of "make bench" into a table, JSON and an SVG plot.

    bench-report.py RESULTS.jsonl OUT

RESULTS.jsonl has one object per workload per boot, with the kernel, the
mode and the round added by scripts/lab.sh.  Rounds are combined by their
median.  Writes OUT.json (the combined numbers and ratios) and OUT.svg, and
prints the table and both paths.  All timings come from TCG guests on a
shared machine: compare rows of one invocation, never absolute numbers.
"""
import json
import statistics
import sys
from collections import defaultdict

MODES = ["modern", "per-net", "legacy"]
COLORS = {"modern": "#1b9e77", "per-net": "#7570b3", "legacy": "#d95f02"}
LOOPS = ["floor", "W1", "W2-P1", "W2-P2", "W2-P4", "W2-P8", "W2-P16", "W4-W1"]
TEARDOWNS = ["W3", "W4-W3"]
ORDER = LOOPS + TEARDOWNS + ["W5"]


def per_ns(r):
    """Milliseconds per namespace, and namespaces per second."""
    count = r["n"] if "n" in r else r["dying"]
    return r["ms"] / count, count / (r["ms"] / 1000.0)


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

    # The comparisons the seeds and the patches are about.
    summary = []
    for kernel in kernels:
        def ratio(a, b, wl, field="ms_per_ns"):
            ra, rb = rows.get((kernel, a, wl)), rows.get((kernel, b, wl))
            return ra[field] / rb[field] if ra and rb else None
        # W2 at its most parallel: as many loops as the guest has vCPUs.
        w2 = max((w for k, _, w in rows if k == kernel and w.startswith("W2-P")),
                 key=lambda w: int(w[4:]), default="W2-P1")
        for wl, field, what in [
            ("W1", "ms_per_ns", "W1 legacy / modern (seed: 5.8x)"),
            (w2, "ms_per_ns", f"W2 P={w2[4:]} legacy / modern"),
            ("W5", "p99_ms", "W5 p99 creation latency legacy / modern"),
            ("W3", "ms_per_ns", "W3 per-net / batched unhash"),
        ]:
            a, b = ("per-net", "modern") if wl == "W3" else ("legacy", "modern")
            summary.append((kernel, what, ratio(a, b, wl, field)))
        w1, w4 = rows.get((kernel, "modern", "W1")), rows.get((kernel, "modern", "W4-W1"))
        if w1 and w4:
            summary.append((kernel, "W1 with rust_netns / without", w4["ms_per_ns"] / w1["ms_per_ns"]))
        w3, w43 = rows.get((kernel, "modern", "W3")), rows.get((kernel, "modern", "W4-W3"))
        if w3 and w43:
            summary.append((kernel, "W3 with rust_netns peer ids / without",
                            w43["ms_per_ns"] / w3["ms_per_ns"]))
    for kernel, what, v in summary:
        print(f"{kernel:8} {what:45} {fmt(v, '.2f')}")

    with open(out + ".json", "w") as f:
        json.dump({"rows": [dict(kernel=k, mode=m, workload=w, **r)
                            for (k, m, w), r in sorted(rows.items())],
                   "summary": [dict(kernel=k, what=w, ratio=v) for k, w, v in summary]},
                  f, indent=1)
    write_svg(out + ".svg", rows, kernels)
    print(f"\nJSON: {out}.json\nplot: {out}.svg")
    return 0 if all(r["ok"] for r in rows.values()) else 1


def write_svg(path, rows, kernels):
    """Grouped bars: ms per namespace of each workload, per mode, per kernel."""
    wls = [w for w in LOOPS + TEARDOWNS if any((k, m, w) in rows for k in kernels for m in MODES)]
    bar, gap, left, top, height = 14, 22, 70, 40, 220
    group = bar * len(MODES) + gap
    width = left + group * len(wls) + 160
    panel = height + 80
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
           f'height="{top + panel * len(kernels)}" font-family="sans-serif" font-size="11">',
           f'<text x="{left}" y="18" font-size="14">rust_netns bench: ms per namespace '
           f'(lower is better; TCG, compare bars with each other)</text>']
    for i, kernel in enumerate(kernels):
        y0 = top + i * panel
        vals = [rows[(kernel, m, w)]["ms_per_ns"] for w in wls for m in MODES
                if (kernel, m, w) in rows]
        vmax = max(vals) if vals else 1
        svg.append(f'<text x="{left}" y="{y0 + 12}" font-size="13">kernel: {kernel}</text>')
        base_y = y0 + 20 + height
        svg.append(f'<line x1="{left}" y1="{base_y}" x2="{left + group * len(wls)}" '
                   f'y2="{base_y}" stroke="black"/>')
        for t in range(5):
            v = vmax * t / 4
            y = base_y - height * t / 4
            svg.append(f'<text x="{left - 6}" y="{y + 4}" text-anchor="end">{v:.1f}</text>')
            svg.append(f'<line x1="{left}" y1="{y}" x2="{left + group * len(wls)}" y2="{y}" '
                       f'stroke="#ddd"/>')
        for j, w in enumerate(wls):
            x0 = left + j * group + gap / 2
            for k, m in enumerate(MODES):
                r = rows.get((kernel, m, w))
                if not r:
                    continue
                h = height * r["ms_per_ns"] / vmax
                svg.append(f'<rect x="{x0 + k * bar}" y="{base_y - h:.1f}" width="{bar - 2}" '
                           f'height="{h:.1f}" fill="{COLORS[m]}"><title>{kernel} {m} {w}: '
                           f'{r["ms_per_ns"]:.2f} ms/ns</title></rect>')
            svg.append(f'<text x="{x0 + bar * len(MODES) / 2}" y="{base_y + 14}" '
                       f'text-anchor="middle">{w}</text>')
        for k, m in enumerate(MODES):
            lx = left + group * len(wls) + 20
            ly = y0 + 30 + k * 16
            svg.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{COLORS[m]}"/>')
            svg.append(f'<text x="{lx + 14}" y="{ly}">{m}</text>')
    svg.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    sys.exit(main())
