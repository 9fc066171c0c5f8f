#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The kernel's own netns ids (net->netns_ids, RTM_{NEW,DEL}NSID) through
# iproute2: ids assigned with "ip netns set" in two namespaces disappear
# from both when the peer dies, and "ip monitor nsid" in each sees the
# deletion exactly once.  This is the path the kernel patches change.
. "$(dirname "$0")/../lib/ktap.sh"
. "$(dirname "$0")/lib.sh"


ktap_print_header
ktap_set_plan 10

has_id() { _i=$(ids_in "$2") || return 1; echo "$_i" | grep -qx "$1"; }
# lacks_id ID NS KEEP: NS ("" for here) lists KEEP but not ID.
lacks_id() {
	_i=$(ids_in "$2") || return 1
	! echo "$_i" | grep -qx "$1" && echo "$_i" | grep -qx "$3"
}
monitor_saw() { grep -q "^nsid $1 " "$2"; }

setup() {
	ip netns add nsid-a && ip netns add nsid-b && ip netns add nsid-c
}
ktap_result "ip netns add (3 namespaces)" setup

ktap_result "ip netns set: id 7 for b, here" ip netns set nsid-b 7
ktap_result "ip netns list-id shows it" has_id 7
ktap_result "ip -n a netns set: id 3 for b, in a" ip -n nsid-a netns set nsid-b 3
# b's own ids for a and c die with b; a and c outlive them.
ktap_result "ip -n b netns set: ids 4 for a, 6 for c, in b" \
	sh -c '/usr/bin/ip -n nsid-b netns set nsid-a 4 && /usr/bin/ip -n nsid-b netns set nsid-c 6'

# Monitors in the initial namespace and in a.  A monitor is subscribed once
# it has its netlink socket (iproute2 binds the groups when it opens it);
# an id for c then proves each one is listening before b is deleted.
# (/usr/bin/ip itself, not the ip() function: $! must be its pid.)
/usr/bin/ip monitor nsid > /tmp/mon0.log 2>&1 &
M0=$!
/usr/bin/ip -n nsid-a monitor nsid > /tmp/mona.log 2>&1 &
MA=$!
monitors_live() {
	slowwait 10 has_socket "$M0" || { echo "no monitor here"; return 1; }
	slowwait 10 has_socket "$MA" || { echo "no monitor in a"; return 1; }
	ip netns set nsid-c 9 || { echo "set 9 failed"; return 1; }
	ip -n nsid-a netns set nsid-c 5 || { echo "set 5 failed"; return 1; }
	slowwait 10 monitor_saw 9 /tmp/mon0.log && slowwait 10 monitor_saw 5 /tmp/mona.log ||
		{ head /tmp/mon0.log /tmp/mona.log; return 1; }
}
ktap_result "ip monitor nsid sees new ids" monitors_live

ip netns del nsid-b
# c's ids (9 here, 5 in a) must outlive b's.
ktap_result "b's id gone here after b dies, c's kept" slowwait 30 lacks_id 7 "" 9
ktap_result "b's id gone in a after b dies, c's kept" slowwait 30 lacks_id 3 nsid-a 5

# A sentinel id in both namespaces: once a monitor has printed it, it has
# printed every earlier event (netlink keeps a socket's events in order),
# so the deletions are counted once, not polled until they first look right.
sentinel() {
	ip netns add nsid-s && ip netns set nsid-s 11 && ip -n nsid-a netns set nsid-s 12 &&
		slowwait 20 monitor_saw 11 /tmp/mon0.log && slowwait 20 monitor_saw 12 /tmp/mona.log
}
# deleted_once ID LOG: ID's deletion, exactly once, and no other deletion.
deleted_once() {
	n=$(grep -c "^Deleted nsid $1 " "$2")
	all=$(grep -c '^Deleted' "$2")
	[ "$n" -eq 1 ] && [ "$all" -eq 1 ] ||
		{ echo "$n deletions of nsid $1, $all in all, in $2:"; cat "$2"; return 1; }
}
mon_here() { sentinel && deleted_once 7 /tmp/mon0.log; }
ktap_result "monitor here saw 'Deleted nsid 7' once, and nothing else deleted" mon_here
ktap_result "monitor in a saw 'Deleted nsid 3' once, and nothing else deleted" deleted_once 3 /tmp/mona.log

kill "$M0" "$MA" 2>/dev/null
wait 2>/dev/null
ip netns del nsid-a
ip netns del nsid-c
ip netns del nsid-s
ktap_finished
