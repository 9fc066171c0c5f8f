#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A namespace whose setup fails after it was named.  The lab series' knob
# /sys/kernel/debug/netns/fail_setup fails the next setups in their last
# pernet init, after that init has named the new namespace here (in the
# initial namespace), named this namespace in it, and named it in itself.
# copy_net_ns() frees such a namespace without cleanup_net(): the ids must
# go with it, or this namespace keeps an id for freed memory (which the
# stress kernel's KASAN reports when a later teardown walks it).
. "$(dirname "$0")/../lib/ktap.sh"
. "$(dirname "$0")/lib.sh"

F=/sys/kernel/debug/netns/fail_setup
ROUNDS=${lab_nsid_setup_fail:-20}

ktap_print_header
ktap_set_plan 4

# The ids here before, once earlier tests' namespaces are gone (their ids
# here go with them); what a failed setup leaves would be an id added since.
slowwait 300 drained || ktap_print_msg "namespace cleanup still running after 300 s"
ids_in >/tmp/setup_fail.before || ktap_print_msg "$(cat /tmp/setup_fail.before)"

fails() {
	echo 1 >"$F" || return 1
	if out=$(unshare -n true 2>&1); then
		echo "unshare -n succeeded with $F set"
		return 1
	fi
	echo "$out" | grep -Eq 'Cannot allocate memory|Out of memory' ||
		{ echo "unshare -n failed otherwise: $out"; return 1; }
	[ "$(cat "$F")" = 0 ] || { echo "$F is $(cat "$F") after one failure"; return 1; }
}
ktap_result "a setup failing after its namespace was named is refused (ENOMEM)" fails

ids_kept() {
	after=$(ids_in) || { echo "$after"; return 1; }
	added=$(echo "$after" | grep -vxF -f /tmp/setup_fail.before)
	[ -z "$added" ] ||
		{ echo "nsids here before: [$(echo $(cat /tmp/setup_fail.before))], added: [$(echo $added)]"; return 1; }
}
ktap_result "the id it was given here is taken back" ids_kept

many() {
	echo "$ROUNDS" >"$F" || return 1
	for i in $(seq 1 "$ROUNDS"); do
		! unshare -n true 2>/dev/null || { echo "round $i: unshare -n succeeded"; return 1; }
	done
	[ "$(cat "$F")" = 0 ] || { echo "$F is $(cat "$F") after $ROUNDS failures"; return 1; }
	ids_kept
}
ktap_result "$ROUNDS failed setups in a row leave no id behind" many

# Namespaces made and named after the failures die cleanly, in whichever
# unhash mode this boot runs: a walk would read any stale id's namespace.
later() {
	echo 0 >"$F"
	for n in 1 2 3; do ip netns add "sf$n" || return 1; done
	for n in 1 2 3; do
		ip netns set "sf$n" auto || return 1
		ip -n "sf$n" netns set "sf$((n % 3 + 1))" auto || return 1
	done
	for n in 1 2 3; do ip netns del "sf$n" || return 1; done
	slowwait 60 ids_kept
}
ktap_result "namespaces named afterwards are torn down and unhashed" later

echo 0 >"$F"
ktap_finished
