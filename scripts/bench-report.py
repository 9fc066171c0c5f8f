#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the BENCH lines of "make bench" into a table, JSON and plots.

    bench-report.py RESULTS.jsonl OUT

RESULTS.jsonl has one object per workload per boot, with the kernel, the
netns_locking mode and the round added by scripts/lab.sh; W6 and the big W3
also carry the netns_unhash mode they ran in (switched within the boot) and
what the kernel's nsid teardown did meanwhile (/sys/kernel/debug/netns/unhash).

Rounds are combined by their median.  Every ratio is of medians over rounds,
paired by round.  With at least 10 rounds it carries a 95% bootstrap
confidence interval (rounds resampled with replacement, 2000 times); with
fewer, a bootstrap says no more than the extremes, so the interval printed
is the min-max of the per-round ratios, and says so.  A ratio whose
interval contains 1, or that has a single round, is marked "~": the bench
cannot tell it from no difference.  W8 (the whole teardown, in four
shapes) pairs its rounds within one boot (w8_round).  Writes OUT.json (numbers, ratios, intervals),
OUT.png and OUT.svg (matplotlib), and prints the tables and the paths.  All
timings come from TCG guests on a shared machine: compare rows of one
invocation, never absolute numbers.
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

MODES = ["modern", "legacy"]
UNHASH = ["holders", "batched", "per-net"]
COLORS = {"modern": "#1b9e77", "legacy": "#d95f02",
          "holders": "#1b9e77", "batched": "#7570b3", "per-net": "#e7298a"}
LOOPS = ["floor", "W1", "W2-P1", "W2-P2", "W2-P4", "W2-P8", "W2-P16",
         "W4-W1", "W4-W1p"]
TEARDOWNS = ["W3", "W4-W3", "W4-W3p"]
ORDER = LOOPS + TEARDOWNS + ["W5"]


def cell(r):
    """The table row a result belongs to, within its kernel and mode."""
    if r["workload"] == "W8":
        return f"W8{r['shape']} M={r['crowd']} {r['unhash']}"
    if r["workload"] in ("W6", "W6n"):
        return f"{r['workload']} M={r['crowd']} {r['unhash']}"
    if r["workload"] == "W7":
        return f"W7 M={r['veths']}" + (" mainline" if r.get("code") == "mainline" else "")
    if r["workload"] == "mem":
        return f"mem {r['ids']} ids"
    if r["workload"] == "W3-big":
        return f"W3-big {r['unhash']}"
    return r["workload"]


def metric(r, field):
    """One round's number for FIELD:
    ms_per_ns   wall ms per namespace (loop: created; teardown: destroyed)
    unhash_us   µs of the kernel's nsid teardown per namespace torn down
    alone_us    unhash_us without the gathered entries' teardown: in the
                walk modes, the walk without the index's own teardown,
                which mainline does not have
    us_per_link µs per link of an RTM_GETLINK dump (W7)
    p99_ms ...  a W5 latency field"""
    if field == "us_per_link":
        return r["ms"] * 1e3 / max(r["dumps"] * r["links"], 1)
    if field == "ms_per_ns":
        return r["ms"] / (r["n"] if "n" in r else r["dying"])
    if field == "unhash_us":
        return r["unhash_ns"] / 1e3 / max(r["torn_down"], 1)
    if field == "alone_us":
        return (r["unhash_ns"] - r["gathered_ns"]) / 1e3 / max(r["torn_down"], 1)
    if field == "teardown_us":
        return r["phases_ns"]["total"] / 1e3 / max(r["torn_down"], 1)
    if field == "nsid_us":
        return r["phases_ns"]["nsid"] / 1e3 / max(r["torn_down"], 1)
    if field == "busy_ms":
        return r["busy_ms"] / max(r["torn_down"], 1)
    return r[field]


MIN_BOOTSTRAP_ROUNDS = 10


def ratio_ci(xs, ys):
    """median(xs) / median(ys) over paired rounds, with a 95% bootstrap
    interval from 10 rounds on; below that the min-max of the per-round
    ratios (None with one round)."""
    est = statistics.median(xs) / statistics.median(ys)
    n = len(xs)
    if n < 2:
        return est, None, None
    if n < MIN_BOOTSTRAP_ROUNDS:
        per = [x / y for x, y in zip(xs, ys)]
        return est, min(per), max(per)
    rng = random.Random(1)
    boots = []
    for _ in range(BOOTSTRAP):
        idx = [rng.randrange(n) for _ in range(n)]
        boots.append(statistics.median(xs[i] for i in idx) /
                     statistics.median(ys[i] for i in idx))
    boots.sort()
    return est, boots[int(0.025 * BOOTSTRAP)], boots[int(0.975 * BOOTSTRAP) - 1]


def summarize(rs, field):
    vals = [metric(r, field) for r in rs]
    return statistics.median(vals), min(vals), max(vals)


def main():
    src, out = sys.argv[1], sys.argv[2]
    runs = defaultdict(list)
    with open(src) as f:
        for line in f:
            line = line.strip()
            if line:
                r = json.loads(line)
                runs[(r["kernel"], r["mode"], cell(r))].append(r)
    if not runs:
        print("bench-report: no results in", src)
        return 1

    kernels = sorted({k for k, _, _ in runs}, key=lambda k: (k != "base", k))
    ok = all(r.get("ok") for rs in runs.values() for r in rs)

    # --- the seeds' workloads, per netns_locking mode ---------------------
    rows = {}
    print()
    print(f"{'kernel':7} {'mode':7} {'workload':9} {'ms/ns':>8} {'ns/s':>7} {'rounds':>6}  notes")
    for kernel in kernels:
        for wl in ORDER:
            for mode in MODES:
                rs = runs.get((kernel, mode, wl))
                if not rs:
                    continue
                med, lo, hi = summarize(rs, "ms_per_ns")
                row = dict(kernel=kernel, mode=mode, workload=wl, rounds=len(rs),
                           ms_per_ns=med, min_ms_per_ns=lo, max_ms_per_ns=hi,
                           ok=all(r.get("ok") for r in rs))
                notes = ""
                if wl == "W5":
                    for k in ("p50_ms", "p99_ms", "max_ms"):
                        row[k] = statistics.median(r[k] for r in rs)
                    notes = (f"creation latency p50 {row['p50_ms']:.1f} ms, "
                             f"p99 {row['p99_ms']:.1f} ms, max {row['max_ms']:.1f} ms")
                if "unhash_ns" in rs[0]:
                    row["unhash_us"] = summarize(rs, "unhash_us")[0]
                    notes += f" nsid teardown {row['unhash_us']:.1f} us/ns"
                if not row["ok"]:
                    notes += " FAILED"
                rows[(kernel, mode, wl)] = row
                print(f"{kernel:7} {mode:7} {wl:9} {med:8.2f} {1000 / med:7.1f} {len(rs):6}  {notes}")
        print()

    # --- W6 and the big W3, per netns_unhash mode -------------------------
    crowd = sorted({r["crowd"] for (k, m, c), rs in runs.items() if c.startswith("W6")
                    for r in rs})
    urows = {}
    if crowd or any(c.startswith("W3-big") for _, _, c in runs):
        print(f"{'kernel':7} {'workload':22} {'teardown us/ns':>14} {'min-max':>15} "
              f"{'visited/batch':>13} {'ns/batch':>8} {'loop ms/ns':>10} {'rounds':>6}")
        for kernel in kernels:
            names = [f"{w} M={m} {u}" for w in ("W6", "W6n") for m in crowd for u in UNHASH] + \
                    [f"W3-big {u}" for u in UNHASH]
            for name in names:
                rs = runs.get((kernel, "modern", name))
                if not rs:
                    continue
                med, lo, hi = summarize(rs, "unhash_us")
                visited = statistics.median(r["visited"] / max(r["batches"], 1) for r in rs)
                per_batch = statistics.median(r["torn_down"] / max(r["batches"], 1) for r in rs)
                loop = summarize(rs, "ms_per_ns")[0]
                urows[(kernel, name)] = dict(kernel=kernel, cell=name, rounds=len(rs),
                                             unhash_us=med, min_unhash_us=lo, max_unhash_us=hi,
                                             visited_per_batch=visited,
                                             ns_per_batch=per_batch, ms_per_ns=loop)
                print(f"{kernel:7} {name:22} {med:14.2f} {f'{lo:.2f}-{hi:.2f}':>15} "
                      f"{visited:13.1f} {per_batch:8.1f} {loop:10.2f} {len(rs):6}")
        print("teardown us/ns: the kernel's nsid teardown (unhash + netns_ids destroyed) per "
              "namespace torn down;\nvisited/batch: netns_ids locked per cleanup batch; "
              "loop ms/ns: the churn's wall time, which does not see the cleanup;\n"
              "W6n: the churn is named here too, and dropped together\n")

    # --- W7, link dumps beside M veth peers elsewhere ---------------------
    veths = sorted({r["veths"] for (k, m, c), rs in runs.items() if c.startswith("W7 ")
                    for r in rs})
    lrows = {}
    if veths:
        print(f"{'kernel':7} {'workload':22} {'us/link':>9} {'min-max':>15} {'links':>6} {'rounds':>6}")
        for kernel in kernels:
            for m in veths:
                for code in ("", " mainline"):
                    rs = runs.get((kernel, "modern", f"W7 M={m}{code}"))
                    if not rs:
                        continue
                    med, lo, hi = summarize(rs, "us_per_link")
                    links = statistics.median(r["links"] for r in rs)
                    lrows[(kernel, m, code)] = dict(kernel=kernel, veths=m, links=links,
                                                    code=code.strip() or "series",
                                                    rounds=len(rs), us_per_link=med,
                                                    min_us_per_link=lo, max_us_per_link=hi)
                    print(f"{kernel:7} {f'W7 M={m}{code}':22} {med:9.2f} "
                          f"{f'{lo:.2f}-{hi:.2f}':>15} {links:6.0f} {len(rs):6}")
        print("us/link: an RTM_GETLINK dump here, per link; each veth end carries its peer's "
              "nsid,\nlooked up by peer (mainline: a scan of this namespace's netns_ids)\n")

    # --- W8, the whole teardown ------------------------------------------
    w8 = w8_table(runs, kernels)

    # --- memory per nsid -------------------------------------------------
    mrows = []
    for (kernel, mode, c), rs in sorted(runs.items()):
        if c.startswith("mem "):
            b = statistics.median(r["bytes_per_id"] for r in rs)
            mrows.append(dict(kernel=kernel, ids=rs[0]["ids"], bytes_per_id=b, rounds=len(rs)))
            print(f"{kernel:7} memory per nsid: {b:.0f} bytes of unreclaimable slab "
                  f"({rs[0]['ids']} ids in one namespace; median of {len(rs)} round(s))")
    if mrows:
        print("an id is an idr slot (its radix tree nodes) and a 64-byte holder-list entry\n")

    # --- ratios -----------------------------------------------------------
    def paired(kernel, a, b, field):
        # FIELD, or (field of a, field of b); alone_us only where the
        # kernel's counters have gathered_ns.
        fa, fb = field if isinstance(field, tuple) else (field, field)

        def key(r):
            return (r["round"], r.get("w8_round", 0))

        def has(r, f):
            return f != "alone_us" or "gathered_ns" in r
        ra = {key(r): metric(r, fa) for r in runs.get((kernel,) + a, []) if has(r, fa)}
        rb = {key(r): metric(r, fb) for r in runs.get((kernel,) + b, []) if has(r, fb)}
        both = sorted(set(ra) & set(rb))
        return [ra[i] for i in both], [rb[i] for i in both]

    comparisons = []
    for kernel in kernels:
        # W2 at its most parallel: as many loops as the guest has vCPUs.
        w2 = max((c for k, _, c in runs if k == kernel and c.startswith("W2-P")),
                 key=lambda w: int(w[4:]), default="W2-P1")
        L, M = ("legacy",), ("modern",)
        comparisons += [
            (kernel, "W1 legacy / modern (seed: 5.8x)", L + ("W1",), M + ("W1",), "ms_per_ns"),
            (kernel, f"W2 P={w2[4:]} legacy / modern", L + (w2,), M + (w2,), "ms_per_ns"),
            (kernel, "W3 legacy / modern", L + ("W3",), M + ("W3",), "ms_per_ns"),
            (kernel, "W5 p99 creation latency legacy / modern", L + ("W5",), M + ("W5",), "p99_ms"),
        ]
        for w in ("W6", "W6n"):
            for m in crowd:
                for u in ("batched", "per-net"):
                    comparisons.append((kernel, f"{w} M={m} teardown {u} / holders",
                                        M + (f"{w} M={m} {u}",), M + (f"{w} M={m} holders",),
                                        "unhash_us"))
            if len(crowd) > 1:
                for u in UNHASH:
                    comparisons.append((kernel, f"{w} {u} teardown M={crowd[-1]} / M={crowd[0]}",
                                        M + (f"{w} M={crowd[-1]} {u}",),
                                        M + (f"{w} M={crowd[0]} {u}",), "unhash_us"))
        # Per link against the smallest crowd with links to dump besides lo
        # (at M=0 the dump's fixed cost is all there is).
        base = [v for v in veths if v > 0][:1] or veths[:1]
        if base and veths[-1] != base[0]:
            for code in ("", " mainline"):
                comparisons.append((kernel, f"W7{code} us/link M={veths[-1]} / M={base[0]}",
                                    M + (f"W7 M={veths[-1]}{code}",),
                                    M + (f"W7 M={base[0]}{code}",), "us_per_link"))
        for v in veths:
            comparisons.append((kernel, f"W7 M={v} us/link mainline / series",
                                M + (f"W7 M={v} mainline",), M + (f"W7 M={v}",),
                                "us_per_link"))
        for u in ("batched", "per-net"):
            comparisons.append((kernel, f"W3-big teardown {u} / holders",
                                M + (f"W3-big {u}",), M + ("W3-big holders",), "unhash_us"))
            comparisons.append((kernel, f"W3-big wall {u} / holders",
                                M + (f"W3-big {u}",), M + ("W3-big holders",), "ms_per_ns"))
            # The walk as mainline runs it: without the index's teardown
            # (kernels whose counters have gathered_ns).
            comparisons.append((kernel, f"W3-big {u} without index / holders",
                                M + (f"W3-big {u}",), M + ("W3-big holders",),
                                ("alone_us", "unhash_us")))
        for shape in w8["shapes"]:
            sizes = w8["sizes"][shape]
            for u in W8_UNHASH:
                if len(sizes) > 1:
                    comparisons.append((kernel, f"W8{shape} {u} teardown M={sizes[-1]} / M={sizes[0]}",
                                        M + (f"W8{shape} M={sizes[-1]} {u}",),
                                        M + (f"W8{shape} M={sizes[0]} {u}",), "teardown_us"))
            for m in sizes:
                comparisons.append((kernel, f"W8{shape} M={m} teardown mainline / series",
                                    M + (f"W8{shape} M={m} mainline",),
                                    M + (f"W8{shape} M={m} series",), "teardown_us"))
        comparisons += [
            (kernel, "W1 with rust_netns / without", M + ("W4-W1",), M + ("W1",), "ms_per_ns"),
            (kernel, "W1 with rust_netns peer ids / without", M + ("W4-W1p",), M + ("W1",), "ms_per_ns"),
            (kernel, "W3 with rust_netns / without", M + ("W4-W3",), M + ("W3",), "ms_per_ns"),
            (kernel, "W3 with rust_netns peer ids / without", M + ("W4-W3p",), M + ("W3",), "ms_per_ns"),
        ]
    summary = []
    for kernel, what, a, b, field in comparisons:
        xs, ys = paired(kernel, a, b, field)
        if not xs:
            continue
        est, lo, hi = ratio_ci(xs, ys)
        summary.append(dict(kernel=kernel, what=what, ratio=est, lo=lo, hi=hi, rounds=len(xs),
                            unresolved=lo is None or lo <= 1.0 <= hi))
    print(f"{'kernel':7} {'ratio':45} {'median':>8}  {'interval':27} rounds")
    for c in summary:
        kind = "95% CI" if c["rounds"] >= MIN_BOOTSTRAP_ROUNDS else "min-max"
        ci = f"{kind} [{c['lo']:.3g}, {c['hi']:.3g}]" if c["lo"] is not None else "(one round)"
        c["interval"] = kind
        mark = " ~" if c["unresolved"] else ""
        print(f"{c['kernel']:7} {c['what']:45} {c['ratio']:8.3g}  {ci:27} {c['rounds']}{mark}")
    print(f"interval: a 95% bootstrap CI from {MIN_BOOTSTRAP_ROUNDS} paired rounds on, "
          "else the min-max of the per-round ratios")
    print("~: the interval contains 1 (or cannot be estimated): not told apart from no difference")
    for c in summary:
        if c["what"] == "W1 with rust_netns / without" and c["lo"] is not None:
            print(f"{c['kernel']}: smallest W1 module overhead this run resolves: about "
                  f"{(c['hi'] - c['lo']) / 2 * 100:.0f}% (half the 95% interval)")
        w = c["what"].split()[0]
        if w in ("W6", "W6n") and " holders teardown M=" in c["what"] and c["lo"] is not None:
            within = 0.9 <= c["ratio"] <= 1.1
            print(f"{c['kernel']}: {w} holders teardown at M={crowd[-1]} vs M={crowd[0]}: median ratio "
                  f"{c['ratio']:.3f} ({'within' if within else 'NOT within'} 10%), "
                  f"{c['interval']} [{c['lo']:.3f}, {c['hi']:.3f}]")

    with open(out + ".json", "w") as f:
        json.dump({"rows": list(rows.values()), "unhash_rows": list(urows.values()),
                   "link_rows": list(lrows.values()), "mem_rows": mrows,
                   "teardown_rows": w8["rows"],
                   "crowd": crowd, "veths": veths,
                   "summary": summary}, f, indent=1)
    plot(out, rows, urows, kernels, crowd, summary)
    print(f"\nJSON: {out}.json\nplots: {out}.png {out}.svg")
    return 0 if ok else 1


W8_UNHASH = ["series", "mainline"]
W8_SHAPES = {"a": "loopback only", "b": "container host (veth, IPv6)",
             "c": "b + ip monitor all-nsid", "d": "b, one namespace per batch"}


def w8_table(runs, kernels):
    """Print W8: per shape, crowd and netns_unhash mode, the whole teardown
    per dying namespace (cleanup_net()'s time from the kernel's clock,
    divided by the namespaces it tore down), its nsid part and share, the
    batches, and the guest's busy CPU per namespace; then, per shape and
    mode, the phases and pernet_operations whose time per namespace grew
    the most from the smallest crowd to the largest."""
    cells = defaultdict(list)
    for (kernel, mode, c), rs in runs.items():
        if c.startswith("W8"):
            cells[kernel, c] = rs
    shapes = sorted({rs[0]["shape"] for rs in cells.values()})
    sizes = {s: sorted({rs[0]["crowd"] for rs in cells.values() if rs[0]["shape"] == s})
             for s in shapes}
    rows = []
    if not cells:
        return dict(rows=rows, shapes=shapes, sizes=sizes)
    print(f"{'kernel':7} {'W8':4} {'M':>5} {'code':8} {'teardown us/ns':>14} {'min-max':>15} "
          f"{'nsid us/ns':>10} {'nsid %':>6} {'batches':>7} {'busy ms/ns':>10} {'rounds':>6}")
    for kernel in kernels:
        for shape in shapes:
            for m in sizes[shape]:
                for u in W8_UNHASH:
                    rs = cells.get((kernel, f"W8{shape} M={m} {u}"))
                    if not rs:
                        continue
                    med, lo, hi = summarize(rs, "teardown_us")
                    nsid = summarize(rs, "nsid_us")[0]
                    share = statistics.median(r["phases_ns"]["nsid"] / max(r["phases_ns"]["total"], 1)
                                              for r in rs)
                    batches = statistics.median(r["batches"] for r in rs)
                    busy = summarize(rs, "busy_ms")[0]
                    rows.append(dict(kernel=kernel, shape=shape, crowd=m, unhash=u, rounds=len(rs),
                                     teardown_us=med, min_teardown_us=lo, max_teardown_us=hi,
                                     nsid_us=nsid, nsid_share=share, batches=batches,
                                     busy_ms_per_ns=busy, dying=rs[0]["dying"]))
                    print(f"{kernel:7} {shape:4} {m:5} {u:8} {med:14.1f} {f'{lo:.1f}-{hi:.1f}':>15} "
                          f"{nsid:10.2f} {share * 100:6.2f} {batches:7.0f} {busy:10.2f} {len(rs):6}")
    print("W8 shapes: " + "; ".join(f"{s}: {W8_SHAPES.get(s, s)}" for s in shapes))
    print("teardown us/ns: cleanup_net() from its first lock to its last free, per namespace torn\n"
          "down (kernel clock; RCU waits included); nsid: its nsid part; batches: cleanup_net()\n"
          "runs the figure spans (median); busy ms/ns: guest CPU not idle, per namespace\n")

    def per_ns(rs, get):
        return statistics.median(get(r) / max(r["torn_down"], 1) / 1e3 for r in rs)

    for kernel in kernels:
        for shape in shapes:
            if len(sizes[shape]) < 2:
                continue
            lo_m, hi_m = sizes[shape][0], sizes[shape][-1]
            for u in W8_UNHASH:
                a = cells.get((kernel, f"W8{shape} M={lo_m} {u}"))
                b = cells.get((kernel, f"W8{shape} M={hi_m} {u}"))
                if not a or not b:
                    continue
                grow = []
                for ph in b[0]["phases_ns"]:
                    if ph == "total":
                        continue
                    x = per_ns(a, lambda r: r["phases_ns"].get(ph, 0))
                    y = per_ns(b, lambda r: r["phases_ns"].get(ph, 0))
                    grow.append((y - x, f"phase {ph}", x, y))
                names = set(b[0]["ops_ns"]) | set(a[0]["ops_ns"])
                for op in names:
                    x = per_ns(a, lambda r: sum(r["ops_ns"].get(op, [0])))
                    y = per_ns(b, lambda r: sum(r["ops_ns"].get(op, [0])))
                    grow.append((y - x, f"ops {op}", x, y))
                grow.sort(reverse=True)
                print(f"{kernel} W8{shape} {u}: what grew most per namespace, M={lo_m} -> M={hi_m} (us):")
                for d, what, x, y in grow[:6]:
                    print(f"  {what:40} {x:10.1f} -> {y:10.1f}  (+{d:.1f})")
    print()
    return dict(rows=rows, shapes=shapes, sizes=sizes)


def plot(out, rows, urows, kernels, crowd, summary):
    """Per kernel, ms per namespace of each workload and mode (bars, with the
    range over rounds); W6's nsid teardown cost against the crowd size, one
    line per unhash mode; and every ratio with its 95% interval."""
    wls = [w for w in LOOPS + TEARDOWNS if any((k, m, w) in rows for k in kernels for m in MODES)]
    n = len(kernels) + (1 if crowd else 0) + 1
    fig, axes = plt.subplots(n, 1, figsize=(11, 3.8 * n + 0.15 * len(summary)), squeeze=False)
    axes = list(axes[:, 0])
    width = 0.8 / len(MODES)
    for kernel in kernels:
        ax = axes.pop(0)
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
    if crowd:
        ax = axes.pop(0)
        for u in UNHASH:
            pts = [(m, urows.get(("base", f"W6 M={m} {u}"))) for m in crowd]
            pts = [(m, r) for m, r in pts if r]
            if not pts:
                continue
            ax.errorbar([m for m, _ in pts], [r["unhash_us"] for _, r in pts],
                        yerr=[[r["unhash_us"] - r["min_unhash_us"] for _, r in pts],
                              [r["max_unhash_us"] - r["unhash_us"] for _, r in pts]],
                        marker="o", capsize=3, color=COLORS[u], label=u)
        ax.set_yscale("log")
        ax.set_xlabel("idle namespaces, each with an nsid in the initial one (M)")
        ax.set_ylabel("nsid teardown, us per namespace")
        ax.set_title("W6 (base): nsid teardown vs idle crowd, per netns_unhash mode "
                     "(median, min-max; log y)")
        ax.legend(fontsize=8)
    ax = axes.pop(0)
    labels = [f"{c['kernel']}: {c['what']}" for c in summary]
    ys = [c["ratio"] for c in summary]
    errs = [[c["ratio"] - c["lo"] if c["lo"] is not None else 0 for c in summary],
            [c["hi"] - c["ratio"] if c["hi"] is not None else 0 for c in summary]]
    colors = ["#999999" if c["unresolved"] else "#1b9e77" for c in summary]
    ax.barh(range(len(ys)), ys, xerr=errs, capsize=3, color=colors)
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.set_xscale("log")
    ax.set_yticks(range(len(ys)), labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("ratio of medians, 95% bootstrap interval (grey: contains 1; log scale)")
    fig.tight_layout()
    fig.savefig(out + ".png", dpi=100)
    fig.savefig(out + ".svg")
    plt.close(fig)


if __name__ == "__main__":
    sys.exit(main())
