#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A route added while its device moves to another netns.  RTM_NEWROUTE
# runs without RTNL: the kernel checks the device, then inserts the
# route, and the device can change netns in between.  The route then
# lands in the old netns's table (as in mainline, where it stays until
# someone deletes it), and it must stay off the device's route list:
# otherwise the device's next flush, in its new netns, deletes a route of
# the old netns's table, under the wrong netns's lock and accounting.
#
# In each mode of the lab's netns/mainline switch (the series' device
# lists, then mainline's walk of the FIB), with netns/route6_add_delay_ms
# holding the add between its check and its insert:
#   - namespace A: veth v0 (up); "ip -6 route add 2001:db8:1::/64 dev v0"
#     in the background; v0 moves to namespace B while the add sleeps;
#   - in B: v0 up, a route of B's own through it, v0 down (its flush);
#   - A's route is still in A's table, B's own route is gone.
# Then A's route is deleted, so that v0 can be freed.
# Skipped on a kernel without the lab series' knobs.
. "$(dirname "$0")/../lib/ktap.sh"

DBG=/sys/kernel/debug/netns
DELAY_MS=3000
OUT=$(mktemp -d)
A=
B=
cleanup() {
	[ ! -w "$DBG/route6_add_delay_ms" ] || echo 0 >"$DBG/route6_add_delay_ms"
	[ ! -w "$DBG/mainline" ] || echo N >"$DBG/mainline"
	[ -z "$A" ] || ip -n "$A" -6 route del 2001:db8:1::/64 2>/dev/null
	[ -z "$A$B" ] || cleanup_ns $A $B
	rm -rf "$OUT"
}
trap cleanup EXIT

ktap_print_header
if [ ! -w "$DBG/route6_add_delay_ms" ] || [ ! -w "$DBG/mainline" ]; then
	ktap_skip_all "no $DBG/route6_add_delay_ms or mainline: not a kernel with the lab series"
	exit "$KSFT_SKIP"
fi
ktap_set_plan 4

# scenario MODE: the move under a delayed add, with netns/mainline MODE;
# prints what it saw, fails if it could not run as planned.
scenario() {
	local pid rc

	setup_ns A B || return 1
	echo "$1" >"$DBG/mainline" || return 1
	ip -n "$A" link add v0 type veth peer name v1 &&
		ip -n "$A" link set v0 up && ip -n "$A" link set v1 up || return 1

	echo $DELAY_MS >"$DBG/route6_add_delay_ms"
	ip -n "$A" -6 route add 2001:db8:1::/64 dev v0 &
	pid=$!
	sleep 1
	echo 0 >"$DBG/route6_add_delay_ms"
	ip -n "$A" link set v0 netns "$B" || return 1
	if ! kill -0 $pid 2>/dev/null; then
		echo "the add ended before the move: the window was missed"
		return 1
	fi
	wait $pid
	rc=$?
	echo "add: exit $rc"

	ip -n "$B" link set v0 up &&
		ip -n "$B" -6 route add 2001:db8:2::/64 dev v0 &&
		ip -n "$B" link set v0 down || return 1
	echo "A: $(ip -n "$A" -6 route show 2001:db8:1::/64 | grep -c 2001:db8:1::/64)"
	echo "B: $(ip -n "$B" -6 route show 2001:db8:2::/64 | grep -c 2001:db8:2::/64)"

	ip -n "$A" -6 route del 2001:db8:1::/64 2>/dev/null
	cleanup_ns $A $B
	A= B=
}

scenario N >"$OUT/N" 2>&1
n=$?
scenario Y >"$OUT/Y" 2>&1
y=$?

ktap_result "the add sleeps across the move, in both modes" \
	eval '[ $n = 0 ] && [ $y = 0 ] || { cat "$OUT/N" "$OUT/Y"; false; }'
ktap_result "mainline's walk: A keeps its route, B's flush deletes B's" \
	eval 'grep -qx "A: 1" "$OUT/Y" && grep -qx "B: 0" "$OUT/Y" || { cat "$OUT/Y"; false; }'
ktap_result "device lists: A keeps its route, B's flush deletes B's" \
	eval 'grep -qx "A: 1" "$OUT/N" && grep -qx "B: 0" "$OUT/N" || { cat "$OUT/N"; false; }'
ktap_result "both modes saw the same" \
	eval 'cmp -s "$OUT/N" "$OUT/Y" || { diff "$OUT/Y" "$OUT/N"; false; }'
ktap_finished
