#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A flush of a netns's IPv6 dsts (rt_genid_bump_ipv6(): for each address
# deleted, each fib6 rule added, ...) reaches the dsts that sockets keep:
# their next send looks the route up again.  A change to another node of
# the tree, or to another table, does not (as in mainline: only that
# node's and its parents' sernums change).
#
# The namespace: dummies d1, d2 and d5 up with no address of their own
# (no MLD, no RS: their tx counters only count the test's datagrams), d3 with
# 2001:db8:3::1 (no prefix route: deleting it only touches the local
# table), d4 with the socket's source 2001:db8:4::1.  2001:db8:9::/64
# goes through d1 in the main table; rule pref 100 sends
# 2001:db8:9::/64 to table 100, empty at first, so the lookup falls
# through to main.  A connected UDP socket (bash's /dev/udp) then sends to
# 2001:db8:9::5 after each step; where the datagrams leave:
#   made      d1
#   route     d1  2001:db8:9::/64 through d2 in table 100: no flush, the
#                 socket keeps its dst from the main table
#   addr      d2  2001:db8:3::1 deleted: the flush; table 100 answers
#   route200  d2  2001:db8:9::/64 through d5 in table 200: no flush
#   rule      d5  rule pref 50 to table 200: the flush; table 200 answers
# (Each flush moves them to a device they did not use before it.)
# Once with the series' flush (a generation per table) and, on a kernel
# with the lab series, once more with netns/mainline set (the walk that
# writes every node's sernum).
. "$(dirname "$0")/../lib/ktap.sh"

lab_modes_begin 5

setup() {
	setup_ns NS || return 1
	ip -n "$NS" -batch - <<-EOT || return 1
		link add d1 type dummy
		link add d2 type dummy
		link add d3 type dummy
		link add d4 type dummy
		link add d5 type dummy
		link set d1 addrgenmode none
		link set d2 addrgenmode none
		link set d5 addrgenmode none
		link set d1 up
		link set d2 up
		link set d5 up
		link set d3 up
		link set d4 up
		addr add 2001:db8:3::1/64 dev d3 nodad noprefixroute
		addr add 2001:db8:4::1/64 dev d4 nodad
		route add 2001:db8:9::/64 dev d1
	EOT
	ip -n "$NS" -6 rule add to 2001:db8:9::/64 table 100 pref 100
}

# steps: in $NS, the socket and the steps; prints "STEP DEVICE" for each.
steps() {
	ip netns exec "$NS" bash -s <<-'EOS'
		tx() { ip -s link show dev "$1" | awk '/TX:/ { getline; print $2 }'; }
		# out: three datagrams; the dummy they all left through, or
		# what each dummy sent.
		out() {
			local d i n
			declare -A before
			for d in d1 d2 d5; do before[$d]=$(tx $d); done
			for i in 1 2 3; do echo x >&3 || { echo "send-failed"; return; }; done
			for d in d1 d2 d5; do
				n=$(($(tx $d) - before[$d]))
				[ $n -eq 0 ] || i="$i $d+$n"
			done
			case $i in
			"3 d1+3"|"3 d2+3"|"3 d5+3") i=${i#3 }; echo "${i%+3}";;
			*) echo "${i#3 }";;
			esac
		}
		exec 3>/dev/udp/2001:db8:9::5/9 || exit 1
		echo "made $(out)"
		ip -6 route add 2001:db8:9::/64 dev d2 table 100 || exit 1
		echo "route $(out)"
		ip -6 addr del 2001:db8:3::1/64 dev d3 || exit 1
		echo "addr $(out)"
		ip -6 route add 2001:db8:9::/64 dev d5 table 200 || exit 1
		echo "route200 $(out)"
		ip -6 rule add to 2001:db8:9::/64 table 200 pref 50 || exit 1
		echo "rule $(out)"
	EOS
}

# saw STEP DEVICE: the datagrams after STEP left through DEVICE.
saw() {
	grep -qx "$1 $2" <<<"$RES" || { echo "after $1: want $2, saw:"; echo "$RES"; false; }
}

for mode in $MODES; do
	name="flush (netns/mainline $mode)"
	[ -w "$SWITCH" ] || name=flush
	# setup runs here, not in a subshell: it sets $NS.
	if lab_mode "$mode" && setup >"$OUT/log" 2>&1; then
		RES=$(steps 2>&1)
	else
		RES="setup failed: $(cat "$OUT/log")"
	fi
	ktap_result "$name: a connected socket's datagrams leave through the main table's route" \
		saw made d1
	ktap_result "$name: a route added to another table does not move them" \
		saw route d1
	ktap_result "$name: an address deleted elsewhere flushes: they follow table 100" \
		saw addr d2
	ktap_result "$name: a route added to table 200 does not move them" \
		saw route200 d2
	ktap_result "$name: a rule added flushes: they follow table 200" \
		saw rule d5
	[ -z "$NS" ] || ip netns del "$NS"
	NS=
done
ktap_finished
