#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The guest side of "make bench": the workloads of one boot, timed by
# rn_bench.  Each result is a "BENCH {json}" line, collected by the host
# (scripts/bench.sh), which knows the kernel and the mode of the boot.
# Sizes come from the kernel command line (lab_bench_*).
. "$(dirname "$0")/../lib/ktap.sh"
. "$(dirname "$0")/../rust_netns/lib.sh"
PATH=$(cd "$(dirname "$0")/../bench" && pwd):$PATH

N=${lab_bench_n:-500}
M=${lab_bench_m:-100}
L=${lab_bench_l:-100}
W5_M=${lab_bench_w5_m:-10}
W5_L=${lab_bench_w5_l:-1000}
PROBES=${lab_bench_probes:-20}

# Namespace cleanup is asynchronous and may still run after a workload
# returns; a fixed pause keeps it out of the next workload's time.  It is
# spacing between measurements, not part of any.
settle() { sleep "${lab_bench_settle:-2}"; }

bench() {
	name=$1
	shift
	out=$(rn_bench "$@")
	rc=$?
	[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/# /'
	if [ "$rc" -eq 0 ]; then
		ktap_test_pass "$name"
	else
		ktap_print_msg "$name: rn_bench exit $rc"
		ktap_test_fail "$name"
	fi
	settle
}

# W2's parallel loops: 1, 2, 4, ... up to the vCPUs, never more: loops
# beyond them would spin on preempted lock holders and measure the
# overcommitment, not the kernel.
CPUS=$(nproc)
PS=
for p in 1 2 4 8 16; do
	[ "$p" -le "$CPUS" ] && PS="$PS $p"
done
ktap_print_header
ktap_set_plan $((7 + $(echo $PS | wc -w)))
ktap_print_msg "cpus $CPUS, W2 loops:$PS, cmdline: $(cat /proc/cmdline)"
bench "floor: $N x sh -c exit" loop floor "$N" 1 plain
bench "W1: $N x unshare -n sh -c exit" loop W1 "$N" 1 netns
for p in $PS; do
	bench "W2: $N in $p parallel loops" loop "W2-P$p" "$N" "$p" netns
done
bench "W3: $L dying x $M survivors with nsids" teardown W3 "$M" "$L" 0
bench "W5: $PROBES creations while $W5_L die" teardown W5 "$W5_M" "$W5_L" "$PROBES"
ktap_result "insmod rust_netns" insmod "$KO"
bench "W4: W1 with rust_netns" loop W4-W1 "$N" 1 netns
bench "W4: W3 with rust_netns peer ids" teardown W4-W3 "$M" "$L" 0 peers
ktap_finished
