#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Strict IPv6 route lookups (link-local and multicast destinations, with an
# interface) at nodes that hold a route per device: the series finds the
# route of the interface through the device index, mainline scores every
# route of the node.  The same queries run with the lab's netns/mainline
# switch on and off, in one boot, and must get the same answers.
#
# The namespace: 20 dummy devices up with fixed MAC addresses, so the
# fe80::/64 node of the main table and the ff00::/8 node of the local table
# hold 20 routes each.  Then, in steps, each followed by every query:
#   1  as made;
#   2  shapes the index must get right: d3 gets a second fe80::/64 route
#      after its own at a higher metric, d15 one at a lower metric (two
#      routes of one device: left to the walk, whatever their order on the
#      device's list), d5's fe80::/64 moves
#      to metric 2048 (alone in its metric), d7 loses its fe80::/64 (no
#      route: the lookup backtracks), d9 loses its carrier with
#      ignore_routes_with_linkdown set, d11's route expires;
#   3  a route through a nexthop object on d13 joins fe80::/64 (the node
#      is left to the walk from then on) and d13's own route leaves: only
#      the nexthop route can answer for d13;
#   4  a blackhole nexthop object route joins fe80::/64 at metric 64: it
#      matches whatever the interface, so every fe80::1 lookup ends there,
#      as in mainline, whatever route the device's list holds.
# Queries, for every device: "route get" of fe80::1 and of ff02::1 with
# oif (output lookups), and of ff02::1 with iif (input lookups).
# Skipped on a kernel without the lab series' switch.
. "$(dirname "$0")/../lib/ktap.sh"

N=20
lab_switch_begin 6

# ask MODE STEP: every query with netns/mainline MODE (Y or N), answers
# (or errors) to $OUT/MODE-STEP.
ask() {
	local i
	echo "$1" >"$SWITCH" || return 1
	for i in $(seq 1 $N); do
		echo "d$i fe80::1 oif: $(ip -n "$NS" -6 route get fe80::1 oif "d$i" 2>&1)"
		echo "d$i ff02::1 oif: $(ip -n "$NS" -6 route get ff02::1 oif "d$i" 2>&1)"
		echo "d$i ff02::1 iif: $(ip -n "$NS" -6 route get ff02::1 from fe80::2 iif "d$i" 2>&1)"
	done >"$OUT/$1-$2"
}

# step NAME: the queries in both modes.
step() { ask Y "$1" && ask N "$1"; }

# same STEP: both modes answered the same.
same() {
	if ! cmp -s "$OUT/Y-$1" "$OUT/N-$1"; then
		echo "mainline (<) and the series (>) answer differently:"
		diff "$OUT/Y-$1" "$OUT/N-$1" | head -n 20
		return 1
	fi
}

setup() {
	local i
	setup_ns NS || return 1
	for i in $(seq 1 $N); do
		echo "link add d$i address 02:00:00:00:01:$(printf %02x "$i") type dummy"
		echo "link set d$i up"
	done | ip -n "$NS" -batch - || return 1
	# Wait for the multicast routes of all.
	slowwait 10 mroutes
}

# mroutes: every dummy has its ff00::/8 route.  (Not in "sh -c": busybox's
# sh would run its own ip.)
mroutes() {
	[ "$(ip -n "$NS" -6 route show table local | grep -c '^multicast ff00::/8')" -eq $N ]
}

shapes() {
	ip netns exec "$NS" sysctl -qw net.ipv6.conf.d9.ignore_routes_with_linkdown=1 &&
		ip -n "$NS" -batch - <<-EOT
			route add fe80::/64 dev d3 metric 1024
			route add fe80::/64 dev d15 metric 128
			route del fe80::/64 dev d5 metric 256
			route add fe80::/64 dev d5 metric 2048
			route del fe80::/64 dev d7 metric 256
			link set d9 carrier off
			route replace fe80::/64 dev d11 metric 256 expires 1
		EOT
	sleep 2
}

nexthop() {
	ip -n "$NS" -6 nexthop add id 1 dev d13 &&
		ip -n "$NS" -batch - <<-EOT
		route add fe80::/64 nhid 1 metric 512
		route del fe80::/64 dev d13 metric 256
	EOT
}

blackhole() {
	ip -n "$NS" -6 nexthop add id 2 blackhole &&
		ip -n "$NS" -6 route add fe80::/64 nhid 2 metric 64
}

# sane: in the series' answers of step 1, every device's fe80::1 and
# ff02::1 lookups went out of that device.
sane() {
	local i bad=0
	for i in $(seq 1 $N); do
		grep -q "^d$i fe80::1 oif: fe80::1 dev d$i " "$OUT/N-1" || bad=1
		grep -q "^d$i ff02::1 oif: multicast ff02::1 dev d$i " "$OUT/N-1" || bad=1
	done
	[ $bad = 0 ] || { echo "unexpected answers:"; head -n 6 "$OUT/N-1"; }
	return $bad
}

# answered STEP: at least one lookup per device found a route through it
# in both modes (the queries did not all fail alike).
answered() {
	local f
	for f in "$OUT/Y-$1" "$OUT/N-$1"; do
		[ "$(grep -c ' dev d[0-9]* ' "$f")" -ge $N ] || {
			echo "$f: too few answers"; head -n 6 "$f"; return 1; }
	done
}

# The steps run here, not in ktap_result's subshell: they share $NS.
setup >"$OUT/log" 2>&1 && step 1 >>"$OUT/log" 2>&1
made=$?
ktap_result "$N dummies, each with fe80::/64 and ff00::/8 routes; queries in both modes" \
	eval '[ $made = 0 ] || { cat "$OUT/log"; false; }'
ktap_result "as made: every lookup goes out of its device, as in mainline" \
	eval 'sane && same 1'
[ $made = 0 ] && shapes >>"$OUT/log" 2>&1 && step 2 >>"$OUT/log" 2>&1
shaped=$?
ktap_result "two routes of a device (either order), a lone metric, no route, linkdown, expired: as mainline" \
	eval '[ $shaped = 0 ] && answered 2 && same 2 || { cat "$OUT/log"; false; }'
[ $shaped = 0 ] && nexthop >>"$OUT/log" 2>&1 && step 3 >>"$OUT/log" 2>&1
nh=$?
ktap_result "a nexthop object route at fe80::/64: as mainline" \
	eval '[ $nh = 0 ] && answered 3 && same 3 || { cat "$OUT/log"; false; }'
[ $nh = 0 ] && blackhole >>"$OUT/log" 2>&1 && step 4 >>"$OUT/log" 2>&1
bh=$?
ktap_result "a blackhole nexthop route at fe80::/64 takes every fe80::1 lookup: none goes out of a dummy, as in mainline" \
	eval '[ $bh = 0 ] && same 4 && ! grep -q "fe80::1 oif: fe80::1 .*dev d[0-9]" "$OUT/N-4" ||
		{ cat "$OUT/log"; head -n 6 "$OUT/N-4"; false; }'
# The steps must have changed some answers, or they tested nothing.
ktap_result "the shapes and the nexthop route changed some answers" \
	eval '[ $nh = 0 ] && ! cmp -s "$OUT/N-1" "$OUT/N-2" && ! cmp -s "$OUT/N-2" "$OUT/N-3"'
ktap_finished
