#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Routes that share a node, deleted from every place of its list.  The
# series unlinks a route through a back pointer kept by every insert,
# replace and unlink (fib6_pprev); mainline walks the node's routes from
# its head.  A back pointer left stale makes a deletion fail (and warn),
# or unlink the wrong route: the node's routes, listed after each step,
# show it.
#
# One node, 2001:db8:1::/64, on dummies d1-d8, each step followed by the
# routes of the node in their order (a multipath route as its devices
# joined by "+"):
#   add d1-d6 at metric 1024            d1 d2 d3 d4 d5 d6
#   del the head, a middle, the tail    d2 d3 d5
#   add d7 at 512 (new head), d8 at 2048 (new tail)
#   replace at 1024 by d1 (d2's place)  d7 d1 d3 d5 d8
#   del d1 (a replacing route), d3      d7 d5 d8
#   multipath at 256 through d2 and d4 (new head), replaced by one
#   through d6 (the siblings go), another nexthop through d2 appended,
#   d6's deleted                        d2 d7 d5 d8
#   d5 down (its flush), d7 deleted     d2 d8
#   the rest deleted                    (none)
# Once with the series, and on a kernel with the lab series once more
# with netns/mainline set (the walk); both must list the same.
. "$(dirname "$0")/../lib/ktap.sh"

P=2001:db8:1::/64
lab_modes_begin 2 1

# node: the node's routes, in order, as devices.
node() {
	ip -n "$NS" -6 -o route show "$P" | while read -r line; do
		grep -o 'dev d[0-9]*' <<<"$line" | sed 's/dev //' | paste -sd+
	done | paste -sd' '
}

# step WANT CMD...: run CMD in $NS's ip, then the node must be WANT.
step() {
	local want=$1 got
	shift
	ip -n "$NS" "$@" || { echo "failed: ip $*"; return 1; }
	got=$(node)
	[ "$got" = "$want" ] || { echo "after ip $*: want '$want', got '$got'"; return 1; }
	echo "$got"
}

steps() {
	local i
	for i in 1 2 3 4 5 6 7 8; do
		ip -n "$NS" link add d$i type dummy && ip -n "$NS" link set d$i up || return 1
	done
	# "add" refuses a second route of a metric: "append" adds it after.
	ip -n "$NS" -6 route add $P dev d1 metric 1024 || return 1
	for i in 2 3 4 5 6; do
		ip -n "$NS" -6 route append $P dev d$i metric 1024 || return 1
	done
	[ "$(node)" = "d1 d2 d3 d4 d5 d6" ] || { echo "made: $(node)"; return 1; }
	step "d2 d3 d4 d5 d6" -6 route del $P dev d1 metric 1024 &&
	step "d2 d3 d5 d6" -6 route del $P dev d4 metric 1024 &&
	step "d2 d3 d5" -6 route del $P dev d6 metric 1024 &&
	step "d7 d2 d3 d5" -6 route add $P dev d7 metric 512 &&
	step "d7 d2 d3 d5 d8" -6 route add $P dev d8 metric 2048 &&
	step "d7 d1 d3 d5 d8" -6 route replace $P dev d1 metric 1024 &&
	step "d7 d3 d5 d8" -6 route del $P dev d1 metric 1024 &&
	step "d7 d5 d8" -6 route del $P dev d3 metric 1024 &&
	step "d2+d4 d7 d5 d8" -6 route add $P metric 256 \
		nexthop via fe80::1 dev d2 nexthop via fe80::2 dev d4 &&
	step "d6 d7 d5 d8" -6 route replace $P metric 256 nexthop via fe80::3 dev d6 &&
	step "d6+d2 d7 d5 d8" -6 route append $P metric 256 via fe80::4 dev d2 &&
	step "d2 d7 d5 d8" -6 route del $P metric 256 via fe80::3 dev d6 &&
	step "d2 d7 d8" link set d5 down &&
	step "d2 d8" -6 route del $P dev d7 metric 512 &&
	step "d2" -6 route del $P dev d8 metric 2048 &&
	step "" -6 route del $P metric 256 via fe80::4 dev d2
}

for mode in $MODES; do
	name="node list (netns/mainline $mode)"
	[ -w "$SWITCH" ] || name="node list"
	# (not "rc": ktap_result has a local of that name)
	done_ok=1
	if lab_mode "$mode" && setup_ns NS >/dev/null; then
		steps >"$OUT/$mode" 2>&1
		done_ok=$?
	fi
	ktap_result "$name: head, middle, tail, replaced and multipath routes deleted in place" \
		eval '[ $done_ok = 0 ] || { cat "$OUT/$mode"; false; }'
	ktap_result "$name: nothing left in the node, no route of it elsewhere" \
		eval '[ $done_ok = 0 ] && [ -z "$(ip -n "$NS" -6 route show "$P")" ]'
	ip netns del "$NS"
	NS=
done
ktap_result "every mode listed the same nodes" \
	eval 'for m in $MODES; do cmp -s "$OUT/N" "$OUT/$m" || exit 1; done'
ktap_finished
