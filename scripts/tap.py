#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Judge a lab guest's console log.

    tap.py CONSOLE.log [--expect-splat REGEX]... [--lockdep-may-end]

The guest prints "rust-netns-lab: begin", then the kselftest runner's TAP
(one result per test, each test's own TAP nested under "# "), then
"rust-netns-lab: exit STATUS".  Kernel messages carry printk timestamps and
are interleaved on the same console.

Fails (exit 1) on: no begin/exit marker (crash or timeout), a missing TAP
plan at either level, a result count that does not match its plan, any
"not ok", a non-zero guest status, lockdep having switched itself off
(the guest reports debug_locks), or a kernel splat (WARNING, BUG, Oops,
panic, lockdep, KASAN, kmemleak, UBSAN, RCU stall, hung task, soft or hard
lockup) anywhere in a line of the console, the guest's dmesg dump at the
end included.  --expect-splat inverts the last check for one pattern: the run
fails unless a splat matching it was seen (used by tests that prove an
assertion fires).  It may be given once per expected report (the misuse
harness's report probes): each must be seen, and a splat matching none is
still a failure.  --lockdep-may-end accepts lockdep having switched itself
off when every splat seen was expected and one was (an expected lockdep
report switches it off; the misuse harness's guest side checks which module
did it).  Prints the leaf test cases' tally as its last line,
"N passed, N failed, N skipped".
"""
import argparse
import re
import sys

KMSG = re.compile(r"^\[\s*\d+\.\d+\]\s?(.*)$")
# Searched anywhere in a line, kernel message or not: a report can be glued
# to the end of a guest line, since both share the console.  Words must
# start where a word can ("DEBUG:" is no BUG).
SPLAT = re.compile(
    r"(?<![A-Za-z0-9_])"
    r"(WARNING:|BUG[: ]|kernel BUG at|Oops|Internal error:|Kernel panic"
    r"|general protection fault|Unable to handle kernel|INFO: possible"
    r"|INFO: trying to register|INFO: task .* blocked|INFO: rcu"
    r"|rcu: INFO:|UBSAN:|DEBUG_LOCKS_WARN_ON|list_(add|del) corruption"
    r"|KASAN:|kmemleak: .*suspected memory leak|soft lockup|hard LOCKUP)"
)
# Collections that are the kernel's own tests (selftests/net and
# filesystems/nsfs install them from the pinned tree): some print no TAP of
# their own, so the runner's result is their one case.
FOREIGN = ("net", "filesystems/nsfs")
PLAN = re.compile(r"^1\.\.(\d+)")
RESULT = re.compile(r"^(not ok|ok)\s+(\d+)\s*-?\s*([^#]*?)\s*(#\s*(.*))?$")


class Suite:
    def __init__(self, name):
        self.name = name
        self.plan = None
        self.results = []  # (ok, description, directive)

    def feed(self, line):
        """Take a plan or a result line; return whether it was a result."""
        m = PLAN.match(line)
        if m and self.plan is None:
            self.plan = int(m.group(1))
            return False
        m = RESULT.match(line)
        if m:
            self.results.append((m.group(1) == "ok", m.group(3), m.group(5) or ""))
        return bool(m)


def parse(lines):
    """Split the guest section into the runner's suite and nested suites."""
    top = Suite("runner")
    nested = []
    current = None
    for line in lines:
        if line.startswith("#"):
            inner = line[2:] if line.startswith("# ") else line[1:]
            if inner.startswith("selftests: "):
                current = Suite(inner[len("selftests: "):].strip())
                nested.append(current)
                continue
            if current is not None:
                current.feed(inner)
            continue
        if top.feed(line):
            current = None
    return top, nested


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("--expect-splat", metavar="REGEX", action="append", default=[])
    ap.add_argument("--lockdep-may-end", action="store_true")
    args = ap.parse_args()

    with open(args.log, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    lines = [l.rstrip("\r") for l in text.split("\n")]

    problems = []
    splats = []
    guest = []
    begin = status = debug_locks = None
    for i, line in enumerate(lines):
        hit = SPLAT.search(line)
        if hit:
            splats.append((i + 1, line[hit.start():]))
        m = KMSG.match(line)
        if m:
            continue
        m = re.match(r"^rust-netns-lab: debug_locks (\S*)", line)
        if m:
            debug_locks = m.group(1)
            continue
        if line.startswith("rust-netns-lab: begin"):
            begin = i
            continue
        m = re.match(r"^rust-netns-lab: exit (\d+)", line)
        if m:
            status = int(m.group(1))
            continue
        if begin is not None and status is None:
            guest.append(line)

    if begin is None:
        problems.append("the guest never started its tests (no 'rust-netns-lab: begin')")
    if status is None:
        timeout = any("rust-netns-lab: host: timeout" in l for l in lines)
        problems.append("timeout" if timeout else "the guest never reported its status")
    elif status != 0:
        problems.append(f"guest test runner exited with status {status}")
    lockdep_off = debug_locks is not None and debug_locks != "1"

    top, nested = parse(guest)
    passed = failed = skipped = 0
    if begin is not None and top.plan is None:
        problems.append("runner: no TAP plan")
    if top.plan is not None and len(top.results) != top.plan:
        problems.append(f"runner: plan 1..{top.plan} but {len(top.results)} results")
    for ok, desc, directive in top.results:
        if not ok:
            problems.append(f"not ok: {desc} {directive}".rstrip())
    top_by_desc = {desc: (ok, directive) for ok, desc, directive in top.results}
    for s in nested:
        if s.plan is None and not s.results and s.name.split(": ")[0] in FOREIGN:
            ok, directive = top_by_desc.get(f"selftests: {s.name}", (False, "no result"))
            s.plan = 1
            s.results.append((ok, s.name, directive))
        if s.plan is None:
            problems.append(f"{s.name}: no TAP plan")
        elif s.plan == 0:
            problems.append(f"{s.name}: empty plan 1..0")
        elif len(s.results) != s.plan:
            problems.append(f"{s.name}: plan 1..{s.plan} but {len(s.results)} results")
        for ok, desc, directive in s.results:
            if not ok:
                failed += 1
                problems.append(f"{s.name}: not ok: {desc}")
            elif directive.upper().startswith("SKIP"):
                skipped += 1
                print(f"SKIP {s.name}: {desc}: {directive[4:].strip() or 'no reason given'}")
            else:
                passed += 1
        print(f"{s.name}: {sum(ok for ok, _, _ in s.results)}/{len(s.results)} ok")

    expected = [(r, re.compile(r)) for r in args.expect_splat]
    seen = set()
    unexpected = 0
    for lineno, msg in splats:
        hits = [r for r, e in expected if e.search(msg)]
        if hits:
            seen.update(hits)
            continue
        unexpected += 1
        problems.append(f"kernel splat at {args.log}:{lineno}: {msg}")
    for r, _ in expected:
        if r not in seen:
            problems.append(f"expected a kernel splat matching /{r}/, saw none")
    if lockdep_off:
        if args.lockdep_may_end and seen and not unexpected:
            print("NOTE: lockdep switched itself off after an expected report")
        else:
            problems.append(f"lockdep switched itself off (debug_locks {debug_locks or '?'})")

    for p in problems:
        print(f"FAIL: {p}")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
