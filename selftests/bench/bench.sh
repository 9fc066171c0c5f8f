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
# W6: idle crowd sizes and the churn timed at each; W3 at scale.
W6_SIZES=${lab_bench_w6:-0,500,2000}
W6_N=${lab_bench_w6_n:-200}
W3B_M=${lab_bench_w3big_m:-1000}
W3B_L=${lab_bench_w3big_l:-1000}
# W6n: W6 where the churn is named here too; W7: veth counts, dumps each.
W6N_N=${lab_bench_w6n_n:-100}
W7_SIZES=${lab_bench_w7:-0,1000,4000}
W7_R=${lab_bench_w7_r:-20}
# mem: how many nsids to measure the memory of.
MEM_IDS=${lab_bench_mem:-4000}
# Which groups this boot runs: locking (the seeds' workloads, in every
# netns_locking mode), unhash (W6, W6n and the big W3, in every
# netns_unhash mode, switched at run time), links (W7), mem (memory per
# nsid) and module (rust_netns loaded vs not).
BENCH_GROUPS=${lab_bench_groups:-locking}
ROUND=${lab_bench_round:-1}

# Namespace cleanup is asynchronous: when a workload returns, cleanup_net()
# may still be tearing its namespaces down on its one worker, and the next
# workload would be timed with that beside it (make run once printed "W3
# with rust_netns / without 8.25" that way).  So wait until every namespace
# queued for cleanup has been freed (the lab series' counters in debugfs:
# drained, in rust_netns/lib.sh), then pause briefly.  Neither is part of
# any measurement.
settle() {
	slowwait 600 drained || ktap_print_msg "namespace cleanup still running after 600 s"
	sleep "${lab_bench_settle:-2}"
}

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

group() { case ",$BENCH_GROUPS," in *,"$1",*) return 0 ;; esac; return 1; }

# W2's parallel loops: 1, 2, 4, ... up to the vCPUs, never more: loops
# beyond them would spin on preempted lock holders and measure the
# overcommitment, not the kernel.
CPUS=$(nproc)
PS=
for p in 1 2 4 8 16; do
	[ "$p" -le "$CPUS" ] && PS="$PS $p"
done

# The netns_unhash modes, rotated by round so that no mode always runs
# first (or last) in its boot.
set -- holders batched per-net
for i in $(seq 1 $(((ROUND - 1) % 3))); do set -- "$2" "$3" "$1"; done
UNHASH="$1 $2 $3"

plan=0
group locking && plan=$((plan + 4 + $(echo $PS | wc -w)))
group unhash && plan=$((plan + 5))
group links && plan=$((plan + $(echo "$W7_SIZES" | tr , ' ' | wc -w)))
group mem && plan=$((plan + 1))
group module && plan=$((plan + 5))
ktap_print_header
ktap_set_plan "$plan"
ktap_print_msg "cpus $CPUS, groups $BENCH_GROUPS, W2 loops:$PS, unhash order: $UNHASH"
ktap_print_msg "cmdline: $(cat /proc/cmdline)"
if group locking; then
	bench "floor: $N x sh -c exit" loop floor "$N" 1 plain
	bench "W1: $N x unshare -n sh -c exit" loop W1 "$N" 1 netns
	for p in $PS; do
		bench "W2: $N in $p parallel loops" loop "W2-P$p" "$N" "$p" netns
	done
	bench "W3: $L dying x $M survivors with nsids" teardown W3 "$M" "$L" 0
	bench "W5: $PROBES creations while $W5_L die" teardown W5 "$W5_M" "$W5_L" "$PROBES"
fi
if group unhash; then
	bench "W6: $W6_N x unshare -n beside $W6_SIZES idle named namespaces, in $UNHASH" \
		crowd W6 "$W6_SIZES" "$W6_N" "$(echo $UNHASH | tr ' ' ,)"
	bench "W6n: $W6N_N named namespaces dropped together beside $W6_SIZES idle named ones, in $UNHASH" \
		crowd W6n "$W6_SIZES" "$W6N_N" "$(echo $UNHASH | tr ' ' ,)" named
	for u in $UNHASH; do
		bench "W3: $W3B_L dying x $W3B_M survivors with nsids, $u" \
			teardown W3-big "$W3B_M" "$W3B_L" 0 none "$u"
	done
	echo holders >/sys/kernel/debug/netns/unhash
fi
if group links; then
	# W7: M veth pairs, one end here and its peer in a namespace of its
	# own; every link dumped here carries its peer's nsid, looked up in
	# this namespace's netns_ids.  Made with one ip per step (-batch).
	have=0
	for m in $(echo "$W7_SIZES" | tr , ' '); do
		if [ "$m" -gt "$have" ]; then
			ip_each $((have + 1)) "$m" 'netns add w7-&' &&
				ip_each $((have + 1)) "$m" 'link add w7v& type veth peer name eth0 netns w7-&' ||
				ktap_print_msg "W7: making $m veth pairs failed"
			have=$m
		fi
		bench "W7: $W7_R link dumps here beside $m veth peers elsewhere" \
			linkdump W7 "$m" "$W7_R"
	done
	ip_each 1 "$have" 'netns del w7-&' 2>/dev/null
	settle
fi
if group mem; then
	# Memory per nsid: the unreclaimable slab that naming MEM_IDS idle
	# namespaces from a fresh one adds (the idr's nodes and the holder
	# lists' entries), per id, the median of three rounds.
	sunreclaim() { sed -n 's/^SUnreclaim: *\([0-9]*\) kB$/\1/p' /proc/meminfo; }
	mem() {
		ip_each 1 "$MEM_IDS" 'netns add mem-&' || return 1
		for r in 1 2 3; do
			/usr/bin/ip netns add mem-holder || return 1
			slowwait 600 drained || return 1
			sleep 1
			s0=$(sunreclaim)
			ip_each 1 "$MEM_IDS" 'netns set mem-& &' -n mem-holder || return 1
			# What ip's own mount namespace held goes after a grace period.
			sleep 1
			s1=$(sunreclaim)
			echo "$(((s1 - s0) * 1024 / MEM_IDS))"
			/usr/bin/ip netns del mem-holder
		done | sort -n | sed -n 2p >/tmp/mem.bytes
		ip_each 1 "$MEM_IDS" 'netns del mem-&'
		b=$(cat /tmp/mem.bytes)
		[ -n "$b" ] || return 1
		echo "BENCH {\"workload\": \"mem\", \"ids\": $MEM_IDS, \"bytes_per_id\": $b, \"ok\": true}" \
			>/tmp/mem.bench
	}
	ktap_result "mem: slab per nsid, $MEM_IDS ids in one namespace" mem
	[ ! -f /tmp/mem.bench ] || sed 's/^/# /' /tmp/mem.bench
	settle
fi
if group module; then
	ktap_result "insmod rust_netns" insmod "$KO"
	bench "W4: W1 with rust_netns" loop W4-W1 "$N" 1 netns
	bench "W4: W1 with rust_netns, each namespace a peer id here" loop W4-W1p "$N" 1 peer
	bench "W4: W3 with rust_netns" teardown W4-W3 "$M" "$L" 0 none
	bench "W4: W3 with rust_netns peer ids" teardown W4-W3p "$M" "$L" 0 peers
fi
ktap_finished
