#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The kernel's own netns ids (net->netns_ids, RTM_{NEW,DEL}NSID) through
# iproute2: ids assigned with "ip netns set" in two namespaces disappear
# from both when the peer dies, and "ip monitor nsid" in each sees the
# deletion exactly once.  This is the path the kernel patches change.
. "$(dirname "$0")/../lib/ktap.sh"
. "$(dirname "$0")/lib.sh"


ktap_plan 9

has_id() { ip ${2:+-n "$2"} netns list-id | grep -q "^nsid $1 "; }
lacks_id() { ! has_id "$@"; }
monitor_saw() { grep -q "^nsid $1 " "$2"; }

setup() {
	ip netns add nsid-a && ip netns add nsid-b && ip netns add nsid-c
}
ktap_result "ip netns add (3 namespaces)" setup

ktap_result "ip netns set: id 7 for b, here" ip netns set nsid-b 7
ktap_result "ip netns list-id shows it" has_id 7
ktap_result "ip -n a netns set: id 3 for b, in a" ip -n nsid-a netns set nsid-b 3

# Monitors in the initial namespace and in a.  A monitor is subscribed once
# it has its netlink socket (iproute2 binds the groups when it opens it);
# an id for c then proves each one is listening before b is deleted.
# (/usr/bin/ip itself, not the ip() function: $! must be its pid.)
/usr/bin/ip monitor nsid > /tmp/mon0.log 2>&1 &
M0=$!
/usr/bin/ip -n nsid-a monitor nsid > /tmp/mona.log 2>&1 &
MA=$!
monitors_live() {
	poll 10 has_socket "$M0" || { echo "no monitor here"; return 1; }
	poll 10 has_socket "$MA" || { echo "no monitor in a"; return 1; }
	ip netns set nsid-c 9 || { echo "set 9 failed"; return 1; }
	ip -n nsid-a netns set nsid-c 5 || { echo "set 5 failed"; return 1; }
	poll 10 monitor_saw 9 /tmp/mon0.log && poll 10 monitor_saw 5 /tmp/mona.log ||
		{ head /tmp/mon0.log /tmp/mona.log; return 1; }
}
ktap_result "ip monitor nsid sees new ids" monitors_live

ip netns del nsid-b
ktap_result "b's id gone here after b dies" poll 30 lacks_id 7
ktap_result "b's id gone in a after b dies" poll 30 lacks_id 3 nsid-a
deleted_once() {
	n=$(grep -c "^Deleted nsid $1 " "$2")
	[ "$n" -eq 1 ] || { echo "$n deletions of nsid $1 in $2:"; cat "$2"; return 1; }
}
ktap_result "monitor here saw 'Deleted nsid 7' once" poll 10 deleted_once 7 /tmp/mon0.log
ktap_result "monitor in a saw 'Deleted nsid 3' once" poll 10 deleted_once 3 /tmp/mona.log

kill "$M0" "$MA" 2>/dev/null
wait 2>/dev/null
ip netns del nsid-a
ip netns del nsid-c
ktap_finish
