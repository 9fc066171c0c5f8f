#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The lab's jobs, for $ARCH:
#
#   scripts/lab.sh check   debug kernel, once per netns mode: selftests, the
#                          peer suite and the Rust doc tests (KUnit)
#   scripts/lab.sh run     base kernel: boot, insmod, unshare -n timing table,
#                          then a short bench (modern vs legacy)
#   scripts/lab.sh bench   base and full kernels (BENCH_KERNELS; the debug
#                          kernel with BENCH_QUICK), every mode, interleaved:
#                          the workloads of selftests/bench, table with 95%
#                          intervals, JSON, PNG + SVG plots
#   scripts/lab.sh stress  stress kernel (KASAN, kmemleak, fault injection):
#                          rust_netns/stress.sh over STRESS_N namespaces
#   scripts/lab.sh misuse  the misuse harness (scripts/misuse.sh): compile-fail
#                          probes through rustc, runtime probes and controls
#                          loaded in the stress kernel (arm64: debug;
#                          MISUSE_FLAVOR overrides); check runs it too
#
# Each job builds (or finds cached) its kernels, builds rust_netns.ko and the
# guest programs against them, assembles the initramfs, boots QEMU and
# judges every console with tap.py.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# prepare FLAVOR: kernel, module, guest programs and initramfs; sets O, initrd.
# With with_misuse set, the misuse harness's modules go into the initramfs too.
prepared=
with_misuse=
prepare() {
	local flavor=$1 mod extra
	[[ $prepared == "$flavor" ]] && return
	prepared=$flavor
	if [[ -n ${RUST_NETNS_KERNEL_AS_BUILT-} ]]; then
		# The cached build as it is, whatever patches/ says now: no
		# series applied to the shared source tree, no kernel rebuilt
		# (for a job beside an edit of the series or another kernel's
		# build).
		O=$("$RN_ROOT/scripts/kernel.sh" --kdir "$flavor")
		[[ -f $O/$KIMAGE ]] || rn_die "RUST_NETNS_KERNEL_AS_BUILT: no $ARCH/$flavor kernel in $O"
		rn_say "kernel: $ARCH/$flavor as built in $O (RUST_NETNS_KERNEL_AS_BUILT: patches/ not compared)"
	else
		O=$("$RN_ROOT/scripts/kernel.sh" "$flavor" | tail -n1)
	fi
	# One lab job at a time per kernel: two would share the module build,
	# the initramfs and the console logs in $O.
	exec 8>"$O/.lab.lock"
	if ! flock -n 8; then
		rn_say "lab: another job is using $O; waiting for it"
		flock 8
	fi

	# rust_netns.ko for this kernel, built from a copy of the sources: the
	# kbuild writes module output beside the sources, and each
	# kernel needs its own.
	mod=$O/rust_netns-module
	rn_say "module: building rust_netns.ko for $ARCH/$flavor"
	mkdir -p "$mod"
	cp "$RN_ROOT/Kbuild" "$RN_ROOT"/*.rs "$mod/"
	make -s -C "$O" M="$mod" ARCH="$KARCH" "${RN_KMAKE_VARS[@]}" modules \
		>"$mod/build.log" 2>&1 || {
		cat "$mod/build.log" >&2
		rn_die "rust_netns.ko failed to build"
	}

	# What goes to /lab in the guest: selftests/ installed as a kselftest
	# tree (run_kselftest.sh, the kselftest/ runner and KTAP helpers, one
	# directory per collection, the kernel's own netns tests among them)
	# by the pinned tree's lib.mk, its C programs built static; and bin/.
	extra=$O/lab-extra
	rm -rf "$extra"
	mkdir -p "$extra/bin"
	make -s -C "$RN_ROOT/selftests" KSFT="$O/source/tools/testing/selftests" \
		INSTALL_PATH="$extra/selftests" BUILD="$O/selftests-build" \
		CROSS_COMPILE="${GUEST_CC%gcc}" install ||
		rn_die "selftests failed to build or install"
	# net/lib.sh runs "udevadm settle" after creating a netdevsim device;
	# the guest has no udev, so there are no events to wait for.
	printf '#!/bin/sh\n# no udev in the lab guest: nothing to settle\nexit 0\n' >"$extra/bin/udevadm"
	chmod 0755 "$extra/bin/udevadm"
	# The misuse harness: its compile-fail probes are judged here, its
	# runtime probes and controls go to /lab/misuse with what to expect.
	if [[ -n $with_misuse ]]; then
		"$RN_ROOT/scripts/misuse.sh" build "$O" "$extra/misuse" ||
			rn_die "the misuse harness could not build its probes"
	fi
	initrd=$O/lab-initramfs.cpio.gz
	"$RN_ROOT/scripts/initramfs.sh" "$initrd" "$mod/rust_netns.ko" "$extra"
}

# suites_timeout SUITES: seconds a boot running SUITES may take: their
# settings' timeouts (the kselftest runner's default 45 where there is
# none) and two minutes for booting and shutting down.
suites_timeout() {
	local total=120 t s
	for t in ${1//,/ }; do
		s=$RN_ROOT/selftests/$(dirname "$t")/settings
		s=$(sed -n 's/^timeout=//p' "$s" 2>/dev/null)
		total=$((total + ${s:-45}))
	done
	echo "$total"
}

# check_config SUITES: the kernel has what the kselftest config fragment of
# each suite's collection asks for.
check_config() {
	local t c opt
	for t in ${1//,/ }; do
		c=$RN_ROOT/selftests/$(dirname "$t")/config
		[[ -f $c ]] || continue
		while read -r opt; do
			grep -qx -- "$opt" "$O/.config" ||
				rn_die "the $prepared kernel lacks $opt, which ${c#"$RN_ROOT"/} asks for"
		done <"$c"
	done
}

# boot NAME ARGS SUITES SPLAT [TAP_ARGS...]: boot $O once with the kernel
# arguments ARGS running SUITES, judge the console (SPLAT: a splat it must
# show; TAP_ARGS: more for tap.py), add the test cases to the totals.  Sets
# log.
failed_boots=()
total=(0 0 0)
boot() {
	local name=$1 args=$2 suites=$3 splat=$4 rc=0 verdict p f k
	shift 4
	log=$O/console-$job-$name.log
	check_config "$suites"
	rn_say "lab: boot '$name'${args:+ ($args)}: $suites"
	# shellcheck disable=SC2086 # ARGS are separate kernel arguments
	TIMEOUT=${TIMEOUT:-$(suites_timeout "$suites")} \
		"$RN_ROOT/scripts/qemu.sh" $quiet "$O/$KIMAGE" "$initrd" "$log" \
		$args "lab_suites=$suites" || rc=$?
	if [[ -n $quiet ]]; then
		# The guest's TAP, without the kernel's messages.
		sed -n '/^rust-netns-lab: begin/,/^rust-netns-lab: exit/p' "$log" |
			tr -d '\r' | grep -v '^\['
	fi
	printf '[%s] guest: %s\n' "$name" "$(grep -m1 -ao 'Linux version [^ ]*' "$log" || echo 'no kernel banner')"
	local judge=("$RN_ROOT/scripts/tap.py" "$log")
	[[ -n $splat ]] && judge+=(--expect-splat "$splat")
	judge+=("$@")
	verdict=$("${judge[@]}") || rc=1
	printf '%s\n' "$verdict" | sed "s/^/[$name] /"
	read -r p _ f _ k _ <<<"$(tail -n1 <<<"$verdict")"
	total=($((total[0] + p)) $((total[1] + f)) $((total[2] + k)))
	((rc == 0)) || failed_boots+=("$name")
}

# misuse_boot: the misuse harness on $O after prepare built it: one boot
# in which selftests/misuse/run.sh loads every runtime probe and control,
# each probe's expected report allowed and no other, then the harness's
# verdict on every probe and control, ending with its summary line.  The
# guest's cases count into the totals through tap.py, the compile-fail
# probes (and what did not build) here.
misuse_boot() {
	local dir=$O/lab-extra/misuse args= tap=() re p f ok=1
	log=
	if [[ -s $dir/expect ]]; then
		while IFS= read -r re; do
			tap+=(--expect-splat "$re")
		done <"$dir/splats"
		# An expected lockdep report switches lockdep off; run.sh checks
		# that only such a report did.
		((${#tap[@]} == 0)) || tap+=(--lockdep-may-end)
		# KASAN reports only its first bug unless told otherwise.
		! grep -qx 'CONFIG_KASAN=y' "$O/.config" || args=kasan_multi_shot
		boot misuse "$args" misuse/run.sh,misuse/leak.sh "" "${tap[@]}"
		[[ " ${failed_boots[*]} " != *" misuse "* ]] || ok=0
	fi
	if ! "$RN_ROOT/scripts/misuse.sh" judge "$O" "$log" "$ok"; then
		((ok == 0)) || failed_boots+=(misuse)
	fi
	read -r p f <"$O/misuse-modules/compile.tally"
	total=($((total[0] + p)) $((total[1] + f)) "${total[2]}")
}

# The netns_locking modes of the patched kernel, as kernel arguments.  (The
# netns_unhash modes switch at run time, within one boot: bench.sh.)
declare -A MODE_ARGS=(
	[modern]=""
	[legacy]="netns_locking=legacy"
)

# bench_boots OUT FLAVOR ROUNDS SIZES MODE:GROUPS...: boot FLAVOR once per
# mode and round, running the bench groups GROUPS (selftests/bench/bench.sh)
# in it, and append the results to OUT.  The modes alternate within a round,
# in reverse order every other round.
bench_boots() {
	local out=$1 flavor=$2 rounds=$3 sizes=$4 round spec specs mode groups
	shift 4
	prepare "$flavor"
	for round in $(seq 1 "$rounds"); do
		specs=("$@")
		((round % 2)) || specs=($(printf '%s\n' "$@" | tac))
		for spec in "${specs[@]}"; do
			mode=${spec%%:*} groups=${spec#*:}
			boot "$flavor-$mode-$round" \
				"${MODE_ARGS[$mode]} $sizes lab_bench_groups=$groups lab_bench_round=$round" \
				bench/bench.sh ""
			grep -ao 'BENCH {.*}' "$log" | tr -d '\r' |
				sed "s/^BENCH {/{\"kernel\": \"$flavor\", \"mode\": \"$mode\", \"round\": $round, /" >>"$out"
		done
	done
}

job=${1:?usage: lab.sh check|run|bench|stress|misuse}
start=$SECONDS
quiet=-q
case "$job" in
check)
	if [[ -n ${T-} ]]; then
		# T=COLLECTION:TEST[,...]: only those, in one boot of the debug
		# kernel (TFLAVOR another), with the lab's default modes.
		prepare "${TFLAVOR:-debug}"
		boot t "" "${T//:/\/}" ""
		((${#failed_boots[@]} == 0)) || echo "FAILED boots: ${failed_boots[*]}"
		echo "${total[0]} passed, ${total[1]} failed, ${total[2]} skipped"
		((${#failed_boots[@]} == 0 && total[1] == 0))
		exit
	fi
	with_misuse=1
	prepare debug
	boot main "" rust_netns/module.sh,rust_netns/peers.sh,rust_netns/users.sh,rust_netns/stress.sh,nsid/nsid.sh,nsid/many.sh,nsid/modes.sh,nsid/dump.sh,nsid/setup_fail.sh,nsid/lookup.sh,net/netns-name.sh,net/netns-sysctl.sh,net/netns_nsid_dump.sh,net/fib6.sh,net/nexthops6.sh,ipv6/teardown.sh,ipv6/devroute.sh,ipv6/devmove.sh,ipv6/flush.sh,ipv6/leafdel.sh,net/so_netns_cookie,filesystems/nsfs/owner,filesystems/nsfs/pidns,kunit/kunit.sh ""
	boot batched netns_unhash=batched nsid/nsid.sh,nsid/many.sh,nsid/modes.sh,nsid/setup_fail.sh ""
	boot per-net netns_unhash=per-net nsid/nsid.sh,nsid/many.sh,nsid/modes.sh ""
	boot legacy netns_locking=legacy nsid/nsid.sh,nsid/many.sh ""
	boot legacy-per-net "netns_locking=legacy netns_unhash=per-net" nsid/many.sh ""
	# The splat must be the RTNL assertion itself, at its own line.
	line=$(grep -n 'lockdep_assert_once(!lockdep_rtnl_is_held())' "$O/source/net/core/net_namespace.c" | cut -d: -f1)
	[[ $line =~ ^[0-9]+$ ]] || rn_die "no RTNL assertion in net/core/net_namespace.c: is patches/ applied?"
	boot rtnl-assert netns_test_rtnl_unhash nsid/nsid.sh \
		"WARNING: net/core/net_namespace\\.c:$line at netns_ids_assert_teardown\\+"
	misuse_boot
	;;
run)
	quiet=
	prepare base
	boot run "" lab/timing.sh ""
	quiet=-q
	results=$O/bench-run.jsonl
	: >"$results"
	SMP=${SMP:-2} bench_boots "$results" base 1 \
		"lab_bench_n=200 lab_bench_m=20 lab_bench_l=20 lab_bench_w5_l=200 lab_bench_probes=10 lab_bench_settle=1 lab_bench_w6=0,200 lab_bench_w6_n=50 lab_bench_w3big_m=100 lab_bench_w3big_l=100" \
		modern:locking,unhash,module legacy:locking
	"$RN_ROOT/scripts/bench-report.py" "$results" "$O/bench-run"
	;;
bench)
	results=$RN_CACHE/bench/$ARCH/bench${BENCH_QUICK:+-quick}.jsonl
	mkdir -p "$(dirname "$results")"
	: >"$results"
	if [[ -n ${BENCH_QUICK-} ]]; then
		# Every workload, tiny, once: that the bench runs, not numbers.
		# On the debug kernel that "make check" has built already (so CI
		# builds no kernel for it), with lockdep watching the workloads.
		sizes="lab_bench_n=40 lab_bench_m=10 lab_bench_l=10 lab_bench_w5_l=100 lab_bench_probes=5 lab_bench_settle=1"
		sizes+=" lab_bench_w6=0,50 lab_bench_w6_n=20 lab_bench_w6n_n=10 lab_bench_w3big_m=30 lab_bench_w3big_l=30"
		sizes+=" lab_bench_w7=0,20 lab_bench_w7_r=3 lab_bench_mem=200"
		sizes+=" lab_bench_w8=0,10 lab_bench_w8_l=4 lab_bench_w8_r=1"
		kernels=${BENCH_KERNELS:-debug} rounds=${BENCH_ROUNDS:-1}
	else
		sizes="lab_bench_n=${BENCH_N:-500} lab_bench_m=${BENCH_M:-100} lab_bench_l=${BENCH_L:-100} lab_bench_w5_l=${BENCH_W5_L:-1000}"
		sizes+=" lab_bench_w6=${BENCH_W6:-0,1000,4000} lab_bench_w6_n=${BENCH_W6_N:-200}"
		sizes+=" lab_bench_w6n_n=${BENCH_W6N_N:-100} lab_bench_w7=${BENCH_W7:-0,1000,4000}"
		sizes+=" lab_bench_w7_r=${BENCH_W7_R:-20} lab_bench_mem=${BENCH_MEM:-4000}"
		sizes+=" lab_bench_w3big_m=${BENCH_W3BIG:-1000} lab_bench_w3big_l=${BENCH_W3BIG:-1000}"
		sizes+=" lab_bench_w8=${BENCH_W8:-0,1000,4000} lab_bench_w8_l=${BENCH_W8_L:-100}"
		sizes+=" lab_bench_w8_r=${BENCH_W8_R:-10} lab_bench_w8_shapes=${BENCH_W8_SHAPES:-a,b,c,d}"
		kernels=${BENCH_KERNELS:-base full} rounds=${BENCH_ROUNDS:-5}
	fi
	if [[ -n ${BENCH_PROFILE-} ]]; then
		# W8 under the function profiler, on the trace kernel: which
		# functions run more often per dying namespace beside the
		# largest crowd than beside the smallest (profile-report.py);
		# with BENCH_GROUPS=unhash, W3-big's teardown in each mode.
		sizes+=" lab_bench_w8_profile=1"
		kernels=trace rounds=1 BENCH_GROUPS=${BENCH_GROUPS:-teardown}
	fi
	# One vCPU per host core: more would spin on preempted lock holders
	# (a W2 at P=4 on 2 cores once showed modern slower than legacy).
	SMP=${SMP:-$(nproc)}
	rn_say "bench: $SMP vCPUs on $(nproc) host cores; W2 runs up to $SMP parallel loops; kernels: $kernels; $rounds round(s)"
	for flavor in $kernels; do
		# The unhash, links, mem and module groups need one
		# netns_locking mode only.  BENCH_GROUPS=unhash,links (say) runs
		# just those, on every kernel; legacy boots only for locking.
		specs=(modern:locking legacy:locking)
		[[ $flavor != base && $flavor != debug ]] ||
			specs=(modern:locking,unhash,links,teardown,mem,module legacy:locking)
		if [[ -n ${BENCH_GROUPS-} ]]; then
			specs=("modern:$BENCH_GROUPS")
			[[ ,$BENCH_GROUPS, != *,locking,* ]] || specs+=(legacy:locking)
		fi
		SMP=$SMP MEM=${MEM:-2048} TIMEOUT=${TIMEOUT:-1800} bench_boots "$results" "$flavor" "$rounds" \
			"$sizes" "${specs[@]}"
		if [[ -n ${BENCH_PROFILE-} ]]; then
			prof=${results%.jsonl}-profile.txt
			grep -ao 'PROF W.*' "$log" | tr -d '\r' >"$prof"
			"$RN_ROOT/scripts/profile-report.py" "$prof" || failed_boots+=(profile-report)
		fi
	done
	"$RN_ROOT/scripts/bench-report.py" "$results" "${results%.jsonl}" || failed_boots+=(bench-report)
	echo "(guest: $SMP vCPUs under TCG on $(nproc) host cores; no device machine)"
	;;
stress)
	prepare stress
	n=${STRESS_N:-10000}
	# The whole boot is bounded by TIMEOUT; the test's own bound (the
	# runner's -o) leaves two minutes of it for booting and shutting down.
	t=${TIMEOUT:-5400}
	MEM=${MEM:-2048} TIMEOUT=$t boot stress \
		"lab_timeout=$((t - 120)) lab_stress_namespaces=$n lab_stress_fuzz=${STRESS_FUZZ:-5000} lab_stress_faults=1 lab_stress_kmemleak=1 lab_nsid_lookup_secs=90" \
		rust_netns/stress.sh,nsid/setup_fail.sh,nsid/lookup.sh,ipv6/teardown.sh,ipv6/devmove.sh,ipv6/flush.sh,ipv6/leafdel.sh ""
	grep -aq 'KernelAddressSanitizer initialized' "$log" || {
		echo "FAIL: the console does not show KASAN initialised"
		failed_boots+=(stress-kasan)
	}
	summary=$(tr -d '\r' <"$log" | sed -n 's/^# # \(stress: .*\)$/\1/p' | tail -n1)
	echo "${summary:-FAIL: no stress summary line}"
	[[ -n $summary ]] || failed_boots+=(stress-summary)
	;;
misuse)
	# The stress kernel's detectors (KASAN on top of the debug kernel's)
	# where the lab has one.
	if [[ -n ${MISUSE_FLAVOR-} ]]; then
		rn_say "misuse: the runtime probes run on the $MISUSE_FLAVOR kernel (MISUSE_FLAVOR)"
	elif [[ -n $MISUSE_KERNEL_NOTE ]]; then
		echo "misuse: $MISUSE_KERNEL_NOTE"
	fi
	with_misuse=1
	prepare "${MISUSE_FLAVOR:-$MISUSE_KERNEL}"
	misuse_boot
	;;
*) rn_die "unknown job '$job' (check|run|bench|stress|misuse)" ;;
esac

rn_say "lab: $job on $ARCH took $((SECONDS - start)) s; consoles: $O/console-$job-*.log"
if ((${#failed_boots[@]})); then
	echo "FAILED boots: ${failed_boots[*]}"
	((total[1] > 0)) || total[1]=${#failed_boots[@]}
fi
echo "${total[0]} passed, ${total[1]} failed, ${total[2]} skipped"
((${#failed_boots[@]} == 0))
