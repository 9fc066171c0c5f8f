#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Many nsids: each of M surviving namespaces holds an nsid for each of L
# namespaces that are then destroyed together (one process holds them all
# and exits, so that a teardown batch takes several of them, with the
# holders they share), and one for another survivor.  Every id of a dead
# namespace must disappear from every survivor, every survivor-to-survivor
# id must stay, and "ip monitor nsid" in each survivor must report each
# deletion exactly once and nothing else.
# Run in every netns_locking/netns_unhash mode of the test kernel (the mode
# is on the kernel command line).
#
# Monitors are checked with sentinels rather than by polling until a count
# first looks right: a new id given to a sentinel namespace in every
# survivor is an event each monitor must print, and netlink delivers a
# socket's events in order, so once a monitor has printed the sentinel it
# has printed everything before it.
. "$(dirname "$0")/../lib/ktap.sh"
. "$(dirname "$0")/lib.sh"

M=${lab_nsid_survivors:-6}
L=${lab_nsid_dying:-20}
S=$(seq 1 "$M")
D=$(seq 1 "$L")

ktap_print_header
ktap_set_plan 8
ktap_print_msg "kernel command line: $(cat /proc/cmdline)"

setup() {
	for s in $S; do ip netns add "surv$s" || return 1; done
	for d in $D; do ip netns add "dying$d" || return 1; done
	ip netns add done
}
ktap_result "create $M survivors and $L namespaces to destroy" setup

# Survivor s gives dying namespace d the id 100 + d, and the next survivor
# the id 50 + s.
next_of() { echo $(($1 % M + 1)); }
assign() {
	for s in $S; do
		for d in $D; do
			ip -n "surv$s" netns set "dying$d" $((100 + d)) || return 1
		done
		ip -n "surv$s" netns set "surv$(next_of "$s")" $((50 + s)) || return 1
	done
}
ktap_result "assign $((M * (L + 1))) nsids" assign

all_assigned() {
	for s in $S; do
		ids=$(ids_in "surv$s") || { echo "$ids"; return 1; }
		n=$(echo "$ids" | grep -c '^1[0-9][0-9]$')
		[ "$n" -eq "$L" ] || { echo "surv$s has $n ids for dying namespaces"; return 1; }
		echo "$ids" | grep -qx $((50 + s)) || { echo "surv$s lacks $((50 + s))"; return 1; }
	done
}
ktap_result "every survivor lists its $((L + 1)) ids" all_assigned

MONS=""
for s in $S; do
	/usr/bin/ip -n "surv$s" monitor nsid > "/tmp/many-mon$s.log" 2>&1 &
	MONS="$MONS $!"
done
# sentinel NAME ID: every survivor gives namespace NAME the id ID, and every
# monitor prints it (so it is subscribed, and has printed all before it).
sentinel() {
	for s in $S; do
		ip -n "surv$s" netns set "$1" "$2" || return 1
	done
	for s in $S; do
		slowwait 20 grep -q "^nsid $2 " "/tmp/many-mon$s.log" ||
			{ echo "surv$s's monitor never printed nsid $2"; return 1; }
	done
}
# A monitor opens its socket before it joins the group: retry with a new
# sentinel namespace until every monitor has caught one.
monitors_ready() {
	for try in 1 2 3 4 5; do
		ip netns add "ready$try" || return 1
		sentinel "ready$try" $((240 + try)) && return 0
	done
	return 1
}
ktap_result "a subscribed monitor in every survivor" monitors_ready

HELD=/tmp/many-held
rm -f "$HELD"
(
	for d in $D; do exec {fd}<"/run/netns/dying$d" || exit 1; done
	: >"$HELD"
	exec sleep 1000
) &
HOLDER=$!
slowwait 20 test -e "$HELD" || ktap_print_msg "the holder of the dying namespaces never started"
for d in $D; do ip netns del "dying$d"; done
batches0=$(unhash_stat batches) dying0=$(unhash_stat dying)
kill "$HOLDER"
wait "$HOLDER" 2>/dev/null
none_left() {
	for s in $S; do
		ids=$(ids_in "surv$s") || { echo "$ids"; return 1; }
		! echo "$ids" | grep -q '^1[0-9][0-9]$' || return 1
	done
}
ktap_result "all ids of the dead gone from every survivor" slowwait 60 none_left

survivors_kept() {
	for s in $S; do
		ids=$(ids_in "surv$s") || { echo "$ids"; return 1; }
		echo "$ids" | grep -qx $((50 + s)) || { echo "surv$s lost $((50 + s))"; return 1; }
	done
}
ktap_result "every survivor-to-survivor id is still there" survivors_kept

# Exactly the L deletions, each once: counted after the final sentinel.
each_once() {
	sentinel done 250 || return 1
	for s in $S; do
		log=/tmp/many-mon$s.log
		for d in $D; do
			n=$(grep -c "^Deleted nsid $((100 + d)) " "$log")
			[ "$n" -eq 1 ] || { echo "surv$s: nsid $((100 + d)) deleted $n times"; return 1; }
		done
		n=$(grep -c '^Deleted' "$log")
		[ "$n" -eq "$L" ] || { echo "surv$s: $n deletions, expected $L"; return 1; }
	done
}
ktap_result "each survivor's monitor saw each deletion exactly once, and no other" each_once

# That the L shared batches: otherwise the teardown never had two dying
# namespaces with the same holders, and the checks above proved less.
shared_batches() {
	slowwait 60 drained || { echo "cleanup_net() still running"; return 1; }
	batches=$(($(unhash_stat batches) - batches0)) dying=$(($(unhash_stat dying) - dying0))
	echo "the $L went in $batches batches ($dying torn down)"
	[ "$dying" -ge "$L" ] && [ "$batches" -lt "$L" ]
}
ktap_result "the $L namespaces were torn down in fewer than $L batches" shared_batches

kill $MONS 2>/dev/null
wait 2>/dev/null
for s in $S; do ip netns del "surv$s"; done
for try in 1 2 3 4 5; do ip netns del "ready$try" 2>/dev/null; done
ip netns del done
ktap_finished
