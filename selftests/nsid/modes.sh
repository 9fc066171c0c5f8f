#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The netns_unhash modes at run time, through /sys/kernel/debug/netns/unhash
# (patches postable/0010, lab/0001-0003): each mode, switched to in the same
# boot, removes exactly the ids that name a dying namespace, and holders mode
# locks only the netns_ids that hold one.  Bad writes are EINVAL and change nothing.
# The holder lists outlive nothing they point to: a dying namespace's own
# ids for survivors are dropped, and those survivors die cleanly later.
. "$(dirname "$0")/../lib/ktap.sh"
. "$(dirname "$0")/lib.sh"

F=$UNHASH_FILE
MODES="holders batched per-net"

ktap_print_header
ktap_set_plan 9

BOOT_MODE=$(unhash_stat mode)

# counted N: cleanup_net() has counted N dying namespaces in all.
counted() { [ "$(unhash_stat dying)" -ge "$1" ]; }

boot_mode() {
	want=$(sed -n 's/.*netns_unhash=\([^ ]*\).*/\1/p' /proc/cmdline)
	[ "$BOOT_MODE" = "${want:-holders}" ] ||
		{ echo "mode '$BOOT_MODE', command line '${want:-holders}'"; cat "$F"; return 1; }
}
ktap_result "$F shows the boot's mode" boot_mode

# bad_write BYTES: printf BYTES to $F fails, and the mode stays.
bad_write() {
	before=$(cat "$F" | head -n1)
	if printf "$1" 2>/dev/null >"$F"; then
		echo "write of '$1' accepted"
		return 1
	fi
	[ "$(head -n1 "$F")" = "$before" ] || { echo "mode changed"; cat "$F"; return 1; }
}
bad() {
	for w in 'bogus' '\n' 'holders\0' 'holdersx' 'batched batched' '0123456789abcdefgh'; do
		bad_write "$w" || return 1
	done
}
ktap_result "unknown, empty, NUL-carrying and long modes are refused" bad

# One round in MODE: a and b hold ids for each other, this namespace holds
# one for each, c holds one for a; b dies.  Its ids here and in a go (2),
# the id b held for a goes with it, and the rest stays.
round() {
	mode=$1
	echo "$mode" >"$F" && [ "$(unhash_stat mode)" = "$mode" ] ||
		{ echo "cannot switch to $mode"; return 1; }
	ip netns add m-a && ip netns add m-b && ip netns add m-c &&
		ip netns set m-a 21 && ip netns set m-b 22 &&
		ip -n m-a netns set m-b 23 && ip -n m-b netns set m-a 24 &&
		ip -n m-c netns set m-a 25 || { echo "setup failed"; return 1; }
	r0=$(unhash_stat removed) v0=$(unhash_stat visited) d0=$(unhash_stat dying)
	ip netns del m-b
	# The batch is done when its dying namespace is counted.
	slowwait 30 counted $((d0 + 1)) ||
		{ echo "b's teardown never counted"; cat "$F"; return 1; }
	removed=$(($(unhash_stat removed) - r0)) visited=$(($(unhash_stat visited) - v0))
	lacks() { ! ids_in "$1" | grep -qx "$2"; }
	keeps() { ids_in "$1" | grep -qx "$2"; }
	lacks "" 22 && lacks m-a 23 && keeps "" 21 && keeps m-c 25 ||
		{ echo "ids after b died: here $(ids_in | tr '\n' ' '), in a $(ids_in m-a | tr '\n' ' ')"; return 1; }
	[ "$removed" -eq 2 ] || { echo "$mode: removed $removed ids, not 2"; return 1; }
	# holders locks exactly the two holders; a walk locks every survivor.
	if [ "$mode" = holders ]; then
		[ "$visited" -eq 2 ] || { echo "holders: visited $visited, not 2"; return 1; }
	else
		[ "$visited" -ge 3 ] || { echo "$mode: visited $visited, fewer than the 3 survivors"; return 1; }
	fi
	# a and c die next, after b's ids for a were dropped with b.
	ip netns del m-a && ip netns del m-c
	slowwait 30 counted $((d0 + 3)) ||
		{ echo "a and c never torn down"; cat "$F"; return 1; }
	lacks "" 21 || { echo "a's id still here"; return 1; }
}
for mode in $MODES; do
	ktap_result "$mode: switched to at run time" sh -c "echo $mode >$F && grep -qx 'mode $mode' $F"
	ktap_result "$mode: b's ids removed from its 2 holders, exactly, the rest kept" round "$mode"
done
echo "$BOOT_MODE" >"$F"
ktap_result "back to the boot's mode" sh -c "grep -qx 'mode $BOOT_MODE' $F"
ktap_finished
