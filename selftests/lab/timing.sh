#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The main job's first look: load rust_netns, then time loops of process
# spawns with and without a new network namespace (rn_bench, guest
# CLOCK_MONOTONIC) and print a table.  Results are reported, never judged
# against a threshold; "make bench" is the real benchmark.
. "$(dirname "$0")/../lib/ktap.sh"
. "$(dirname "$0")/../rust_netns/lib.sh"
PATH=$(cd "$(dirname "$0")/../bench" && pwd):$PATH

N=${lab_loops:-500}
ROWS=/tmp/timing.rows
: > "$ROWS"

# timed NAME netns|plain: N spawns; append "NAME ms" to the table.
timed() {
	out=$(rn_bench loop "$1" "$N" 1 "$2") || return 1
	echo "$1 $(echo "$out" | sed -n 's/.*"ms": \([0-9.]*\).*/\1/p')" >> "$ROWS"
}

ktap_print_header
ktap_set_plan 4
ktap_result "insmod rust_netns" insmod "$KO"
ktap_result "$N x sh -c exit (floor)" timed floor plain
ktap_result "$N x unshare -n sh -c exit" timed unshare-n netns
ktap_result "rust_netns saw them all" sh -c "[ \$(sed -n 's/^inits //p' $STATS) -gt $N ]"

awk -v n="$N" 'BEGIN { printf "# %-12s %6s %9s %9s %8s %8s\n", "loop", "n", "total_s", "ms/iter", "iter/s", "x floor" }
	{ ms = $2 / n; if (NR == 1) floor = ms
	  printf "# %-12s %6d %9.2f %9.2f %8.1f %8.2f\n", $1, n, $2 / 1000, ms, n * 1000 / $2, ms / floor }' "$ROWS"
dmesg | grep 'rust_netns' | sed 's/^/# dmesg: /'
ktap_finished
