#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# 30 seconds of everything at once: parallel unshare -n loops, peer writes
# from new namespaces and for namespaces that are dying, and an
# insmod/rmmod loop.  Afterwards the counters must balance and the module
# must unload with no peer id left; the host fails the run on any kernel
# splat in the console.
. "$(dirname "$0")/../lib/ktap.sh"
. "$(dirname "$0")/lib.sh"

SECONDS_TO_RUN=${lab_stress_seconds:-30}
STOP=/tmp/stress.stop
ERR=/tmp/stress.err
COUNT=/tmp/stress.count
rm -f "$STOP" "$ERR" "$COUNT"

# note WORKER RESULT ALLOWED...: record RESULT unless it is allowed.
note() {
	_w=$1
	_r=$2
	shift 2
	for _a in "$@"; do
		[ "$_r" = "$_a" ] && return 0
	done
	echo "$_w: $_r" >> "$ERR"
}

churner() {
	while [ ! -e "$STOP" ]; do
		unshare -n true || note churner "unshare failed"
		echo c >> "$COUNT"
	done
}

# A new namespace names the initial one.  While the module is unloaded or
# being unloaded the file is missing (ENOENT) or going away (EIO), during
# unload the initial namespace may already have left the registry (ESRCH:
# not known to the module any more), and the new namespace's own table may
# be gone while its file is not yet (ENODEV: unregistering runs every exit,
# which takes the table, before the data holding the file is dropped).
writer_from_new() {
	while [ ! -e "$STOP" ]; do
		r=$(unshare -n rn_write "$FILE" "peer 1")
		[ "$r" = ok ] && echo n >> "$COUNT"
		note writer_from_new "$r" ok ENOENT EIO ESRCH ENODEV
	done
}

# The initial namespace names namespaces that die at the same moment: the
# pid may already be gone, or its namespace unlinked (ESRCH); the unload
# cases are as above.
writer_for_dying() {
	while [ ! -e "$STOP" ]; do
		unshare -n sleep 0.02 &
		r=$(rn_write "$FILE" "peer $!")
		[ "$r" = ok ] && echo d >> "$COUNT"
		note writer_for_dying "$r" ok ESRCH ENOENT EIO ENODEV
		wait
	done
}

loader() {
	while [ ! -e "$STOP" ]; do
		rmmod rust_netns 2>/dev/null && echo l >> "$COUNT"
		insmod "$KO" 2>/dev/null
		sleep 0.2
	done
}

ktap_print_header
ktap_set_plan 7
ktap_result "insmod" insmod "$KO"
churner &
churner &
writer_from_new &
writer_for_dying &
loader &
sleep "$SECONDS_TO_RUN"
touch "$STOP"
wait
churned=$(grep -c c "$COUNT")
unloads=$(grep -c l "$COUNT")
from_new=$(grep -c n "$COUNT")
for_dying=$(grep -c d "$COUNT")
ktap_print_msg "$churned namespaces churned, $unloads unloads, $from_new + $for_dying peer writes accepted in ${SECONDS_TO_RUN}s"
# A run in which nothing got through would pass everything below.
real_work() {
	[ "$churned" -ge 100 ] && [ "$unloads" -ge 5 ] &&
		[ "$from_new" -ge 5 ] && [ "$for_dying" -ge 5 ]
}
ktap_result "real work: >= 100 namespaces, 5 unloads, 5 accepted writes per writer" real_work

no_errors() {
	[ ! -s "$ERR" ] || { sort "$ERR" | uniq -c; return 1; }
}
ktap_result "workers saw only the expected errors" no_errors
lsmod | grep -q '^rust_netns' || insmod "$KO"
ktap_result "module loaded after the run" test -e "$FILE"
balanced_now() {
	counters_balance &&
		[ "$(stat_of peer_ids)" -eq "$(grep -c '^peer ' "$FILE")" ]
}
ktap_result "counters balance once cleanup is done" balanced_now
ktap_result "rmmod" rmmod rust_netns
ktap_result "every unload: each init had its exit, no peer id left" unload_balanced
ktap_finished
