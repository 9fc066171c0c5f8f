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
# W8: idle crowd sizes, namespaces dropped per round, paired rounds, shapes,
# and the code each round runs: series, or mainline (its nsid walk, and the
# lookups and IPv6 teardown the series indexes, as scans: netns/mainline).
W8_SIZES=${lab_bench_w8:-0,1000,4000}
W8_L=${lab_bench_w8_l:-100}
W8_R=${lab_bench_w8_r:-10}
W8_SHAPES=${lab_bench_w8_shapes:-a,b,c,d}
W8_MODES=${lab_bench_w8_modes:-series,mainline}
# W8 profile (trace kernel): one round per shape and size, the series only,
# each drop under the function profiler; "PROF" lines give the functions
# the kernel ran at least once per dying namespace, with their hits.
W8_PROFILE=${lab_bench_w8_profile:-0}
TRACING=/sys/kernel/debug/tracing
if [ "$W8_PROFILE" = 1 ]; then
	W8_MODES=series
	W8_R=1
fi
# prof_print TAG MIN: what the stopped function profiler counted, summed over
# the CPUs, for the functions hit at least MIN times: "PROF TAG <function>
# <hits> <us>", TAG being "<workload> <crowd> <mode> <dying>" and <us> the
# time spent in the function itself (graph-time off), not in its callees:
# under TCG, and with the profiler's own cost in every call, a share to
# compare between modes of one boot, not a time.
prof_print() {
	cat $TRACING/trace_stat/function* |
		awk -v tag="$1" -v min="$2" '
			$1 == "Function" || $1 ~ /^-/ || NF < 3 { next }
			{ hits[$1] += $2; us[$1] += ($4 == "ms" ? 1000 * $3 : $3) }
			END { for (f in hits) if (hits[f] >= min) printf "PROF %s %s %d %.1f\n", tag, f, hits[f], us[f] }'
}
[ "$W8_PROFILE" != 1 ] || [ ! -e $TRACING/options/graph-time ] ||
	echo 0 >$TRACING/options/graph-time
# mem: how many nsids to measure the memory of.
MEM_IDS=${lab_bench_mem:-4000}
# Which groups this boot runs: locking (the seeds' workloads, in every
# netns_locking mode), unhash (W6, W6n and the big W3, in every
# netns_unhash mode, switched at run time), links (W7), teardown (W8), mem
# (memory per nsid) and module (rust_netns loaded vs not).
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

# judge NAME RC OUTPUT: OUTPUT (the BENCH lines) as diagnostics, then the
# test NAME passed if RC is 0; then settle.
judge() {
	[ -n "$3" ] && printf '%s\n' "$3" | sed 's/^/# /'
	if [ "$2" -eq 0 ]; then
		ktap_test_pass "$1"
	else
		ktap_print_msg "$1: exit $2"
		ktap_test_fail "$1"
	fi
	settle
}

# bench NAME ARGS...: the test NAME is "rn_bench ARGS...".
bench() {
	name=$1
	shift
	out=$(rn_bench "$@")
	judge "$name" $? "$out"
}

group() { case ",$BENCH_GROUPS," in *,"$1",*) return 0 ;; esac; return 1; }
# W8 pairs its own rounds (W8_R) within one boot: it runs in the first
# boot round only, however many rounds the other groups take.
[ "$ROUND" -eq 1 ] || BENCH_GROUPS=$(echo ",$BENCH_GROUPS," | sed 's/,teardown,/,/; s/^,//; s/,$//')

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
group links && plan=$((plan + 2 * $(echo "$W7_SIZES" | tr , ' ' | wc -w)))
group teardown && plan=$((plan + $(echo "$W8_SIZES" | tr , ' ' | wc -w) * $(echo "$W8_SHAPES" | tr , ' ' | wc -w)))
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
		# Under the profiler (W8_PROFILE), the teardown only.
		[ "$W8_PROFILE" = 1 ] && export RN_BENCH_PROFILE=$TRACING/function_profile_enabled
		bench "W3: $W3B_L dying x $W3B_M survivors with nsids, $u" \
			teardown W3-big "$W3B_M" "$W3B_L" 0 none "$u"
		unset RN_BENCH_PROFILE
		[ "$W8_PROFILE" = 1 ] && prof_print "W3big $W3B_M $u $W3B_L" "$W3B_L"
	done
	echo holders >"$UNHASH_FILE"
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
		for code in series mainline; do
			bench "W7: $W7_R link dumps here beside $m veth peers elsewhere, $code" \
				linkdump W7 "$m" "$W7_R" "$code"
		done
	done
	echo N >/sys/kernel/debug/netns/mainline
	ip_each 1 "$have" 'netns del w7-&' 2>/dev/null
	settle
fi
if group teardown; then
	# W8: the whole teardown of a dying namespace, beside a crowd of idle
	# ones, in four shapes:
	#   a  loopback only; every namespace is named here (an nsid);
	#   b  a container host: every namespace, idle or dying, has a veth
	#      whose host end is up here (so it has IPv6 link-local addresses
	#      and routes) and whose inner end eth0 is up (carrier); the veth
	#      names it here;
	#   c  b, with an "ip monitor all-nsid" listener here;
	#   d  b, with the namespaces dropped one at a time, each its own
	#      batch (a host that stops its containers one by one).
	# Each round drops W8_L fresh namespaces once per mode (W8_MODES), the
	# modes in reverse order every other round.  The crowd grows
	# through W8_SIZES: first loopback-only for a, then with veths.
	#
	# w8_make PREFIX FROM TO SHAPE: namespaces PREFIX-FROM..TO in the
	# shape's form.
	w8_make() {
		ip_each "$2" "$3" "netns add $1-&" || return 1
		if [ "$4" = a ]; then
			rn_bench prep "$1" "$2" "$3" name
		else
			ip_each "$2" "$3" "link add $1v& type veth peer name eth0 netns $1-&" &&
				ip_each "$2" "$3" "link set $1v& up" &&
				rn_bench prep "$1" "$2" "$3" up
		fi
	}
	# w8_profile 1: reset and start the function profiler (W8_PROFILE);
	# w8_profile 0 SHAPE M MODE: stop it and print what it counted, summed
	# over the CPUs, for the functions hit at least W8_L times:
	# "PROF W8<shape> <crowd> <mode> <dying> <function> <hits>".
	w8_profile() {
		[ "$W8_PROFILE" = 1 ] || return 0
		if [ ! -e $TRACING/function_profile_enabled ]; then
			echo "W8 profile: no $TRACING/function_profile_enabled (not the trace kernel)"
			return 1
		fi
		echo 0 >$TRACING/function_profile_enabled || return 1
		[ "$1" = 0 ] || { echo 1 >$TRACING/function_profile_enabled; return; }
		prof_print "W8$2 $3 $4 $W8_L" "$W8_L"
	}
	# w8_rounds SHAPE M: the rounds of one shape beside M idle namespaces.
	w8_rounds() {
		how=together
		[ "$1" = d ] && how=serial
		for r in $(seq 1 "$W8_R"); do
			modes=$(echo "$W8_MODES" | tr , ' ')
			[ $((r % 2)) -eq 1 ] || modes=$(echo "$modes" | tr ' ' '\n' | tac)
			for mode in $modes; do
				w8_make w8d 1 "$W8_L" "$1" || return 1
				w8_profile 1 || return 1
				rn_bench drop "W8$1" "$1" "$2" w8d "$W8_L" "$how" "$mode" "$r" || return 1
				w8_profile 0 "$1" "$2" "$mode" || return 1
				slowwait 600 drained || return 1
			done
		done
	}
	w8() {
		name="W8$1: $W8_R paired rounds of $W8_L namespaces dropped beside $2 idle ones"
		monitor=
		if [ "$1" = c ]; then
			/usr/bin/ip monitor all-nsid >/dev/null 2>&1 &
			monitor=$!
		fi
		out=$(w8_rounds "$1" "$2" 2>&1)
		rc=$?
		[ -z "$monitor" ] || { kill "$monitor"; wait "$monitor"; } 2>/dev/null
		judge "$name" "$rc" "$out"
	}
	# w8_crowd SHAPES KIND: grow a crowd of KIND (a, or b for veths)
	# through W8_SIZES and run each of SHAPES at each size; then drop it.
	w8_crowd() {
		have=0
		for m in $(echo "$W8_SIZES" | tr , ' '); do
			if [ "$m" -gt "$have" ]; then
				w8_make w8c $((have + 1)) "$m" "$2" ||
					ktap_print_msg "W8: making $m idle namespaces failed"
				have=$m
			fi
			for shape in $1; do
				w8 "$shape" "$m"
			done
		done
		[ "$have" -eq 0 ] || ip_each 1 "$have" 'netns del w8c-&' 2>/dev/null
		settle
	}
	shapes=$(echo "$W8_SHAPES" | tr , ' ')
	case " $shapes " in *" a "*) w8_crowd a a ;; esac
	veth_shapes=$(echo "$shapes" | tr ' ' '\n' | grep -v '^a$' | tr '\n' ' ')
	[ -z "${veth_shapes% }" ] || w8_crowd "$veth_shapes" b
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
