#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Many nsids: each of M surviving namespaces holds an nsid for each of L
# namespaces that are then destroyed together.  Every id must disappear
# from every survivor, and "ip monitor nsid" in each survivor must report
# each deletion exactly once.  Run in every netns_locking/netns_unhash mode
# of the test kernel (the mode is on the kernel command line).
. "$(dirname "$0")/../lib/ktap.sh"
. "$(dirname "$0")/lib.sh"

M=${lab_nsid_survivors:-6}
L=${lab_nsid_dying:-8}
S=$(seq 1 "$M")
D=$(seq 1 "$L")

ktap_plan 6
ktap_diag "kernel command line: $(cat /proc/cmdline)"

setup() {
	for s in $S; do ip netns add "surv$s" || return 1; done
	for d in $D; do ip netns add "dying$d" || return 1; done
}
ktap_result "create $M survivors and $L namespaces to destroy" setup

# Survivor s gives dying namespace d the id 100 + d.
assign() {
	for s in $S; do
		for d in $D; do
			ip -n "surv$s" netns set "dying$d" $((100 + d)) || return 1
		done
	done
}
ktap_result "assign $((M * L)) nsids" assign

all_assigned() {
	for s in $S; do
		n=$(ip -n "surv$s" netns list-id | grep -c '^nsid 1[0-9][0-9] ')
		[ "$n" -eq "$L" ] || { echo "surv$s has $n ids"; return 1; }
	done
}
ktap_result "every survivor lists its $L ids" all_assigned

MONS=""
for s in $S; do
	/usr/bin/ip -n "surv$s" monitor nsid > "/tmp/many-mon$s.log" 2>&1 &
	MONS="$MONS $!"
done
monitors_ready() {
	for m in $MONS; do poll 10 has_socket "$m" || return 1; done
}
ktap_result "a monitor in every survivor" monitors_ready

for d in $D; do ip netns del "dying$d"; done
none_left() {
	for s in $S; do
		ip -n "surv$s" netns list-id | grep -q '^nsid 1[0-9][0-9] ' && return 1
	done
	return 0
}
ktap_result "all ids gone from every survivor" poll 60 none_left

each_once() {
	for s in $S; do
		for d in $D; do
			n=$(grep -c "^Deleted nsid $((100 + d)) " "/tmp/many-mon$s.log")
			[ "$n" -eq 1 ] || { echo "surv$s: nsid $((100 + d)) deleted $n times"; return 1; }
		done
		n=$(grep -c '^Deleted' "/tmp/many-mon$s.log")
		[ "$n" -eq "$L" ] || { echo "surv$s: $n deletions"; return 1; }
	done
}
ktap_result "each survivor's monitor saw each deletion exactly once" poll 10 each_once

kill $MONS 2>/dev/null
wait 2>/dev/null
for s in $S; do ip netns del "surv$s"; done
ktap_finish
