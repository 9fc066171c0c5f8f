#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The main job's short timing run: load rust_netns, then time loops of
# process spawns with and without a new network namespace, and print a table.
# Guest clock, /proc/uptime resolution (10 ms); "make bench" is the real
# benchmark.  Results are reported, never judged against a threshold.
. "$(dirname "$0")/../lib/ktap.sh"

KO=${RUST_NETNS_KO:-/lib/modules/rust_netns.ko}
N=${lab_loops:-500}

now_cs() { read -r up _ < /proc/uptime; echo "${up%.*}${up#*.}"; }

# time_loop NAME CMD...: run CMD N times; append a table row.
ROWS=/tmp/timing.rows
: > "$ROWS"
time_loop() {
	_name=$1
	shift
	_t0=$(now_cs)
	_i=0
	while [ "$_i" -lt "$N" ]; do
		"$@" || return 1
		_i=$((_i + 1))
	done
	_t1=$(now_cs)
	echo "$_name $N $((_t1 - _t0))" >> "$ROWS"
}

ktap_plan 4
ktap_result "insmod rust_netns" insmod "$KO"
ktap_result "$N x sh -c true (floor)" time_loop floor sh -c true
ktap_result "$N x unshare -n true" time_loop unshare-n unshare -n true
ktap_result "$N x unshare -n sh -c exit" time_loop unshare-n-sh unshare -n sh -c exit

ktap_diag ""
awk 'BEGIN { printf "# %-16s %6s %9s %9s %8s %9s\n", "loop", "n", "total_s", "ms/iter", "iter/s", "x floor" }
	{ s = $3 / 100; ms = s * 1000 / $2; if (NR == 1) floor = ms
	  printf "# %-16s %6d %9.2f %9.2f %8.1f %9.2f\n", $1, $2, s, ms, (s > 0 ? $2 / s : 0), (floor > 0 ? ms / floor : 0) }' "$ROWS"
ktap_diag ""
dmesg | grep 'rust_netns' | sed 's/^/# dmesg: /'
ktap_finish
