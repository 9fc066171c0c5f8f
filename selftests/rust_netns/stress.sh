#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Everything at once: parallel unshare -n loops, peer writes from new
# namespaces and for namespaces that are dying, writes by an unprivileged
# user, hostile writes (rn_fuzz), and an insmod/rmmod loop.  Afterwards the
# counters must balance, the module must unload with no peer id left, and
# the run must have done real work.  The host fails the run on any kernel
# splat in the console.
#
# Knobs (kernel command line): lab_stress_seconds (default 30) bounds the
# run in time, or lab_stress_namespaces=N runs until N namespaces were
# churned; lab_stress_fuzz (hostile writes, default 1000);
# lab_stress_faults=1 makes failslab and fail_page_alloc fail allocations
# whose call stack passes through the module's text; lab_stress_kmemleak=1
# scans for leaks after the last unload.  "make stress" sets them all on
# the stress kernel; "make check" runs the defaults on the debug kernel.
# The last line is the summary:
#   stress: N namespaces, U unloads, F faults injected, K kmemleak reports, S splats
. "$(dirname "$0")/../lib/ktap.sh"
. "$(dirname "$0")/lib.sh"

SECONDS_TO_RUN=${lab_stress_seconds:-30}
TARGET=${lab_stress_namespaces:-0}
FUZZ=${lab_stress_fuzz:-1000}
FAULTS=${lab_stress_faults:-0}
KMEMLEAK=${lab_stress_kmemleak:-0}
WORK=/tmp/stress
STOP=$WORK/stop
ERR=$WORK/err
COUNT=$WORK/count
rm -rf "$WORK"
mkdir -m 0777 "$WORK"
DEBUG=/sys/kernel/debug
FAULT_TIMES=1000000
# Percent of allocations through the module's text that fail.  The
# module's init makes a few dozen for the namespaces alive at load time.
PROBABILITY=1

# Every errno a writer may see while the module is unloaded or reloaded
# under it: the file is missing (ENOENT) or going away (EIO); the initial
# namespace may have left the registry already (ESRCH); the writer's own
# table may be gone while its file is not yet (ENODEV: unregistering runs
# every exit, which takes the table, before the data holding the file is
# dropped).  With fault injection, ENOMEM too.
UNLOAD_ERRNOS="ENOENT EIO ESRCH ENODEV"
[ "$FAULTS" = 1 ] && UNLOAD_ERRNOS="$UNLOAD_ERRNOS ENOMEM"

# note WORKER RESULT ALLOWED...: record RESULT unless it is allowed.
note() {
	local w=$1 r=$2 a
	shift 2
	for a in "$@"; do
		[ "$r" = "$a" ] && return 0
	done
	echo "$w: $r" >> "$ERR"
}

# churner QUOTA: QUOTA namespaces (0: until the stop file), by rn_churn,
# which moves itself from namespace to namespace without a fork each time.
churner() {
	local m= out
	[ "$FAULTS" = 1 ] && m=-m
	out=$(rn_churn $m "$1" "$STOP") || echo "churner: $out" >> "$ERR"
	echo "$out" >> "$WORK/churn"
}

# A new namespace names the initial one.
writer_from_new() {
	local r
	while [ ! -e "$STOP" ]; do
		r=$(unshare -n rn_write "$FILE" "peer 1" 2>/dev/null) || [ -n "$r" ] || r="unshare -n failed"
		[ "$r" = ok ] && echo n >> "$COUNT"
		[ "$r" = "unshare -n failed" ] && [ "$FAULTS" = 1 ] && continue
		note writer_from_new "$r" ok $UNLOAD_ERRNOS
		sleep 0.05
	done
}

# The initial namespace names namespaces that die at the same moment: the
# pid may already be gone, or its namespace unlinked (ESRCH).  The write
# waits until the process has left this namespace (or is gone): before its
# unshare(2), "peer PID" would name the initial namespace itself.
writer_for_dying() {
	local r p self
	self=$(readlink /proc/self/ns/net)
	while [ ! -e "$STOP" ]; do
		unshare -n sleep 0.5 2>/dev/null &
		p=$!
		while [ "$(readlink "/proc/$p/ns/net" 2>/dev/null)" = "$self" ]; do :; done
		r=$(rn_write "$FILE" "peer $p")
		echo "$r" >> "$WORK/for_dying"
		[ "$r" = ok ] && echo d >> "$COUNT"
		note writer_for_dying "$r" ok ESRCH $UNLOAD_ERRNOS
		wait
	done
}

# uid 65534: refused on the initial table, accepted on the table of a
# network namespace its own user namespace owns (made after the uid map,
# see users.sh).  Its results go to a file of its own and are judged here.
writer_nobody() {
	as_nobody "
		while [ ! -e $STOP ]; do
			r=\$($RN_WRITE $FILE 'peer 1')
			echo \"init \${r:-failed}\"
			r=\$(unshare -Ur unshare -n $RN_WRITE $FILE 'peer 1' 2>/dev/null)
			echo \"own \${r:-failed}\"
			sleep 0.1
		done" > "$WORK/nobody" 2>&1
	local what r
	while read -r what r; do
		case $what in
		init) note writer_nobody_init "$r" EACCES ENOENT ;;
		own)
			[ "$r" = ok ] && echo u >> "$COUNT"
			[ "$r" = failed ] && [ "$FAULTS" = 1 ] && continue
			note writer_nobody_own "$r" ok $UNLOAD_ERRNOS
			;;
		*) note writer_nobody "unexpected output: $what $r" ;;
		esac
	done < "$WORK/nobody"
}

# Hostile writes, from a network namespace of its own (so that only it
# adds to the table it checks), mutating "peer <a live process>".
fuzzer() {
	local target i m=
	for i in 1 2 3 4 5 6 7 8 9 10; do	# unshare -n may fail under injection
		unshare -n sleep 1000 2>/dev/null &
		target=$!
		sleep 0.5
		kill -0 "$target" 2>/dev/null && break
	done
	[ "$FAULTS" = 1 ] && m=-m
	unshare -n rn_fuzz $m "$FILE" "$FUZZ" "$RANDOM" "$target" > "$WORK/fuzz" 2>&1 ||
		echo "fuzzer: $(tail -n 1 "$WORK/fuzz")" >> "$ERR"
	kill "$target"
	wait "$target" 2>/dev/null
}

# faults_filter: failslab and fail_page_alloc only for call stacks through
# the module's text, as loaded now.  /proc/modules has its base and size.
faults_filter() {
	local name size refs deps state base f
	# "rust_netns SIZE REFS DEPS STATE BASE [TAINTS]"
	read -r name size refs deps state base _ < <(grep '^rust_netns ' /proc/modules) || return 1
	[ $((base)) -ne 0 ] || return 1	# a hidden address
	for f in failslab fail_page_alloc; do
		echo "$base" > "$DEBUG/$f/require-start"
		printf '0x%x\n' $((base + size)) > "$DEBUG/$f/require-end"
	done
}

# faults_on: the filter first; until it is set, the whole kernel's
# allocations would fail.
faults_on() {
	local f
	faults_filter || { echo "no address for rust_netns in /proc/modules"; return 1; }
	for f in failslab fail_page_alloc; do
		echo 0 > "$DEBUG/$f/verbose"
		echo N > "$DEBUG/$f/task-filter"
		echo N > "$DEBUG/$f/ignore-gfp-wait"
		echo 1 > "$DEBUG/$f/interval"
		echo "$FAULT_TIMES" > "$DEBUG/$f/times"
	done
	echo N > "$DEBUG/fail_page_alloc/ignore-gfp-highmem"
	echo 0 > "$DEBUG/fail_page_alloc/min-order"
	faults_set "$PROBABILITY"
	touch "$WORK/faults-armed"
}

# faults_set PERCENT: the failure probability of both.
faults_set() {
	local f
	for f in failslab fail_page_alloc; do
		echo "$1" > "$DEBUG/$f/probability"
	done
}

faults_injected() {
	local f n=0
	[ -e "$WORK/faults-armed" ] || { echo 0; return; }
	for f in failslab fail_page_alloc; do
		n=$((n + FAULT_TIMES - $(cat "$DEBUG/$f/times")))
	done
	echo "$n"
}

# Unload and load again, leaving the module loaded for a second each time.
# Under fault injection an insmod may fail (init's rollback is under test
# too): then it is retried with injection paused, so that the module is
# loaded most of the time.
loader() {
	while [ ! -e "$STOP" ]; do
		rmmod rust_netns 2>>"$WORK/rmmod" && echo l >> "$COUNT"
		if ! insmod "$KO" 2>>"$WORK/insmod"; then
			[ "$FAULTS" = 1 ] || continue
			faults_set 0
			insmod "$KO"
			faults_set "$PROBABILITY"
		fi
		[ "$FAULTS" = 1 ] && faults_filter
		sleep 1
	done
}

count_of() { grep -c "^$1\$" "$COUNT"; }

ktap_print_header
ktap_set_plan $((12 + FAULTS))
ktap_print_msg "kernel command line: $(cat /proc/cmdline)"
detectors() {
	if [ "$KMEMLEAK" = 1 ]; then
		echo clear > "$DEBUG/kmemleak" || return 1	# not ours: what boot left
	fi
	if [ "$FAULTS" = 1 ]; then
		[ -d "$DEBUG/failslab" ] && [ -d "$DEBUG/fail_page_alloc" ] || return 1
	fi
	true
}
ktap_result "detectors asked for are there (faults $FAULTS, kmemleak $KMEMLEAK)" detectors
ktap_result "insmod" insmod "$KO"
[ "$FAULTS" = 0 ] || ktap_result "fault injection on, for the module's text" faults_on
: > "$COUNT"
start=$SECONDS
P=$(nproc)
quota=0
[ "$TARGET" -gt 0 ] && quota=$(((TARGET + P - 1) / P))
churners=
for i in $(seq "$P"); do
	churner "$quota" &
	churners="$churners $!"
done
writer_from_new &
writer_for_dying &
writer_nobody &
fuzzer &
loader &
if [ "$TARGET" -gt 0 ]; then
	wait $churners
else
	sleep "$SECONDS_TO_RUN"
fi
touch "$STOP"
wait
elapsed=$((SECONDS - start))
[ "$FAULTS" = 1 ] && faults_set 0
faults=0
[ "$FAULTS" = 1 ] && faults=$(faults_injected)
ktap_print_msg "writes for dying namespaces: $(sort "$WORK/for_dying" | uniq -c | tr '\n' ';')"
for f in rmmod insmod; do
	[ -s "$WORK/$f" ] && ktap_print_msg "$f failures: $(sort "$WORK/$f" | uniq -c | tr '\n' ';')"
done
churned=$(awk '{ n += $2 } END { print n + 0 }' "$WORK/churn")
churn_failed=$(awk '{ n += $4 } END { print n + 0 }' "$WORK/churn")
unloads=$(count_of l)
from_new=$(count_of n)
for_dying=$(count_of d)
nobody=$(count_of u)
ktap_print_msg "$churned namespaces churned ($churn_failed failed under injection), $unloads unloads, $from_new + $for_dying + $nobody peer writes accepted (from new, for dying, by nobody), $faults faults injected, in ${elapsed}s"
ktap_print_msg "$(cat "$WORK/fuzz")"

# A run in which nothing got through would pass everything below.
real_work() {
	local min=$((TARGET > 0 ? TARGET : 100))
	[ "$churned" -ge "$min" ] || { echo "$churned namespaces, expected $min"; return 1; }
	[ "$unloads" -ge 5 ] || { echo "$unloads unloads"; return 1; }
	[ "$from_new" -ge 5 ] && [ "$for_dying" -ge 5 ] && [ "$nobody" -ge 5 ] ||
		{ echo "too few accepted writes"; return 1; }
	[ "$FAULTS" = 0 ] || [ "$faults" -gt 0 ] || { echo "no fault injected"; return 1; }
}
ktap_result "real work: namespaces, 5 unloads, 5 accepted writes per writer, faults" real_work
fuzz_done() {
	local accepted einval
	read -r accepted einval < <(sed -n 's/.*: \([0-9]*\) accepted, \([0-9]*\) EINVAL.*/\1 \2/p' "$WORK/fuzz")
	[ "${accepted:-0}" -ge 1 ] && [ "${einval:-0}" -ge $((FUZZ / 4)) ]
}
ktap_result "hostile writes: $FUZZ judged, each valid or refused with no change" fuzz_done
no_errors() {
	[ ! -s "$ERR" ] || { sort "$ERR" | uniq -c; return 1; }
}
ktap_result "workers saw only the expected results" no_errors

lsmod | grep -q '^rust_netns' || insmod "$KO"
ktap_result "module loaded after the run" test -e "$FILE"
ktap_result "counters balance once cleanup is done: inits == exits + live" counters_balance
# Only the initial namespace is left, and it names no one but the dying,
# who are gone: a peer line is a stale id, and the counter must agree.
ktap_result "no stale peer id, peer_ids 0" no_stale_ids
ktap_result "rmmod" rmmod rust_netns
ktap_result "every unload: each init had its exit, no peer id left" unload_balanced

leaks=0
kmemleak_scan() {
	[ "$KMEMLEAK" = 1 ] || return 0
	# Twice, as Documentation/dev-tools/kmemleak.rst advises: an object
	# is reported once it looked unreferenced in two scans.
	echo scan > "$DEBUG/kmemleak" && echo scan > "$DEBUG/kmemleak" || return 1
	cat "$DEBUG/kmemleak" > "$WORK/kmemleak"
	leaks=$(grep -c 'unreferenced object' "$WORK/kmemleak")
	[ "$leaks" -eq 0 ] || { head -n 100 "$WORK/kmemleak"; return 1; }
}
ktap_result "kmemleak: no leak after the last unload (kmemleak $KMEMLEAK)" kmemleak_scan
splats=$(dmesg | grep -cE '(^|[^A-Za-z0-9_])(WARNING:|BUG[: ]|Oops|KASAN:|UBSAN:|INFO: (possible|task .* blocked|rcu)|soft lockup|hard LOCKUP|kmemleak: .*suspected)')
ktap_result "no kernel splat in dmesg" test "$splats" -eq 0
ktap_print_msg "stress: $churned namespaces, $unloads unloads, $faults faults injected, $leaks kmemleak reports, $splats splats"
ktap_finished
